using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>One candidate's place: rank 1 is the top (ties share a rank); the score is 0..100.</summary>
public sealed record RankedCandidate(int CandidateId, int Rank, decimal WeightedScore, int ScoreCount);

/// <summary>
/// The ranking from weighted scores: for each criterion of the version in force, the mean of the counted members'
/// scores as a share of the criterion's maximum, weighted by the criterion's weight (weights add up to 100).
/// Counted members vote and are not recused; a recusal removes the member's scores from the ranking.
/// </summary>
public static class CompetitionRanking
{
    public static IReadOnlyList<RankedCandidate> Compute(IReadOnlyCollection<CompetitionCriterion> criteria, IEnumerable<int> eligibleCandidateIds,
        IReadOnlyCollection<CandidateScore> scores, IReadOnlySet<int> countedMemberIds)
    {
        var counted = scores.Where(s => countedMemberIds.Contains(s.MemberId)).ToList();
        var scored = new List<(int CandidateId, decimal Score, int Count)>();
        foreach (var candidateId in eligibleCandidateIds)
        {
            var own = counted.Where(s => s.CandidateId == candidateId).ToList();
            if (own.Count == 0) continue;
            decimal total = 0;
            foreach (var criterion in criteria)
            {
                var values = own.Where(s => s.CriterionId == criterion.Id).Select(s => (decimal)s.Value).ToList();
                if (values.Count == 0) continue;
                total += criterion.Weight * (values.Average() / criterion.MaxScore);
            }
            scored.Add((candidateId, decimal.Round(total, 4), own.Count));
        }
        var ordered = scored.OrderByDescending(s => s.Score).ThenBy(s => s.CandidateId).ToList();
        var result = new List<RankedCandidate>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? result[i - 1].Rank : i + 1;
            result.Add(new RankedCandidate(ordered[i].CandidateId, rank, ordered[i].Score, ordered[i].Count));
        }
        return result;
    }

    /// <summary>Loads what the ranking needs and computes it.</summary>
    public static async Task<IReadOnlyList<RankedCandidate>> ForCompetitionAsync(AuditDbContext db, Competition competition, CancellationToken ct)
    {
        var criteria = await CurrentCriteriaAsync(db, competition, ct);
        var eligible = await db.Candidates.AsNoTracking().Where(c => c.CompetitionId == competition.Id && c.Eligibility == EligibilityDecision.Eligible)
            .Select(c => c.Id).ToListAsync(ct);
        var criterionIds = criteria.Select(c => c.Id).ToList();
        var scores = await db.CandidateScores.AsNoTracking().Where(s => s.CompetitionId == competition.Id && criterionIds.Contains(s.CriterionId)).ToListAsync(ct);
        var counted = (await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == competition.Id && m.Voting && m.RecusedAt == null)
            .Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        return Compute(criteria, eligible, scores, counted);
    }

    public static async Task<List<CompetitionCriterion>> CurrentCriteriaAsync(AuditDbContext db, Competition competition, CancellationToken ct) =>
        await db.CompetitionCriteria.AsNoTracking().Where(c => c.CompetitionId == competition.Id && c.CriteriaVersion == competition.CriteriaVersion)
            .OrderBy(c => c.Id).ToListAsync(ct);
}
