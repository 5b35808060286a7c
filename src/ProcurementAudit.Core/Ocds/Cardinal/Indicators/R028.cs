using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Identical bid prices: two different sets of tenderers submit the same amount in the same currency in one process.</summary>
internal sealed class R028(CardinalSettings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _noPriceComparison = Release.PipeSet(settings.NoPriceComparisonProcurementMethods);
    private readonly HashSet<string> _priceComparison = Release.PipeSet(settings.PriceComparisonProcurementMethods);

    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!Release.MatchesProcurementMethodDetails(release, _priceComparison, _noPriceComparison)) return;

        Dictionary<(double, string), HashSet<string>>? prices = null;
        foreach (var bid in state.SubmittedBids(release))
        {
            if (!bid.TryGetArray("tenderers"u8, out var tenderers)
                || !bid.TryGetObject("value"u8, out var value)
                || !value.TryGetNumber("amount"u8, out var amount)
                || !value.TryGetString("currency"u8, out string currency))
                continue;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tenderer in tenderers.EnumerateArray())
                if (state.TryIntern(tenderer, "id"u8, out string id)) ids.Add(id);
            if (ids.Count == 0) continue;

            prices ??= [];
            var price = (amount, currency);
            // A tenderer may submit more bids at the same price; only a different set of tenderers is suspicious.
            if (prices.TryGetValue(price, out var other) && !ids.SetEquals(other))
            {
                state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R028, 1.0);
                foreach (var id in ids.Concat(other))
                {
                    state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R028, 1.0);
                    if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR028, ocid, id);
                }
            }
            prices[price] = ids;
        }
    }

    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR028, from.Maps!.OcidTendererR028);
    }
}
