using System.Runtime.CompilerServices;

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

    public static bool MatchesProcurementMethod(ReleaseFacts release, HashSet<string> methods) =>
        methods.Count == 0 || (release.ProcurementMethod is { } method && methods.Contains(method));

    /// <summary>An allow-list applies when not empty; otherwise the deny-list does. A process without details passes only a deny-list.</summary>
    public static bool MatchesProcurementMethodDetails(ReleaseFacts release, HashSet<string> include, HashSet<string> exclude)
    {
        if (release.ProcurementMethodDetails is { } details)
            return include.Count == 0 ? !exclude.Contains(details) : include.Contains(details);
        return include.Count == 0;
    }

    /// <summary>
    /// The indexes of the active awards, or false if any award is not final (a status other than active, cancelled or
    /// unsuccessful) or the release lacks awards or bid details. Awards without a string status are ignored.
    /// </summary>
    public static bool TryGetCompleteAwards(ReleaseFacts release, List<int> completeAwards)
    {
        completeAwards.Clear();
        if (!release.HasAwards || !release.HasBidDetails) return false;
        var awards = release.AwardSpan;
        for (var i = 0; i < awards.Length; i++)
        {
            switch (awards[i].Status)
            {
                case FactStatus.NotString: continue;
                case FactStatus.Active: completeAwards.Add(i); break;
                case FactStatus.Cancelled or FactStatus.Unsuccessful: break;
                default: return false;
            }
        }
        return true;
    }

    /// <summary>The only supplier's id of the only complete award, when there is exactly one of each.</summary>
    public static bool TryGetSingleSupplier(ReleaseFacts release, List<int> completeAwards, out string supplierId)
    {
        supplierId = "";
        return completeAwards.Count == 1 && release.TryGetOnlyId(release.Awards[completeAwards[0]].Suppliers, out supplierId);
    }

    /// <summary>Submitted bids: a string status other than invited or withdrawn (so pending, valid, disqualified...).</summary>
    public static bool IsSubmitted(in BidFacts bid) =>
        bid.Status is not (FactStatus.NotString or FactStatus.Invited or FactStatus.Withdrawn);

    /// <summary>Valid bids with a numeric amount, a string currency and exactly one tenderer with a string id.</summary>
    public static bool TryGetValidBidTuple(ReleaseFacts release, in BidFacts bid, out string tendererId) =>
        release.TryGetOnlyId(bid.Tenderers, out tendererId) && bid.Status == FactStatus.Valid && bid.HasAmount && bid.Currency is not null;
}

/// <summary>statrs' order statistics (the R-8 quantile), which Cardinal's fences use.</summary>
internal static class Quantiles
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Quantile(double[] data, double tau)
    {
        double[]? sorted = null;
        return Quantile(data, tau, ref sorted);
    }

    /// <summary>Cardinal's q1 and q3 with one sort of the data.</summary>
    public static (double Q1, double Q3) Quartiles(double[] data)
    {
        double[]? sorted = null;
        return (Quantile(data, 0.25, ref sorted), Quantile(data, 0.75, ref sorted));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Quantile(double[] data, double tau, ref double[]? sorted)
    {
        if (tau is < 0 or > 1 || data.Length == 0) return double.NaN;
        var n = data.Length;
        var h = (n + 1.0 / 3.0) * tau + 1.0 / 3.0;
        var hf = (long)h;
        if (hf <= 0 || tau == 0) return data.Any(double.IsNaN) ? double.NaN : data.Min();
        if (hf >= n || tau == 1.0) return data.Any(double.IsNaN) ? double.NaN : data.Max();
        if (sorted is null)
        {
            sorted = (double[])data.Clone();
            Array.Sort(sorted);
        }
        var a = sorted[hf - 1];
        var b = sorted[hf];
        return a + (h - hf) * (b - a);
    }

    public static double Percentile(double[] data, ulong p) => Quantile(data, p / 100.0);

    /// <summary>Tukey's lower fence, q1 - 1.5 IQR (fused, as Rust's mul_add).</summary>
    public static double LowerFence(double q1, double q3) => Math.FusedMultiplyAdd(q3 - q1, -1.5, q1);

    /// <summary>Tukey's upper fence, q3 + 1.5 IQR.</summary>
    public static double UpperFence(double q1, double q3) => Math.FusedMultiplyAdd(q3 - q1, 1.5, q3);
}
