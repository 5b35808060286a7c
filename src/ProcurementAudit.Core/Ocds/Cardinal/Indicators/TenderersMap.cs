using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>For <c>--map</c>: the tenderers that submitted bids in each process (used with R025, R038, R048).</summary>
internal sealed class TenderersMap : ICardinalIndicator
{
    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        foreach (var bid in state.SubmittedBids(release))
        {
            if (!bid.TryGetArray("tenderers"u8, out var tenderers)) continue;
            foreach (var tenderer in tenderers.EnumerateArray())
                if (state.TryIntern(tenderer, "id"u8, out string id))
                    CardinalMaps.Add(state.Maps!.OcidTenderer, ocid, id);
        }
    }

    public void Merge(IndicatorState into, IndicatorState from) => CardinalMaps.Extend(into.Maps!.OcidTenderer, from.Maps!.OcidTenderer);
}
