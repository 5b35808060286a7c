using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Every criteria version, oldest first; versions after the announced one are changes after the announcement.</summary>
public static class GetCriteriaHistory
{
    public sealed record Query(int CompetitionId) : IRequest<Result>;

    public sealed record Result(int CurrentVersion, int? AnnouncedVersion, IReadOnlyList<VersionView> Versions);

    public sealed record VersionView(int CriteriaVersion, DateTime CreatedAt, bool Announced, bool ChangedAfterAnnouncement, IReadOnlyList<CriterionView> Criteria);

    public sealed record CriterionView(int Id, string Name, decimal Weight, int MaxScore);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken);
            var competition = await db.Competitions.AsNoTracking().Where(c => c.Id == request.CompetitionId)
                .Select(c => new { c.CriteriaVersion, c.AnnouncedCriteriaVersion }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Competition", request.CompetitionId);
            var criteria = await db.CompetitionCriteria.AsNoTracking().Where(c => c.CompetitionId == request.CompetitionId)
                .OrderBy(c => c.CriteriaVersion).ThenBy(c => c.Id).ToListAsync(cancellationToken);
            var versions = criteria.GroupBy(c => c.CriteriaVersion).Select(g => new VersionView(g.Key, g.Min(c => c.CreatedAt),
                g.Key == competition.AnnouncedCriteriaVersion,
                competition.AnnouncedCriteriaVersion is { } announced && g.Key > announced,
                g.Select(c => new CriterionView(c.Id, c.Name, c.Weight, c.MaxScore)).ToList())).ToList();
            return new Result(competition.CriteriaVersion, competition.AnnouncedCriteriaVersion, versions);
        }
    }
}
