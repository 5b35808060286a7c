using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// All except winning bid disqualified: one tenderer has valid bids, it is exactly the set of active suppliers, and at least
/// the threshold number of other tenderers were disqualified (the value is that number).
/// </summary>
internal sealed class R035(CountThresholdSettings settings) : ICardinalIndicator
{
    private readonly ulong _threshold = Math.Max(settings.Threshold ?? 1, 1);

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!Release.TryGetCompleteAwards(release, state.CompleteAwards)) return;

        var (suppliers, valid, disqualified) = (state.ScratchA, state.ScratchB, state.ScratchC);
        suppliers.Clear();
        valid.Clear();
        disqualified.Clear();
        foreach (var index in state.CompleteAwards)
            foreach (var id in release.IdsOf(release.Awards[index].Suppliers))
                if (id is not null) suppliers.Add(id);
        foreach (ref readonly var bid in release.BidSpan)
        {
            var set = bid.Status switch { FactStatus.Valid => valid, FactStatus.Disqualified => disqualified, _ => null };
            if (set is null) continue; // invited, pending, withdrawn
            foreach (var id in release.IdsOf(bid.Tenderers))
                if (id is not null) set.Add(id);
        }

        // Not applicable to several winners: a buyer may aggregate bids into one award and sign several contracts.
        if (valid.Count != 1 || !valid.SetEquals(suppliers)) return;
        var others = disqualified.Count(id => !valid.Contains(id));
        if ((ulong)others < _threshold) return;
        var winner = valid.First();
        state.SetOcidResult(CardinalIndicator.R035, others);
        state.SetResult(CardinalGroup.Tenderer, winner, CardinalIndicator.R035, 0.0);
        if (state.Maps is { } maps) CardinalMaps.Add(maps.OcidTendererR035, state.CurrentOcidString(), winner);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from)
    {
        if (into.Maps is { } maps) CardinalMaps.Extend(maps.OcidTendererR035, from.Maps!.OcidTendererR035);
    }
}
