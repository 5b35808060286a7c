using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// For R024 and R058: (lowest valid bid of a non-winner - winner's lowest valid bid) / winner's bid, in processes with a single
/// active award to a single supplier, main currency only, and only when the lowest bid won (price-only award criteria).
/// </summary>
internal sealed class SecondLowestBidRatio(CardinalSettings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _noPriceComparison = Release.PipeSet(settings.NoPriceComparisonProcurementMethods);
    private readonly HashSet<string> _priceComparison = Release.PipeSet(settings.PriceComparisonProcurementMethods);

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!Release.MatchesProcurementMethodDetails(release, _priceComparison, _noPriceComparison)) return;
        if (!Release.TryGetCompleteAwards(release, state.CompleteAwards)
            || !Release.TryGetSingleSupplier(release, state.CompleteAwards, out var supplierId))
            return;

        string? winner = null, lowestNonWinner = null;
        double winnerAmount = 0, lowestNonWinnerAmount = 0;
        foreach (ref readonly var bid in release.BidSpan)
        {
            if (!Release.TryGetValidBidTuple(release, bid, out var tendererId)) continue;
            if (!state.IsMainCurrency(bid.Currency!, settings.Currency)) continue;
            if (tendererId == supplierId)
            {
                // If the winner submitted several bids, its lowest is the winning bid.
                if (winner is null || bid.Amount < winnerAmount) (winner, winnerAmount) = (tendererId, bid.Amount);
            }
            else if (lowestNonWinner is null || bid.Amount < lowestNonWinnerAmount)
            {
                (lowestNonWinner, lowestNonWinnerAmount) = (tendererId, bid.Amount);
            }
        }

        // If the lowest bid did not win, the award criteria are not price only, as the ratio assumes.
        if (winner is not null && lowestNonWinner is not null && lowestNonWinnerAmount >= winnerAmount)
        {
            var ocid = state.CurrentOcid; // may grow the store: take the reference after
            ref var record = ref state.Ocids[ocid];
            record.HasRatio = true;
            record.Ratio = (lowestNonWinnerAmount - winnerAmount) / winnerAmount;
            record.RatioLine = state.Line;
            record.Winner = state.Ocids.NameId(winner);
            record.LowestNonWinner = state.Ocids.NameId(lowestNonWinner);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Currency is not null && from.Currency is not null && into.Currency != from.Currency) return;
        into.Currency ??= from.Currency;
        into.Ocids.MergeRatiosFrom(from.Ocids);
    }
}
