using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// C-OUTLIER: a member's score for a candidate on a criterion lies further from the panel's median than a share of
/// the criterion's scale. One flag per member and candidate, listing the criteria that deviate.
/// </summary>
internal sealed class COutlierScore : IIndicator
{
    public string Code => "C-OUTLIER";
    public string Title => "Outlier score";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "A counted member's score differs from the panel median by more than ThresholdPercent of the criterion's scale (panels of at least MinPanel scores).";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("ThresholdPercent", ParameterKind.Percent, 25m, "The largest acceptable distance from the median, as a percentage of the criterion's maximum score."),
        new("MinPanel", ParameterKind.Count, 3m, "The fewest scores on a candidate and criterion for a median to mean something.", 100m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var threshold = run.Parameters["ThresholdPercent"];
        var minPanel = Math.Max(2, run.Parameters.Count("MinPanel"));
        var competitions = await run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => run.Db.CandidateScores.Any(s => s.CompetitionId == c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var competition in competitions)
        {
            var panel = await CompetitionQueries.PanelAsync(run.Db, competition, cancellationToken);
            var counted = panel.Counted.ToDictionary(m => m.Id);
            var scores = panel.Scores.Where(s => counted.ContainsKey(s.MemberId) && panel.EligibleCandidates.Contains(s.CandidateId)).ToList();
            var deviations = new List<(int MemberId, int CandidateId, object Detail)>();
            foreach (var cell in scores.GroupBy(s => (s.CandidateId, s.CriterionId)))
            {
                if (cell.Count() < minPanel) continue;
                var criterion = panel.Criteria.First(c => c.Id == cell.Key.CriterionId);
                var median = Median(cell.Select(s => s.Value));
                foreach (var score in cell.OrderBy(s => s.MemberId))
                {
                    var distance = Math.Abs(score.Value - median);
                    // Exact: distance / max > threshold% <=> distance * 100 > threshold * max.
                    if (distance * 100m <= threshold * criterion.MaxScore) continue;
                    deviations.Add((score.MemberId, cell.Key.CandidateId, new
                    {
                        criterionId = criterion.Id, criterion = criterion.Name, score = score.Value, median, maxScore = criterion.MaxScore,
                        deviationPercent = decimal.Round(distance * 100m / criterion.MaxScore, 1),
                    }));
                }
            }
            foreach (var group in deviations.GroupBy(d => (d.MemberId, d.CandidateId)).OrderBy(g => g.Key.MemberId).ThenBy(g => g.Key.CandidateId))
            {
                var member = counted[group.Key.MemberId];
                yield return new Finding(competition.Id, $"member:{member.Id}:candidate:{group.Key.CandidateId}", competition.EnterpriseId,
                    CompetitionQueries.ProcedureDate(competition), [],
                    new Dictionary<string, object?>
                    {
                        ["memberId"] = member.Id,
                        ["member"] = member.FullName,
                        ["candidateId"] = group.Key.CandidateId,
                        ["thresholdPercent"] = threshold,
                        ["criteria"] = group.Select(d => d.Detail).ToList(),
                    },
                    $"{member.FullName}'s scores for candidate #{group.Key.CandidateId} lie more than {Fmt.Pct(threshold)} of the scale from the panel median on {group.Count()} criterion(s).");
            }
        }
    }

    private static decimal Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }
}
