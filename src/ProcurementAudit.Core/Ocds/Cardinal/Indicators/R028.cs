using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Identical bid prices: two different sets of tenderers submit the same amount in the same currency in one process.</summary>
internal sealed class R028(CardinalSettings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _noPriceComparison = Release.PipeSet(settings.NoPriceComparisonProcurementMethods);
    private readonly HashSet<string> _priceComparison = Release.PipeSet(settings.PriceComparisonProcurementMethods);

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!Release.MatchesProcurementMethodDetails(release, _priceComparison, _noPriceComparison)) return;

        var bids = release.BidSpan;
        for (var j = 0; j < bids.Length; j++)
        {
            if (!IsPriced(release, bids[j])) continue;
            // The latest earlier bid at the same price (amount and currency), as a map from price to tenderers would hold.
            for (var i = j - 1; i >= 0; i--)
            {
                if (!IsPriced(release, bids[i]) || bids[i].Amount != bids[j].Amount || bids[i].Currency != bids[j].Currency) continue;
                var ids = release.IdsOf(bids[j].Tenderers);
                var other = release.IdsOf(bids[i].Tenderers);
                // A tenderer may submit more bids at the same price; only a different set of tenderers is suspicious.
                if (!SameIds(ids, other)) Flag(state, ids, other);
                break;
            }
        }
    }

    /// <summary>A submitted bid with tenderers, an amount and a currency, and at least one tenderer with a string id.</summary>
    private static bool IsPriced(ReleaseFacts release, in BidFacts bid)
    {
        if (!Release.IsSubmitted(bid) || !bid.Tenderers.IsArray || !bid.HasAmount || bid.Currency is null) return false;
        foreach (var id in release.IdsOf(bid.Tenderers))
            if (id is not null) return true;
        return false;
    }

    private static bool SameIds(ReadOnlySpan<string?> a, ReadOnlySpan<string?> b)
    {
        foreach (var id in a)
            if (id is not null && !b.Contains(id)) return false;
        foreach (var id in b)
            if (id is not null && !a.Contains(id)) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Flag(IndicatorState state, ReadOnlySpan<string?> ids, ReadOnlySpan<string?> other)
    {
        state.SetOcidResult(CardinalIndicator.R028, 1.0);
        FlagTenderers(state, ids);
        FlagTenderers(state, other);
    }

    private static void FlagTenderers(IndicatorState state, ReadOnlySpan<string?> ids)
    {
        foreach (var id in ids)
        {
            if (id is null) continue;
            state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R028, 1.0);
            if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR028, state.CurrentOcidString(), id);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR028, from.Maps!.OcidTendererR028);
    }
}
