using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-CRITERIACHANGED: the criteria or weights in force differ from those announced.</summary>
internal sealed class CCriteriaChanged : IIndicator
{
    public string Code => "C-CRITERIACHANGED";
    public string Title => "Criteria changed after announcement";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "A criteria version was created after the announcement, changing the criteria or weights the candidates applied under.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changed = await run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.AnnouncedCriteriaVersion != null && c.CriteriaVersion > c.AnnouncedCriteriaVersion)
            .Select(c => new { c.Id, c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt, c.AnnouncedAt, Announced = c.AnnouncedCriteriaVersion!.Value, Current = c.CriteriaVersion })
            .ToListAsync(cancellationToken);
        foreach (var c in changed)
        {
            var criteria = await run.Db.CompetitionCriteria.AsNoTracking()
                .Where(x => x.CompetitionId == c.Id && (x.CriteriaVersion == c.Announced || x.CriteriaVersion == c.Current))
                .OrderBy(x => x.Id).ToListAsync(cancellationToken);
            var before = criteria.Where(x => x.CriteriaVersion == c.Announced).ToDictionary(x => x.Name, StringComparer.Ordinal);
            var after = criteria.Where(x => x.CriteriaVersion == c.Current).ToDictionary(x => x.Name, StringComparer.Ordinal);
            var changes = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
                .Select(name => new CriterionChange(name, before.GetValueOrDefault(name)?.Weight, after.GetValueOrDefault(name)?.Weight,
                    before.GetValueOrDefault(name)?.MaxScore, after.GetValueOrDefault(name)?.MaxScore))
                .Where(x => x.WeightBefore != x.WeightAfter || x.MaxScoreBefore != x.MaxScoreAfter)
                .ToList();
            var changedAt = criteria.Where(x => x.CriteriaVersion == c.Current).Select(x => (DateTime?)x.CreatedAt).Min();
            yield return new Finding(c.Id, "", c.EnterpriseId, c.Date, [],
                new Dictionary<string, object?>
                {
                    ["announcedVersion"] = c.Announced,
                    ["currentVersion"] = c.Current,
                    ["announcedAt"] = c.AnnouncedAt,
                    ["changedAt"] = changedAt,
                    ["changes"] = changes,
                },
                changes.Count == 0
                    ? $"The criteria were re-issued after the announcement (version {c.Announced} announced, version {c.Current} in force)."
                    : $"The criteria changed after the announcement (version {c.Announced} to {c.Current}): {string.Join("; ", changes.Select(Describe))}.");
        }
    }

    private sealed record CriterionChange(string Criterion, decimal? WeightBefore, decimal? WeightAfter, int? MaxScoreBefore, int? MaxScoreAfter);

    private static string Describe(CriterionChange x) => (x.WeightBefore, x.WeightAfter) switch
    {
        (null, { } w) => $"'{x.Criterion}' added at {Fmt.Num(w)}%",
        ({ } w, null) => $"'{x.Criterion}' removed (was {Fmt.Num(w)}%)",
        ({ } a, { } b) when a != b => $"'{x.Criterion}' {Fmt.Num(a)}% to {Fmt.Num(b)}%",
        _ => $"'{x.Criterion}' scale changed",
    };
}
