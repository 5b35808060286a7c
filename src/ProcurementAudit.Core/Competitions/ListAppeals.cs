using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Appeals with their outcomes; the grounds may name candidates, so the same readers as the applications.</summary>
public static class ListAppeals
{
    public sealed record Query(int CompetitionId) : IRequest<IReadOnlyList<AppealView>>;

    public sealed record AppealView(int Id, int? CandidateId, DateTime FiledAt, string Grounds, string? Outcome, DateTime? DecidedAt);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<AppealView>>
    {
        public async Task<IReadOnlyList<AppealView>> Handle(Query request, CancellationToken cancellationToken)
        {
            (await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken)).RequireApplicationsAccess();
            return await db.Set<CompetitionAppeal>().AsNoTracking().Where(a => a.CompetitionId == request.CompetitionId).OrderBy(a => a.Id)
                .Select(a => new AppealView(a.Id, a.CandidateId, a.FiledAt, a.Grounds, a.Outcome, a.DecidedAt)).ToListAsync(cancellationToken);
        }
    }
}
