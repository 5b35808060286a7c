using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// C-IDENTICAL: two counted members gave exactly the same scores on every candidate and criterion they both scored,
/// covering all eligible candidates (at least MinCandidates of them): a sign of copied or dictated scoring.
/// </summary>
internal sealed class CIdenticalScores : IIndicator
{
    public string Code => "C-IDENTICAL";
    public string Title => "Identical score sheets";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "Two members' score vectors are identical across all eligible candidates (at least MinCandidates).";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinCandidates", ParameterKind.Count, 2m, "The fewest candidates for identical sheets to be telling.", 100m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minCandidates = Math.Max(1, run.Parameters.Count("MinCandidates"));
        var competitions = await run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => run.Db.CandidateScores.Any(s => s.CompetitionId == c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var competition in competitions)
        {
            var panel = await CompetitionQueries.PanelAsync(run.Db, competition, cancellationToken);
            if (panel.EligibleCandidates.Count < minCandidates) continue;
            var cells = panel.EligibleCandidates.Count * panel.Criteria.Count;
            // Each member's complete sheet, as one comparable string in a fixed cell order.
            var sheets = panel.Counted
                .Select(m => (Member: m, Scores: panel.Scores.Where(s => s.MemberId == m.Id && panel.EligibleCandidates.Contains(s.CandidateId)).ToList()))
                .Where(x => x.Scores.Count == cells && cells > 0)
                .Select(x => (x.Member, Sheet: string.Join(",", x.Scores.OrderBy(s => s.CandidateId).ThenBy(s => s.CriterionId).Select(s => $"{s.CandidateId}:{s.CriterionId}={s.Value}"))))
                .ToList();
            for (var i = 0; i < sheets.Count; i++)
            {
                for (var j = i + 1; j < sheets.Count; j++)
                {
                    if (sheets[i].Sheet != sheets[j].Sheet) continue;
                    var (a, b) = (sheets[i].Member, sheets[j].Member);
                    yield return new Finding(competition.Id, $"members:{a.Id}:{b.Id}", competition.EnterpriseId, CompetitionQueries.ProcedureDate(competition), [],
                        new Dictionary<string, object?>
                        {
                            ["memberIds"] = new[] { a.Id, b.Id },
                            ["members"] = new[] { a.FullName, b.FullName },
                            ["candidates"] = panel.EligibleCandidates.Count,
                            ["criteria"] = panel.Criteria.Count,
                            ["identicalScores"] = cells,
                        },
                        $"{a.FullName} and {b.FullName} gave identical scores on all {cells} candidate-criterion pairs ({panel.EligibleCandidates.Count} candidates).");
                }
            }
        }
    }
}
