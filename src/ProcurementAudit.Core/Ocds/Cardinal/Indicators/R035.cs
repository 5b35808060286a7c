using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// All except winning bid disqualified: one tenderer has valid bids, it is exactly the set of active suppliers, and at least
/// the threshold number of other tenderers were disqualified (the value is that number).
/// </summary>
internal sealed class R035(CountThresholdSettings settings) : ICardinalIndicator
{
    private readonly ulong _threshold = Math.Max(settings.Threshold ?? 1, 1);

    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!Release.TryGetCompleteAwardsAndBids(release, state.CompleteAwards, out var details)) return;

        var (suppliers, valid, disqualified) = (state.ScratchA, state.ScratchB, state.ScratchC);
        suppliers.Clear();
        valid.Clear();
        disqualified.Clear();
        foreach (var award in state.CompleteAwards)
        {
            if (!award.TryGetArray("suppliers"u8, out var awardSuppliers)) continue;
            foreach (var supplier in awardSuppliers.EnumerateArray())
                if (state.TryIntern(supplier, "id"u8, out string id)) suppliers.Add(id);
        }
        foreach (var bid in details.EnumerateArray())
        {
            if (!bid.TryGetString("status"u8, out JsonElement status) || !bid.TryGetArray("tenderers"u8, out var tenderers)) continue;
            var set = status.ValueEquals("valid"u8) ? valid : status.ValueEquals("disqualified"u8) ? disqualified : null;
            if (set is null) continue; // invited, pending, withdrawn
            foreach (var tenderer in tenderers.EnumerateArray())
                if (state.TryIntern(tenderer, "id"u8, out string id)) set.Add(id);
        }

        // Not applicable to several winners: a buyer may aggregate bids into one award and sign several contracts.
        if (valid.Count != 1 || !valid.SetEquals(suppliers)) return;
        var others = disqualified.Count(id => !valid.Contains(id));
        if ((ulong)others < _threshold) return;
        var winner = valid.First();
        state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R035, others);
        state.SetResult(CardinalGroup.Tenderer, winner, CardinalIndicator.R035, 0.0);
        if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR035, ocid, winner);
    }

    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR035, from.Maps!.OcidTendererR035);
    }
}
