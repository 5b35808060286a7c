using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// The competition's public shape: criteria (current version), counts and the decision's status. Candidates' personal
/// data is not part of this view.
/// </summary>
public static class GetCompetition
{
    public sealed record Query(int Id) : IRequest<CompetitionDetails>;

    public sealed record CompetitionDetails(int Id, int EnterpriseId, string EnterpriseName, string Post, CompetitionStatus Status,
        DateTime? AnnouncedAt, DateTime? ApplicationDeadline, DateTime? PlannedDecisionDate, DateTime? PublishedAt, int CriteriaVersion,
        IReadOnlyList<CriterionView> Criteria, int CandidateCount, int EligibleCount, int CommissionSize, int ObserverCount, bool Decided, int Version);

    public sealed record CriterionView(int Id, string Name, decimal Weight, int MaxScore);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, CompetitionDetails>
    {
        public async Task<CompetitionDetails> Handle(Query request, CancellationToken cancellationToken)
        {
            var result = await db.Competitions.AsNoTracking().Where(c => c.Id == request.Id)
                .Select(c => new CompetitionDetails(c.Id, c.EnterpriseId, c.Enterprise!.Name, c.Post, c.Status, c.AnnouncedAt, c.ApplicationDeadline,
                    c.PlannedDecisionDate, c.PublishedAt, c.CriteriaVersion,
                    c.Criteria.Where(x => x.CriteriaVersion == c.CriteriaVersion).OrderBy(x => x.Id).Select(x => new CriterionView(x.Id, x.Name, x.Weight, x.MaxScore)).ToList(),
                    c.Candidates.Count, c.Candidates.Count(x => x.Eligibility == EligibilityDecision.Eligible), c.Commission.Count, c.Observers.Count,
                    c.Decision != null, c.Version))
                .SingleOrDefaultAsync(cancellationToken);
            var seated = result is not null && actor.IsInRole(Roles.CommissionMember)
                && await db.CommissionMembers.AnyAsync(m => m.CompetitionId == result.Id && m.UserId == actor.Id, cancellationToken);
            if (result is null || !(seated || actor.CanReadCompetition(result.EnterpriseId, result.Id)))
                throw new NotFoundException("Competition", request.Id);
            return result;
        }
    }
}
