using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Cardinal;
using ProcurementAudit.Core.Ocds.Export;

namespace ProcurementAudit.Core.Risk.Cardinal;

/// <summary>The Cardinal results over database tenders, with the tender behind every ocid.</summary>
public sealed record CardinalDbResult(CardinalIndicatorsResult Result, IReadOnlyDictionary<string, ExportedTender> Tenders)
{
    public IEnumerable<(CardinalResultItem Item, double Value)> Items(CardinalGroup group, CardinalIndicator indicator) =>
        Result.Groups.Where(g => g.Group == group).SelectMany(g => g.Items)
            .SelectMany(i => i.Values.Where(v => v.Key == indicator).Select(v => (i, v.Value)));

    public double? Meta(CardinalIndicator indicator, string key) =>
        Result.Meta.Where(m => m.Indicator == indicator).SelectMany(m => m.Values).Where(v => v.Key == key).Select(v => (double?)v.Value).FirstOrDefault();
}

/// <summary>
/// Runs the file-based Cardinal engine over tenders of the database: the tenders are exported as compiled releases to a
/// temporary file (so memory stays flat however many there are), then streamed through the engine on all cores. Within
/// a scan the export is shared (<see cref="IndicatorRun.CardinalExports"/>).
/// </summary>
public static class CardinalDbEngine
{
    public static async Task<CardinalDbResult> RunAsync(IndicatorRun run, IQueryable<Tender> tenders, CardinalSettings settings, CancellationToken ct)
    {
        if (run.CardinalExports is { } shared) return await RunOnAsync(await shared.GetAsync(tenders, ct), settings, ct);
        await using var export = await CardinalExport.WriteAsync(tenders, ct);
        return await RunOnAsync(export, settings, ct);
    }

    private static async Task<CardinalDbResult> RunOnAsync(CardinalExport export, CardinalSettings settings, CancellationToken ct)
    {
        export.File.Position = 0;
        var result = await CardinalIndicators.RunAsync(export.File, settings, ct: ct);
        return new CardinalDbResult(result, export.Tenders);
    }

    /// <summary>
    /// The tenders whose distribution a fence-based indicator judges: those of the scan's run. A targeted rescan has no
    /// enterprise filter of its own, so it takes the full scan's run that holds the rescanned tenders (its conglomerate's,
    /// when that conglomerate has its own settings for the code, else the default run), and a rescan agrees with the nightly scan.
    /// </summary>
    public static async Task<IQueryable<Tender>> PopulationAsync(IndicatorRun run, IIndicator indicator, CancellationToken ct)
    {
        if (run.Scope.ProcedureIds is not { } ids) return run.Db.Tenders.InEnterpriseScope(run.Scope);
        var idList = ids.ToArray();
        var enterpriseId = await run.Db.Tenders.Where(t => idList.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.EnterpriseId).FirstOrDefaultAsync(ct);
        var plan = await new IndicatorSettingsStore(run.Db).LoadPlanAsync(ct);
        var scope = plan.RunsFor(indicator).Select(r => r.Scope).Reverse().FirstOrDefault(s => s.Admits(enterpriseId)) ?? ScanScope.Everything;
        return run.Db.Tenders.InEnterpriseScope(scope);
    }

    /// <summary>
    /// Indicator settings as Cardinal runs them over the database: the main currency is the domain's default (not "the first
    /// seen", which would depend on the order of the rows).
    /// </summary>
    public static CardinalSettings Settings(Func<CardinalSettings, CardinalSettings> enable) =>
        enable(new CardinalSettings { Currency = Money.DefaultCurrency });
}
