using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// The ranking from weighted scores. Names only for those who may see personal data; others see labels.
/// A member sees it after submitting all own scores (it would otherwise reveal the others' scores).
/// </summary>
public static class GetRanking
{
    public sealed record Query(int CompetitionId) : IRequest<Result>;

    public sealed record Result(int CriteriaVersion, IReadOnlyList<Entry> Ranking);

    public sealed record Entry(int Rank, int CandidateId, string Label, string? FullName, decimal WeightedScore, int ScoreCount, bool Shortlisted);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, IMediator mediator) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var competition = await db.Competitions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CompetitionId, cancellationToken)
                ?? throw new NotFoundException("Competition", request.CompetitionId);
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, competition, cancellationToken);
            if (viewer.Member is not null && !viewer.Auditor)
            {
                // Reuse the blind-scoring rule: the member must have seen everyone's scores to see the ranking.
                var scores = await mediator.Send(new ListScores.Query(competition.Id), cancellationToken);
                if (scores.OthersSealed) throw new ForbiddenException("The ranking is sealed until you have submitted all your scores.");
            }
            else if (!viewer.Auditor && !viewer.Organiser && !viewer.IsObserver)
            {
                throw new ForbiddenException("The ranking is visible to the commission, accredited observers, auditors and the organiser only.");
            }

            var ranking = await CompetitionRanking.ForCompetitionAsync(db, competition, cancellationToken);
            var candidates = await db.Candidates.AsNoTracking().Where(c => c.CompetitionId == competition.Id).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.FullName, c.Shortlisted }).ToListAsync(cancellationToken);
            var personal = viewer.SeesPersonalData;
            return new Result(competition.CriteriaVersion, ranking.Select(r =>
            {
                var index = candidates.FindIndex(c => c.Id == r.CandidateId);
                return new Entry(r.Rank, r.CandidateId, ListCandidates.CandidateLabel(index), personal ? candidates[index].FullName : null,
                    r.WeightedScore, r.ScoreCount, candidates[index].Shortlisted);
            }).ToList());
        }
    }
}
