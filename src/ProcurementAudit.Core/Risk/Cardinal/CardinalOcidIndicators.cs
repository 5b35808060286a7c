using System.Globalization;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Core.Risk.Cardinal;

// The Cardinal indicators with results on contracting processes, over the database. R018 is not among them: the risk
// engine's DB-native R018 (Risk/Indicators/R018SingleBid.cs) computes the same numberOfTenderers == 1 rule from the bids,
// and keeping one implementation avoids two flags of one code on one tender.

internal sealed class CardinalR003 : CardinalTenderIndicator
{
    public override string Code => "R003";
    public override string Title => "Short submission period";
    public override string Description => "The tender period (whole days from its start to its end) is shorter than the minimum (OCDS Cardinal R003).";
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("thresholdDays", ParameterKind.Count, 15m, "A submission period of fewer whole days than this is flagged.", 365m)];
    protected override CardinalIndicator Indicator => CardinalIndicator.R003;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) =>
        s with { R003 = new R003Settings { Threshold = p.Count("thresholdDays") } };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var days = (long)((t.TenderPeriodEnd!.Value - t.TenderPeriodStart!.Value).Ticks / TimeSpan.TicksPerDay);
        var evidence = Common(t);
        evidence["tenderPeriodStart"] = t.TenderPeriodStart;
        evidence["tenderPeriodEnd"] = t.TenderPeriodEnd;
        evidence["days"] = days;
        evidence["thresholdDays"] = p.Count("thresholdDays");
        return new CardinalEvidence(evidence, [],
            $"Bids could be submitted for only {days} whole day(s) ({t.TenderPeriodStart:yyyy-MM-dd} to {t.TenderPeriodEnd:yyyy-MM-dd}), under the minimum of {p.Count("thresholdDays")} days.");
    }
}

/// <summary>R024 and R058 read the same ratio: how far the lowest losing valid bid is above the winning one.</summary>
internal abstract class CardinalBidRatioIndicator : CardinalTenderIndicator
{
    protected override bool JudgesPopulation => true;

    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("threshold", ParameterKind.Ratio, 0m, "A fixed ratio limit; 0 uses Tukey's fence over every tender's ratio, as Cardinal does.")];

    protected static RatioThresholdSettings Ratio(IndicatorParameters p) => new() { Threshold = p["threshold"] > 0 ? (double)p["threshold"] : null };

    protected (Dictionary<string, object?> Evidence, int[] Parties, string Winner, string Second, long WinnerMinor, long SecondMinor) Read(Tender t, double ratio)
    {
        var supplier = t.Awards.Single(a => a.Status == AwardStatus.Active).SupplierPartyId;
        var valid = t.Bids.Where(b => b.Status == BidStatus.Valid && b.AmountMinor is not null && b.Currency == Money.DefaultCurrency).ToList();
        var winning = valid.Where(b => b.TendererPartyId == supplier).MinBy(b => b.AmountMinor)!;
        var second = valid.Where(b => b.TendererPartyId != supplier).MinBy(b => b.AmountMinor)!;
        var evidence = Common(t);
        evidence["ratio"] = Math.Round(ratio, 6);
        evidence["winner"] = Name(winning);
        evidence["winningBid"] = Fmt.Major(winning.AmountMinor!.Value);
        evidence["secondLowestBidder"] = Name(second);
        evidence["secondLowestBid"] = Fmt.Major(second.AmountMinor!.Value);
        evidence["currency"] = Money.DefaultCurrency;
        return (evidence, [winning.TendererPartyId, second.TendererPartyId], Name(winning), Name(second), winning.AmountMinor.Value, second.AmountMinor.Value);
    }

    protected static string Percent(double ratio) => (ratio * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

internal sealed class CardinalR024 : CardinalBidRatioIndicator
{
    public override string Code => "R024";
    public override string Title => "Price close to winning bid";
    public override string Description => "The second-lowest valid bid is unusually close to the winning bid: its ratio is at or below the lower fence (OCDS Cardinal R024).";
    protected override CardinalIndicator Indicator => CardinalIndicator.R024;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with { R024 = Ratio(p) };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var (evidence, parties, winner, second, winnerMinor, secondMinor) = Read(t, value);
        var fence = p["threshold"] > 0 ? (double)p["threshold"] : result.Meta(CardinalIndicator.R024, "lower_fence") ?? double.NaN;
        evidence["lowerFence"] = Math.Round(fence, 6);
        return new CardinalEvidence(evidence, parties,
            $"The second-lowest valid bid ({second}, {Fmt.Uah(secondMinor)}) is only {Percent(value)} above the winning bid ({winner}, {Fmt.Uah(winnerMinor)}), at or below the limit of {Percent(fence)}.");
    }
}

internal sealed class CardinalR058 : CardinalBidRatioIndicator
{
    public override string Code => "R058";
    public override string Title => "Heavily discounted bid";
    public override string Description => "The winning bid is far below the second-lowest valid bid: their ratio is at or above the upper fence (OCDS Cardinal R058).";
    protected override CardinalIndicator Indicator => CardinalIndicator.R058;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with { R058 = Ratio(p) };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var (evidence, parties, winner, second, winnerMinor, secondMinor) = Read(t, value);
        var fence = p["threshold"] > 0 ? (double)p["threshold"] : result.Meta(CardinalIndicator.R058, "upper_fence") ?? double.NaN;
        evidence["upperFence"] = Math.Round(fence, 6);
        return new CardinalEvidence(evidence, parties,
            $"The second-lowest valid bid ({second}, {Fmt.Uah(secondMinor)}) is {Percent(value)} above the winning bid ({winner}, {Fmt.Uah(winnerMinor)}), an unusually deep discount (limit {Percent(fence)}).");
    }
}

internal sealed class CardinalR028 : CardinalTenderIndicator
{
    public override string Code => "R028";
    public override string Title => "Identical bid prices";
    public override string Description => "Different tenderers submitted bids of exactly the same amount in one tender (OCDS Cardinal R028).";
    protected override CardinalIndicator Indicator => CardinalIndicator.R028;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with { R028 = new() };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var same = Submitted(t).Where(b => b.AmountMinor is not null)
            .GroupBy(b => (b.AmountMinor!.Value, b.Currency))
            .Where(g => g.Select(b => b.TendererPartyId).Distinct().Count() > 1)
            .OrderBy(g => g.Key.Value).ToList();
        var evidence = Common(t);
        evidence["identicalPrices"] = same.Select(g => new Dictionary<string, object?>
        {
            ["amount"] = Fmt.Major(g.Key.Value),
            ["currency"] = g.Key.Currency,
            ["tenderers"] = g.Select(Name).Distinct().ToList(),
        }).ToList();
        var first = same.FirstOrDefault();
        var sentence = first is null
            ? "Different tenderers submitted bids of the same amount."
            : $"{Names(first.Select(Name))} each bid exactly {Fmt.Major(first.Key.Value).ToString("#,0.00", CultureInfo.InvariantCulture)} {first.Key.Currency}.";
        return new CardinalEvidence(evidence, same.SelectMany(g => g.Select(b => b.TendererPartyId)).Distinct().ToList(), sentence);
    }
}

internal sealed class CardinalR030 : CardinalTenderIndicator
{
    public override string Code => "R030";
    public override string Title => "Late bid won";
    public override string Description => "A valid bid dated after the end of the tender period belongs to a supplier of an active award (OCDS Cardinal R030).";
    protected override CardinalIndicator Indicator => CardinalIndicator.R030;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with { R030 = new() };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var winners = Winners(t).Select(w => w.Id).ToHashSet();
        var late = t.Bids.Where(b => b.Status == BidStatus.Valid && b.SubmittedAt > t.TenderPeriodEnd && winners.Contains(b.TendererPartyId)).ToList();
        var evidence = Common(t);
        evidence["tenderPeriodEnd"] = t.TenderPeriodEnd;
        evidence["lateWinningBids"] = late.Select(b => new Dictionary<string, object?> { ["tenderer"] = Name(b), ["submittedAt"] = b.SubmittedAt }).ToList();
        var first = late.FirstOrDefault();
        var sentence = first is null
            ? "A winning valid bid is dated after the tender period ended."
            : $"The winning bid of {Name(first)} was submitted at {first.SubmittedAt:yyyy-MM-dd HH:mm} UTC, after the tender period ended at {t.TenderPeriodEnd:yyyy-MM-dd HH:mm} UTC.";
        return new CardinalEvidence(evidence, late.Select(b => b.TendererPartyId).Distinct().ToList(), sentence);
    }
}

internal sealed class CardinalR035 : CardinalTenderIndicator
{
    public override string Code => "R035";
    public override string Title => "All except winning bid disqualified";
    public override string Description => "Only the winner's bid stayed valid while the other tenderers were disqualified (OCDS Cardinal R035).";
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("threshold", ParameterKind.Count, 1m, "The minimum number of other tenderers disqualified.", 1000m)];
    protected override CardinalIndicator Indicator => CardinalIndicator.R035;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) =>
        s with { R035 = new CountThresholdSettings { Threshold = (ulong)Math.Max(1, p.Count("threshold")) } };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var winner = Winners(t).FirstOrDefault();
        var disqualified = t.Bids.Where(b => b.Status == BidStatus.Disqualified && b.TendererPartyId != winner?.Id).ToList();
        var evidence = Common(t);
        evidence["disqualifiedTenderers"] = (long)value;
        evidence["winner"] = winner?.Name;
        evidence["disqualified"] = disqualified.Select(b => new Dictionary<string, object?> { ["tenderer"] = Name(b), ["reason"] = b.StatusReason }).ToList();
        return new CardinalEvidence(evidence, [.. disqualified.Select(b => b.TendererPartyId).Append(winner?.Id ?? 0).Where(id => id != 0).Distinct()],
            $"Every bid except the winner's ({winner?.Name}) was disqualified: {(long)value} other tenderer(s) ({Names(disqualified.Select(Name))}).");
    }
}

internal sealed class CardinalR036 : CardinalTenderIndicator
{
    public override string Code => "R036";
    public override string Title => "Lowest bid disqualified";
    public override string Description => "The lowest submitted bid was disqualified while a higher valid bid went on to an award (OCDS Cardinal R036).";
    protected override CardinalIndicator Indicator => CardinalIndicator.R036;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with { R036 = new() };

    protected override CardinalEvidence Describe(Tender t, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var priced = Submitted(t).Where(b => b.AmountMinor is not null && b.Currency == Money.DefaultCurrency).ToList();
        var lowest = priced.MinBy(b => b.AmountMinor)!;
        var winner = Winners(t).FirstOrDefault();
        var evidence = Common(t);
        evidence["lowestBidder"] = Name(lowest);
        evidence["lowestBid"] = Fmt.Major(lowest.AmountMinor!.Value);
        evidence["lowestBidStatus"] = lowest.Status.ToString();
        evidence["disqualificationReason"] = lowest.StatusReason;
        evidence["winner"] = winner?.Name;
        evidence["winningBid"] = winner is null ? null : priced.Where(b => b.TendererPartyId == winner.Id).Select(b => (decimal?)Fmt.Major(b.AmountMinor!.Value)).Min();
        return new CardinalEvidence(evidence, [.. new[] { lowest.TendererPartyId, winner?.Id ?? 0 }.Where(id => id != 0).Distinct()],
            $"The lowest bid ({Name(lowest)}, {Fmt.Uah(lowest.AmountMinor.Value)}) was disqualified{(lowest.StatusReason is null ? "" : $" ({lowest.StatusReason})")} and a higher bid{(winner is null ? "" : $" of {winner.Name}")} won.");
    }
}
