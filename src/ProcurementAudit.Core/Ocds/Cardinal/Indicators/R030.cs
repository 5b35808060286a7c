using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Late bid won: a valid bid dated after the tender period's end, by a supplier of an active award.</summary>
internal sealed class R030 : ICardinalIndicator
{
    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (release.EndDateLength < 0 || !release.HasAwards || !release.HasBidDetails) return;

        var suppliers = state.ScratchA;
        suppliers.Clear();
        foreach (ref readonly var award in release.AwardSpan)
        {
            if (award.Status != FactStatus.Active) continue;
            foreach (var id in release.IdsOf(award.Suppliers))
                if (id is not null) suppliers.Add(id);
        }
        if (suppliers.Count == 0) return;

        var endDate = release.TextAt(release.EndDateStart, release.EndDateLength);
        foreach (ref readonly var bid in release.BidSpan)
        {
            // Dates compare as strings (UTF-8 bytes), as in Cardinal.
            if (bid.Status != FactStatus.Valid
                || bid.DateLength < 0
                || !bid.Tenderers.IsArray
                || release.TextAt(bid.DateStart, bid.DateLength).SequenceCompareTo(endDate) <= 0)
                continue;
            foreach (var id in release.IdsOf(bid.Tenderers))
            {
                if (id is null || !suppliers.Contains(id)) continue;
                state.SetOcidResult(CardinalIndicator.R030, 1.0);
                state.SetResult(CardinalGroup.Tenderer, id, CardinalIndicator.R030, 1.0);
                if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR030, state.CurrentOcidString(), id);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR030, from.Maps!.OcidTendererR030);
    }
}
