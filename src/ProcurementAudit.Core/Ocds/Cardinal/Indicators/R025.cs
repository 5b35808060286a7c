using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// Excessive unsuccessful bids: tenderers among the most active (valid-bid processes at or above the percentile) whose ratio
/// of won processes is a low outlier.
/// </summary>
internal sealed class R025(R025Settings settings) : ICardinalIndicator
{
    private readonly ulong _percentile = settings.Percentile ?? 75;

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!Release.TryGetCompleteAwards(release, state.CompleteAwards)
            || !Release.TryGetSingleSupplier(release, state.CompleteAwards, out var supplierId))
            return;

        // A tenderer counts once per process, whatever its number of bids.
        var valid = state.ScratchA;
        valid.Clear();
        foreach (ref readonly var bid in release.BidSpan)
            if (bid.Status == FactStatus.Valid && release.TryGetOnlyId(bid.Tenderers, out var id)) valid.Add(id);
        foreach (var id in valid)
            IndicatorState.FractionFor(state.R025Tenderer, id).Add(id == supplierId ? 1 : 0, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from) => IndicatorState.Sum(into.R025Tenderer, from.R025Tenderer);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finalize(IndicatorState state)
    {
        var upperFence = Quantiles.Percentile(state.R025Tenderer.Values.Select(f => (double)f.Denominator).ToArray(), _percentile);
        double lowerFence, q1;
        if (settings.Threshold is { } threshold)
        {
            (lowerFence, q1) = (threshold, 1.0);
        }
        else
        {
            var ratios = state.R025Tenderer.Values.Select(f => f.Value).ToArray();
            (q1, var q3) = Quantiles.Quartiles(ratios);
            state.SetMeta(CardinalIndicator.R025, "q1", q1);
            state.SetMeta(CardinalIndicator.R025, "q3", q3);
            lowerFence = Quantiles.LowerFence(q1, q3);
        }
        state.SetMeta(CardinalIndicator.R025, "upper_fence", upperFence);
        state.SetMeta(CardinalIndicator.R025, "lower_fence", lowerFence);

        // Win ratios are non-negative; skip when 75% of tenderers never win, or most top tenderers would be flagged.
        if (!(q1 > 0 && lowerFence > 0)) return;
        foreach (var (id, fraction) in state.R025Tenderer.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var ratio = fraction.Value;
            if (fraction.Denominator >= upperFence && ratio <= lowerFence)
            {
                state.NextFinalizeOrder();
                state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R025, ratio);
            }
        }
    }
}
