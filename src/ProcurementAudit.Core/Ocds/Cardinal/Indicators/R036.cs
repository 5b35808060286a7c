using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Lowest bid disqualified: the lowest submitted bid (main currency) is disqualified while a valid bid has an amount, with an active award.</summary>
internal sealed class R036(CardinalSettings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _noPriceComparison = Release.PipeSet(settings.NoPriceComparisonProcurementMethods);
    private readonly HashSet<string> _priceComparison = Release.PipeSet(settings.PriceComparisonProcurementMethods);

    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!Release.MatchesProcurementMethodDetails(release, _priceComparison, _noPriceComparison)) return;
        if (!release.TryGetArray("awards"u8, out var awards)) return;
        var anyActive = false;
        foreach (var award in awards.EnumerateArray())
        {
            if (!award.StringIs("status"u8, "active"u8)) continue;
            anyActive = true;
            break;
        }
        if (!anyActive) return;

        double? lowest = null;
        var lowestIsDisqualified = false;
        var hasValidBidWithAmount = false;
        foreach (var bid in state.SubmittedBids(release))
        {
            if (!bid.TryGetString("status"u8, out JsonElement status)
                || !bid.TryGetObject("value"u8, out var value)
                || !value.TryGetNumber("amount"u8, out var amount)
                || !value.TryGetString("currency"u8, out JsonElement currency)
                || !state.IsMainCurrency(currency, settings.Currency))
                continue;
            if (lowest is null || amount < lowest)
            {
                lowest = amount;
                lowestIsDisqualified = status.ValueEquals("disqualified"u8);
            }
            if (status.ValueEquals("valid"u8)) hasValidBidWithAmount = true;
        }

        if (hasValidBidWithAmount && lowestIsDisqualified)
            state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R036, 1.0);
    }
}
