using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Cardinal;
using ProcurementAudit.Core.Ocds.Export;

namespace ProcurementAudit.Core.Risk.Cardinal;

/// <summary>What one Cardinal result on a tender shows: evidence, the parties involved and one sentence.</summary>
public sealed record CardinalEvidence(IReadOnlyDictionary<string, object?> Evidence, IReadOnlyCollection<int> PartyIds, string Explanation);

/// <summary>
/// An OCDS Cardinal indicator over the database: the tenders are exported as compiled releases and judged by the very engine
/// the <c>indicators</c> command runs (so flags and Cardinal's output agree), and every result of Cardinal's OCID group
/// becomes a finding on its tender, with evidence read back from the tender. Indicators whose thresholds come from the
/// distribution (quartiles and fences) judge the whole population of the scope's enterprises even on a targeted rescan.
/// </summary>
internal abstract class CardinalTenderIndicator : IIndicator
{
    public abstract string Code { get; }
    public abstract string Title { get; }
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public virtual int Version => 1;
    public abstract string Description { get; }
    public virtual IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    protected abstract CardinalIndicator Indicator { get; }

    /// <summary>True when the result on one tender depends on the other tenders (fences over the distribution).</summary>
    protected virtual bool JudgesPopulation => false;

    public bool FullScanOnly => JudgesPopulation;

    /// <summary>Cardinal's settings with this indicator's section enabled and configured from the parameters.</summary>
    protected abstract CardinalSettings Configure(CardinalSettings settings, IndicatorParameters parameters);

    /// <summary>The evidence of a result on a tender (loaded with bids, tenderers, awards and suppliers).</summary>
    protected abstract CardinalEvidence Describe(Tender tender, double value, CardinalDbResult result, IndicatorParameters parameters);

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tenders = JudgesPopulation ? await CardinalDbEngine.PopulationAsync(run, this, cancellationToken) : run.Db.Tenders.InScope(run.Scope);
        var result = await CardinalDbEngine.RunAsync(run, tenders, CardinalDbEngine.Settings(s => Configure(s, run.Parameters)), cancellationToken);
        var only = run.Scope.ProcedureIds is { } ids ? new HashSet<int>(ids) : null;

        var hits = new List<(ExportedTender Tender, double Value)>();
        foreach (var (item, value) in result.Items(CardinalGroup.OCID, Indicator))
        {
            if (!result.Tenders.TryGetValue(item.Id, out var tender)) continue;
            if (only is not null && !only.Contains(tender.Id)) continue;
            hits.Add((tender, value));
        }

        foreach (var chunk in hits.Chunk(500))
        {
            var chunkIds = chunk.Select(h => h.Tender.Id).ToArray();
            var loaded = await run.Db.Tenders.AsNoTracking().AsSplitQuery()
                .Where(t => chunkIds.Contains(t.Id))
                .Include(t => t.Bids).ThenInclude(b => b.Tenderer)
                .Include(t => t.Awards).ThenInclude(a => a.Supplier)
                .ToDictionaryAsync(t => t.Id, cancellationToken);
            foreach (var (exported, value) in chunk)
            {
                if (!loaded.TryGetValue(exported.Id, out var tender)) continue;
                var described = Describe(tender, value, result, run.Parameters);
                yield return new Finding(tender.Id, "", tender.EnterpriseId, exported.Date, described.PartyIds, described.Evidence, described.Explanation);
            }
        }
    }

    // Shared readings of a tender, as Cardinal defines them.

    protected static IEnumerable<Bid> Submitted(Tender t) => t.Bids.Where(b => b.Status != BidStatus.Withdrawn);

    protected static IEnumerable<Party> Winners(Tender t) =>
        t.Awards.Where(a => a.Status == AwardStatus.Active && a.Supplier is not null).Select(a => a.Supplier!).DistinctBy(p => p.Id);

    protected static string Name(Bid bid) => bid.Tenderer?.Name ?? $"party {bid.TendererPartyId}";

    protected static string Names(IEnumerable<string> names) => string.Join(", ", names.Distinct());

    protected static Dictionary<string, object?> Common(Tender t) => new()
    {
        ["ocid"] = OcdsTenderExporter.OcidOf(t),
        ["procurementMethod"] = OcdsTenderExporter.MethodCode(t.Method),
        ["procurementMethodDetails"] = t.MethodDetails,
    };
}
