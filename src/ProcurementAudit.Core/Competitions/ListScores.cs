using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Blind scoring: a member sees their own scores, and the others' only after submitting all their own (every
/// eligible candidate x every criterion in force). Auditors see all scores; the organiser and observers once every
/// counted member has finished. Members without a declaration and recused members get 403.
/// </summary>
public static class ListScores
{
    public sealed record Query(int CompetitionId) : IRequest<Result>;

    public sealed record Result(bool OthersSealed, int Expected, IReadOnlyList<MemberProgress> Progress, IReadOnlyList<ScoreView> Scores);

    public sealed record MemberProgress(int MemberId, int Submitted, bool Complete);

    public sealed record ScoreView(int MemberId, int CandidateId, int CriterionId, int Value, DateTime SubmittedAt);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var competition = await db.Competitions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CompetitionId, cancellationToken)
                ?? throw new NotFoundException("Competition", request.CompetitionId);
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, competition, cancellationToken);
            if (viewer.Member is not null && !viewer.ActiveMember && !viewer.Auditor)
                throw new ForbiddenException(viewer.Member.DeclarationFiledAt is null
                    ? "File your conflict-of-interest declaration first." : "A recused member has no access to the scores.");
            if (!viewer.ActiveMember && !viewer.Auditor && !viewer.Organiser && !viewer.IsObserver)
                throw new ForbiddenException("Scores are visible to the commission, accredited observers, auditors and the organiser only.");

            var criteria = await CompetitionRanking.CurrentCriteriaAsync(db, competition, cancellationToken);
            var criterionIds = criteria.Select(c => c.Id).ToList();
            var eligibleCount = await db.Candidates.CountAsync(c => c.CompetitionId == competition.Id && c.Eligibility == EligibilityDecision.Eligible, cancellationToken);
            var expected = eligibleCount * criteria.Count;
            var scores = await db.CandidateScores.AsNoTracking().Where(s => s.CompetitionId == competition.Id && criterionIds.Contains(s.CriterionId))
                .OrderBy(s => s.MemberId).ThenBy(s => s.CandidateId).ThenBy(s => s.CriterionId).ToListAsync(cancellationToken);
            var counted = await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == competition.Id && m.Voting && m.RecusedAt == null)
                .Select(m => m.Id).ToListAsync(cancellationToken);
            var progress = counted.Select(id =>
            {
                var submitted = scores.Count(s => s.MemberId == id);
                return new MemberProgress(id, submitted, expected > 0 && submitted >= expected);
            }).ToList();

            bool othersVisible;
            if (viewer.Auditor) othersVisible = true;
            else if (viewer.ActiveMember) othersVisible = progress.FirstOrDefault(p => p.MemberId == viewer.Member!.Id)?.Complete ?? false;
            else othersVisible = progress.Count > 0 && progress.All(p => p.Complete);

            var visible = othersVisible ? scores : scores.Where(s => viewer.ActiveMember && s.MemberId == viewer.Member!.Id).ToList();
            return new Result(!othersVisible, expected, progress,
                visible.Select(s => new ScoreView(s.MemberId, s.CandidateId, s.CriterionId, s.Value, s.SubmittedAt)).ToList());
        }
    }
}
