using System.Runtime.CompilerServices;
using System.Text;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// Heterogeneous supplier: the number of distinct classification prefixes across a supplier's active single-supplier awards
/// is at or above the upper fence (or threshold), among suppliers in enough processes.
/// </summary>
internal sealed class R048(R048Settings settings) : ICardinalIndicator
{
    private readonly int _digits = (int)Math.Min(settings.Digits ?? 2, int.MaxValue);
    private readonly ulong _minimumContractingProcesses = settings.MinimumContractingProcesses ?? 20;

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!release.HasAwards) return;
        var observed = state.ScratchA;
        observed.Clear();
        foreach (ref readonly var award in release.AwardSpan)
        {
            // Several suppliers need not supply every item, which would overcount heterogeneity: single-supplier awards only.
            if (award.Status != FactStatus.Active
                || !award.ItemClassifications.IsArray
                || !release.TryGetOnlyId(award.Suppliers, out var supplierId))
                continue;
            var classifications = release.IdsOf(award.ItemClassifications);
            if (classifications.IndexOfAnyExcept((string?)null) < 0) continue;
            if (!state.R048Classifications.TryGetValue(supplierId, out var entry))
                state.R048Classifications[supplierId] = entry = new SupplierClassifications();
            // A supplier counts once per process.
            if (observed.Add(supplierId)) entry.Processes++;
            foreach (var classificationId in classifications)
            {
                if (classificationId is null) continue;
                if (!state.Prefixes.TryGetValue(classificationId, out var prefix))
                    state.Prefixes[classificationId] = prefix = Prefix(classificationId, _digits);
                entry.Codes.Add(prefix);
            }
        }
    }

    /// <summary>The first <paramref name="digits"/> characters (Unicode scalar values, as Rust's chars()).</summary>
    private static string Prefix(string value, int digits)
    {
        if (value.Length <= digits && !value.Any(char.IsSurrogate)) return value;
        var builder = new StringBuilder();
        var taken = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (taken++ == digits) break;
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from)
    {
        foreach (var (id, theirs) in from.R048Classifications)
        {
            if (!into.R048Classifications.TryGetValue(id, out var ours))
            {
                into.R048Classifications[id] = theirs;
                continue;
            }
            ours.Processes += theirs.Processes;
            ours.Codes.UnionWith(theirs.Codes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finalize(IndicatorState state)
    {
        var lengths = state.R048Classifications
            .Where(p => (ulong)p.Value.Processes >= _minimumContractingProcesses)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Id: p.Key, Length: (double)p.Value.Codes.Count))
            .ToList();
        state.R048Classifications.Clear();

        double upperFence;
        if (settings.Threshold is { } threshold)
        {
            upperFence = threshold;
        }
        else
        {
            var data = lengths.Select(l => l.Length).ToArray();
            var (q1, q3) = Quantiles.Quartiles(data);
            state.SetMeta(CardinalIndicator.R048, "q1", q1);
            state.SetMeta(CardinalIndicator.R048, "q3", q3);
            upperFence = Quantiles.UpperFence(q1, q3);
        }
        state.SetMeta(CardinalIndicator.R048, "upper_fence", upperFence);

        foreach (var (id, length) in lengths)
        {
            if (!(length >= upperFence)) continue;
            state.NextFinalizeOrder();
            state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R048, length);
        }
    }
}
