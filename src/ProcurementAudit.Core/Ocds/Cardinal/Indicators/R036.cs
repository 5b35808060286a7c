namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Lowest bid disqualified: the lowest submitted bid (main currency) is disqualified while a valid bid has an amount, with an active award.</summary>
internal sealed class R036(CardinalSettings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _noPriceComparison = Release.PipeSet(settings.NoPriceComparisonProcurementMethods);
    private readonly HashSet<string> _priceComparison = Release.PipeSet(settings.PriceComparisonProcurementMethods);

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!Release.MatchesProcurementMethodDetails(release, _priceComparison, _noPriceComparison)) return;
        if (!release.HasAwards) return;
        var anyActive = false;
        foreach (ref readonly var award in release.AwardSpan)
        {
            if (award.Status != FactStatus.Active) continue;
            anyActive = true;
            break;
        }
        if (!anyActive || !release.HasBidDetails) return;

        double? lowest = null;
        var lowestIsDisqualified = false;
        var hasValidBidWithAmount = false;
        foreach (ref readonly var bid in release.BidSpan)
        {
            if (!Release.IsSubmitted(bid)
                || !bid.HasAmount
                || bid.Currency is not { } currency
                || !state.IsMainCurrency(currency, settings.Currency))
                continue;
            if (lowest is null || bid.Amount < lowest)
            {
                lowest = bid.Amount;
                lowestIsDisqualified = bid.Status == FactStatus.Disqualified;
            }
            if (bid.Status == FactStatus.Valid) hasValidBidWithAmount = true;
        }

        if (hasValidBidWithAmount && lowestIsDisqualified)
            state.SetOcidResult(CardinalIndicator.R036, 1.0);
    }
}
