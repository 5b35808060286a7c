using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// For R024 and R058: (lowest valid bid of a non-winner - winner's lowest valid bid) / winner's bid, in processes with a single
/// active award to a single supplier, main currency only, and only when the lowest bid won (price-only award criteria).
/// </summary>
internal sealed class SecondLowestBidRatio(CardinalSettings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _noPriceComparison = Release.PipeSet(settings.NoPriceComparisonProcurementMethods);
    private readonly HashSet<string> _priceComparison = Release.PipeSet(settings.PriceComparisonProcurementMethods);

    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!Release.MatchesProcurementMethodDetails(release, _priceComparison, _noPriceComparison)) return;
        if (!Release.TryGetCompleteAwardsAndBids(release, state.CompleteAwards, out var details)
            || !Release.TryGetSingleSupplier(state.CompleteAwards, out var supplierId))
            return;

        JsonElement? winner = null, lowestNonWinner = null;
        double winnerAmount = 0, lowestNonWinnerAmount = 0;
        foreach (var bid in details.EnumerateArray())
        {
            if (!Release.TryGetValidBidTuple(bid, out var tendererId, out var amount, out var currency)) continue;
            if (!state.IsMainCurrency(currency, settings.Currency)) continue;
            if (tendererId.ValueEquals(supplierId))
            {
                // If the winner submitted several bids, its lowest is the winning bid.
                if (winner is null || amount < winnerAmount) (winner, winnerAmount) = (tendererId, amount);
            }
            else if (lowestNonWinner is null || amount < lowestNonWinnerAmount)
            {
                (lowestNonWinner, lowestNonWinnerAmount) = (tendererId, amount);
            }
        }

        // If the lowest bid did not win, the award criteria are not price only, as the ratio assumes.
        if (winner is { } w && lowestNonWinner is { } l && lowestNonWinnerAmount >= winnerAmount)
        {
            state.SecondLowestBidRatios[ocid] = new BidRatio(
                (lowestNonWinnerAmount - winnerAmount) / winnerAmount, w.GetString()!, l.GetString()!, state.Line);
        }
    }

    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Currency is not null && from.Currency is not null && into.Currency != from.Currency) return;
        into.Currency ??= from.Currency;
        foreach (var (ocid, ratio) in from.SecondLowestBidRatios)
        {
            // A repeated ocid keeps its later line, as a single pass in file order would.
            if (!into.SecondLowestBidRatios.TryGetValue(ocid, out var existing) || existing.Line < ratio.Line)
                into.SecondLowestBidRatios[ocid] = ratio;
        }
    }

    public static double[] Ratios(IndicatorState state) => state.SecondLowestBidRatios.Values.Select(r => r.Ratio).ToArray();

    public static IEnumerable<KeyValuePair<string, BidRatio>> InFileOrder(IndicatorState state) =>
        state.SecondLowestBidRatios.OrderBy(p => p.Value.Line);
}
