using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// Price close to winning bid: the second-lowest bid ratio is a low outlier (at or below Tukey's lower fence, or the threshold).
/// Flags the process (value: the ratio) and both the winner and the second-lowest bidder (0.0).
/// </summary>
internal sealed class R024(RatioThresholdSettings settings) : ICardinalIndicator
{
    public void Fold(IndicatorState state, ReleaseFacts release) { }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finalize(IndicatorState state)
    {
        double lowerFence, q1;
        if (settings.Threshold is { } threshold)
        {
            (lowerFence, q1) = (threshold, 1.0); // q1 only has to pass the guard
        }
        else
        {
            (q1, var q3) = state.Ocids.RatioQuartiles();
            state.SetMeta(CardinalIndicator.R024, "q1", q1);
            state.SetMeta(CardinalIndicator.R024, "q3", q3);
            lowerFence = Quantiles.LowerFence(q1, q3);
        }
        state.SetMeta(CardinalIndicator.R024, "lower_fence", lowerFence);

        // Ratios are non-negative; if 75% of processes have none, a zero fence would flag 75% of them.
        if (!(q1 > 0 && lowerFence > 0)) return;
        foreach (var ocid in state.Ocids.RatiosInFileOrder())
        {
            var (ratio, winner, lowestNonWinner) = (state.Ocids[ocid].Ratio, state.Ocids.Name(state.Ocids[ocid].Winner), state.Ocids.Name(state.Ocids[ocid].LowestNonWinner));
            if (!(ratio <= lowerFence)) continue;
            state.NextFinalizeOrder();
            state.SetOcidResult(ocid, CardinalIndicator.R024, ratio);
            foreach (var id in new[] { winner, lowestNonWinner })
            {
                state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R024, 0.0);
                if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR024, state.Ocids.GetString(ocid), id);
            }
        }
    }
}
