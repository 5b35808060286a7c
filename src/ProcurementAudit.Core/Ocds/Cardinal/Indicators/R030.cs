using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Late bid won: a valid bid dated after the tender period's end, by a supplier of an active award.</summary>
internal sealed class R030 : ICardinalIndicator
{
    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!release.TryGetObject("tender"u8, out var tender)
            || !tender.TryGetObject("tenderPeriod"u8, out var period)
            || !period.TryGetString("endDate"u8, out JsonElement endDate)
            || !release.TryGetArray("awards"u8, out var awards)
            || !release.TryGetObject("bids"u8, out var bids)
            || !bids.TryGetArray("details"u8, out var details))
            return;

        var suppliers = state.ScratchA;
        suppliers.Clear();
        foreach (var award in awards.EnumerateArray())
        {
            if (!award.StringIs("status"u8, "active"u8) || !award.TryGetArray("suppliers"u8, out var awardSuppliers)) continue;
            foreach (var supplier in awardSuppliers.EnumerateArray())
                if (state.TryIntern(supplier, "id"u8, out string id)) suppliers.Add(id);
        }
        if (suppliers.Count == 0) return;

        foreach (var bid in details.EnumerateArray())
        {
            // Dates compare as strings, as in Cardinal.
            if (!bid.StringIs("status"u8, "valid"u8)
                || !bid.TryGetString("date"u8, out JsonElement date)
                || !bid.TryGetArray("tenderers"u8, out var tenderers)
                || CompareStrings(date, endDate) <= 0)
                continue;
            foreach (var tenderer in tenderers.EnumerateArray())
            {
                if (!state.TryIntern(tenderer, "id"u8, out string id) || !suppliers.Contains(id)) continue;
                state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R030, 1.0);
                state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R030, 1.0);
                if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR030, ocid, id);
            }
        }
    }

    /// <summary>Byte-wise comparison of the UTF-8 values, as Rust compares Strings; escaped text is decoded first.</summary>
    private static int CompareStrings(JsonElement a, JsonElement b)
    {
        var x = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(a)[1..^1]; // without the quotes
        var y = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(b)[1..^1];
        if (x.IndexOf((byte)'\\') < 0 && y.IndexOf((byte)'\\') < 0) return x.SequenceCompareTo(y);
        return System.Text.Encoding.UTF8.GetBytes(a.GetString()!).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b.GetString()!));
    }

    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR030, from.Maps!.OcidTendererR030);
    }
}
