using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>For <c>--map</c>: the tenderers that submitted bids in each process (used with R025, R038, R048).</summary>
internal sealed class TenderersMap : ICardinalIndicator
{
    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        foreach (ref readonly var bid in release.BidSpan)
        {
            if (!Release.IsSubmitted(bid)) continue;
            foreach (var id in release.IdsOf(bid.Tenderers))
                if (id is not null) CardinalMaps.Add(state.Maps!.OcidTenderer, state.CurrentOcidString(), id);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from) => CardinalMaps.Extend(into.Maps!.OcidTenderer, from.Maps!.OcidTenderer);
}
