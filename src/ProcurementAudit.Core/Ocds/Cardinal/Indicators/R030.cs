using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Late bid won: a valid bid dated after the tender period's end, by a supplier of an active award.</summary>
internal sealed class R030 : ICardinalIndicator
{
    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!release.TryGetObject("tender"u8, out var tender)
            || !tender.TryGetObject("tenderPeriod"u8, out var period)
            || !period.TryGetString("endDate"u8, out string endDate)
            || !release.TryGetArray("awards"u8, out var awards)
            || !release.TryGetObject("bids"u8, out var bids)
            || !bids.TryGetArray("details"u8, out var details))
            return;

        HashSet<string>? suppliers = null;
        foreach (var award in awards.EnumerateArray())
        {
            if (!award.StringIs("status"u8, "active"u8) || !award.TryGetArray("suppliers"u8, out var awardSuppliers)) continue;
            foreach (var supplier in awardSuppliers.EnumerateArray())
                if (supplier.TryGetString("id"u8, out string id)) (suppliers ??= new(StringComparer.Ordinal)).Add(id);
        }
        if (suppliers is null) return;

        foreach (var bid in details.EnumerateArray())
        {
            // Dates compare as strings, as in Cardinal.
            if (!bid.StringIs("status"u8, "valid"u8)
                || !bid.TryGetString("date"u8, out string date)
                || !bid.TryGetArray("tenderers"u8, out var tenderers)
                || string.CompareOrdinal(date, endDate) <= 0)
                continue;
            foreach (var tenderer in tenderers.EnumerateArray())
            {
                if (!tenderer.TryGetString("id"u8, out string id) || !suppliers.Contains(id)) continue;
                state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R030, 1.0);
                state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R030, 1.0);
                if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR030, ocid, id);
            }
        }
    }

    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR030, from.Maps!.OcidTendererR030);
    }
}
