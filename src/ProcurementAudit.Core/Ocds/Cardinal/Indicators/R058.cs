using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Heavily discounted bid: the second-lowest bid ratio is a high outlier. Flags the process (the ratio) and the winner (0.0).</summary>
internal sealed class R058(RatioThresholdSettings settings) : ICardinalIndicator
{
    public void Fold(IndicatorState state, ReleaseFacts release) { }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finalize(IndicatorState state)
    {
        double upperFence;
        if (settings.Threshold is { } threshold)
        {
            upperFence = threshold;
        }
        else
        {
            var (q1, q3) = state.Ocids.RatioQuartiles();
            state.SetMeta(CardinalIndicator.R058, "q1", q1);
            state.SetMeta(CardinalIndicator.R058, "q3", q3);
            upperFence = Quantiles.UpperFence(q1, q3);
        }
        state.SetMeta(CardinalIndicator.R058, "upper_fence", upperFence);

        if (!(upperFence > 0)) return;
        foreach (var ocid in state.Ocids.RatiosInFileOrder())
        {
            var (ratio, winner) = (state.Ocids[ocid].Ratio, state.Ocids.Name(state.Ocids[ocid].Winner));
            if (!(ratio >= upperFence)) continue;
            state.NextFinalizeOrder();
            state.SetOcidResult(ocid, CardinalIndicator.R058, ratio);
            state.SetResult(CardinalGroup.Tenderer, winner, CardinalIndicator.R058, 0.0);
            if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR058, state.Ocids.GetString(ocid), winner);
        }
    }
}
