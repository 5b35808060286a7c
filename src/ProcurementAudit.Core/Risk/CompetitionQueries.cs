using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// Scope filter and loaders shared by the C-* indicators. Competitions are few (one per director post), so the
/// indicators read one competition's panel at a time and judge it in memory. Evidence names candidates by id only:
/// flags are read by monitors and must not carry personal data.
/// </summary>
internal static class CompetitionQueries
{
    public static IQueryable<Competition> InScope(this IQueryable<Competition> competitions, ScanScope scope)
    {
        if (scope.ProcedureIds is { } ids)
        {
            var idList = ids.ToArray();
            competitions = competitions.Where(c => idList.Contains(c.Id));
        }
        if (scope.OnlyEnterprises is { } only)
        {
            var onlyList = only.ToArray();
            competitions = competitions.Where(c => onlyList.Contains(c.EnterpriseId));
        }
        if (scope.ExceptEnterprises is { Count: > 0 } except)
        {
            var exceptList = except.ToArray();
            competitions = competitions.Where(c => !exceptList.Contains(c.EnterpriseId));
        }
        return competitions;
    }

    /// <summary>The date a competition flag is filed under: the announcement, else the creation.</summary>
    public static DateTime ProcedureDate(Competition c) => c.AnnouncedAt ?? c.CreatedAt;

    /// <summary>The scoring panel of one competition, in the version of the criteria in force.</summary>
    public static async Task<Panel> PanelAsync(AuditDbContext db, Competition competition, CancellationToken ct)
    {
        var criteria = await CompetitionRanking.CurrentCriteriaAsync(db, competition, ct);
        var criterionIds = criteria.Select(c => c.Id).ToList();
        var eligible = await db.Candidates.AsNoTracking().Where(c => c.CompetitionId == competition.Id && c.Eligibility == EligibilityDecision.Eligible)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var members = await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == competition.Id).OrderBy(m => m.Id).ToListAsync(ct);
        var scores = await db.CandidateScores.AsNoTracking().Where(s => s.CompetitionId == competition.Id && criterionIds.Contains(s.CriterionId)).ToListAsync(ct);
        return new Panel(criteria, eligible, members, scores);
    }

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd");
}

internal sealed record Panel(IReadOnlyList<CompetitionCriterion> Criteria, IReadOnlyList<int> EligibleCandidates, IReadOnlyList<CommissionMember> Members,
    IReadOnlyList<CandidateScore> Scores)
{
    /// <summary>Members whose scores count: voting and not recused.</summary>
    public IReadOnlyList<CommissionMember> Counted => Members.Where(m => m.Voting && m.RecusedAt == null).ToList();

    public IReadOnlyList<RankedCandidate> Ranking() =>
        CompetitionRanking.Compute(Criteria.ToList(), EligibleCandidates, Scores.ToList(), Counted.Select(m => m.Id).ToHashSet());
}
