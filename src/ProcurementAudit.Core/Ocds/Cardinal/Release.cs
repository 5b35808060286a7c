using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>The selections of a compiled release that several Cardinal indicators share.</summary>
internal static class Release
{
    /// <summary><c>|</c>-separated values, as Rust's split_terminator: a trailing separator adds no empty value.</summary>
    public static HashSet<string> PipeSet(string? value)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value)) return set;
        var parts = value.Split('|');
        var count = parts[^1].Length == 0 ? parts.Length - 1 : parts.Length;
        for (var i = 0; i < count; i++) set.Add(parts[i]);
        return set;
    }

    public static bool IsCancelled(JsonElement release) =>
        release.TryGetObject("tender"u8, out var tender) && tender.StringIs("status"u8, "cancelled"u8);

    public static bool MatchesProcurementMethod(JsonElement tender, HashSet<string> methods)
    {
        if (methods.Count == 0) return true;
        return tender.TryGetString("procurementMethod"u8, out string method) && methods.Contains(method);
    }

    /// <summary>An allow-list applies when not empty; otherwise the deny-list does. A process without details passes only a deny-list.</summary>
    public static bool MatchesProcurementMethodDetails(JsonElement release, HashSet<string> include, HashSet<string> exclude)
    {
        if (release.TryGetObject("tender"u8, out var tender) && tender.TryGetString("procurementMethodDetails"u8, out string details))
            return include.Count == 0 ? !exclude.Contains(details) : include.Contains(details);
        return include.Count == 0;
    }

    /// <summary>
    /// Active awards and all bid details, or nothing if any award is not final (a status other than active, cancelled or
    /// unsuccessful). Awards without a string status are ignored.
    /// </summary>
    public static bool TryGetCompleteAwardsAndBids(JsonElement release, List<JsonElement> completeAwards, out JsonElement details)
    {
        completeAwards.Clear();
        details = default;
        if (!release.TryGetArray("awards"u8, out var awards)
            || !release.TryGetObject("bids"u8, out var bids)
            || !bids.TryGetArray("details"u8, out details))
            return false;
        foreach (var award in awards.EnumerateArray())
        {
            if (!award.TryGetString("status"u8, out JsonElement status)) continue;
            if (status.ValueEquals("active"u8)) completeAwards.Add(award);
            else if (!status.ValueEquals("cancelled"u8) && !status.ValueEquals("unsuccessful"u8)) return false;
        }
        return true;
    }

    /// <summary>The only supplier's id of the only complete award, when there is exactly one of each.</summary>
    public static bool TryGetSingleSupplier(List<JsonElement> completeAwards, out string supplierId)
    {
        supplierId = "";
        if (completeAwards.Count != 1 || !completeAwards[0].TryGetArray("suppliers"u8, out var suppliers) || suppliers.GetArrayLength() != 1)
            return false;
        return suppliers[0].TryGetString("id"u8, out supplierId);
    }

    /// <summary>Submitted bids: a string status other than invited or withdrawn (so pending, valid, disqualified...).</summary>
    public static void GetSubmittedBids(JsonElement release, List<JsonElement> submitted)
    {
        submitted.Clear();
        if (!release.TryGetObject("bids"u8, out var bids) || !bids.TryGetArray("details"u8, out var details)) return;
        foreach (var bid in details.EnumerateArray())
        {
            if (bid.TryGetString("status"u8, out JsonElement status) && !status.ValueEquals("invited"u8) && !status.ValueEquals("withdrawn"u8))
                submitted.Add(bid);
        }
    }

    /// <summary>Valid bids with a numeric amount, a string currency and exactly one tenderer with a string id.</summary>
    public static bool TryGetValidBidTuple(JsonElement bid, out JsonElement tendererId, out double amount, out JsonElement currency)
    {
        tendererId = default;
        currency = default;
        amount = 0;
        return bid.StringIs("status"u8, "valid"u8)
            && bid.TryGetObject("value"u8, out var value)
            && value.TryGetNumber("amount"u8, out amount)
            && value.TryGetString("currency"u8, out currency)
            && bid.TryGetArray("tenderers"u8, out var tenderers)
            && tenderers.GetArrayLength() == 1
            && tenderers[0].TryGetString("id"u8, out tendererId);
    }
}

/// <summary>statrs' order statistics (the R-8 quantile), which Cardinal's fences use.</summary>
internal static class Quantiles
{
    public static double Quantile(double[] data, double tau)
    {
        if (tau is < 0 or > 1 || data.Length == 0) return double.NaN;
        var n = data.Length;
        var h = (n + 1.0 / 3.0) * tau + 1.0 / 3.0;
        var hf = (long)h;
        if (hf <= 0 || tau == 0) return data.Any(double.IsNaN) ? double.NaN : data.Min();
        if (hf >= n || tau == 1.0) return data.Any(double.IsNaN) ? double.NaN : data.Max();
        var sorted = (double[])data.Clone();
        Array.Sort(sorted);
        var a = sorted[hf - 1];
        var b = sorted[hf];
        return a + (h - hf) * (b - a);
    }

    public static double LowerQuartile(double[] data) => Quantile(data, 0.25);
    public static double UpperQuartile(double[] data) => Quantile(data, 0.75);
    public static double Percentile(double[] data, ulong p) => Quantile(data, p / 100.0);

    /// <summary>Tukey's lower fence, q1 - 1.5 IQR (fused, as Rust's mul_add).</summary>
    public static double LowerFence(double q1, double q3) => Math.FusedMultiplyAdd(q3 - q1, -1.5, q1);

    /// <summary>Tukey's upper fence, q3 + 1.5 IQR.</summary>
    public static double UpperFence(double q1, double q3) => Math.FusedMultiplyAdd(q3 - q1, 1.5, q3);
}
