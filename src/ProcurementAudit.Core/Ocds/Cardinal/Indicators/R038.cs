using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>
/// Excessive disqualified bids: the ratio of disqualified to submitted bids per buyer, procuring entity and tenderer is at or
/// above the upper fence (or threshold), among those with enough submitted bids.
/// </summary>
internal sealed class R038(R038Settings settings) : ICardinalIndicator
{
    private readonly ulong _minimumSubmittedBids = settings.MinimumSubmittedBids ?? 2;
    private readonly ulong _minimumContractingProcesses = settings.MinimumContractingProcesses ?? 2;

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        var submitted = 0;
        var disqualifiedCount = 0;
        foreach (ref readonly var bid in release.BidSpan)
        {
            if (!Release.IsSubmitted(bid)) continue;
            submitted++;
            var increment = bid.Status == FactStatus.Disqualified ? 1 : 0;
            disqualifiedCount += increment;
            foreach (var id in release.IdsOf(bid.Tenderers))
                if (id is not null) IndicatorState.FractionFor(state.R038Tenderer, id).Add(increment, 1);
        }
        if (submitted == 0) return;

        if (release.BuyerId is { } buyerId)
        {
            IndicatorState.FractionFor(state.R038Buyer, buyerId).Add(disqualifiedCount, submitted);
            if (state.Maps is { } maps && disqualifiedCount > 0) maps.OcidBuyerR038[state.CurrentOcidString()] = buyerId;
        }
        if (release.ProcuringEntityId is { } entityId)
        {
            IndicatorState.FractionFor(state.R038ProcuringEntity, entityId).Add(disqualifiedCount, submitted);
            if (state.Maps is { } maps && disqualifiedCount > 0) maps.OcidProcuringEntityR038[state.CurrentOcidString()] = entityId;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(IndicatorState into, IndicatorState from)
    {
        IndicatorState.Sum(into.R038Buyer, from.R038Buyer);
        IndicatorState.Sum(into.R038ProcuringEntity, from.R038ProcuringEntity);
        IndicatorState.Sum(into.R038Tenderer, from.R038Tenderer);
        if (into.Maps is { } maps)
        {
            CardinalMaps.Extend(maps.OcidBuyerR038, from.Maps!.OcidBuyerR038);
            CardinalMaps.Extend(maps.OcidProcuringEntityR038, from.Maps!.OcidProcuringEntityR038);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finalize(IndicatorState state)
    {
        Flag(state, state.R038Buyer, _minimumContractingProcesses, CardinalGroup.Buyer);
        Flag(state, state.R038ProcuringEntity, _minimumContractingProcesses, CardinalGroup.ProcuringEntity);
        Flag(state, state.R038Tenderer, _minimumSubmittedBids, CardinalGroup.Tenderer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flag(IndicatorState state, Dictionary<string, Fraction> fractions, ulong minimum, CardinalGroup group)
    {
        // Cardinal compares the number of submitted bids with both minimums.
        var ratios = fractions.Where(p => (ulong)p.Value.Denominator >= minimum)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Id: p.Key, Ratio: p.Value.Value))
            .ToList();
        fractions.Clear();
        if (ratios.Count == 0) return;

        double upperFence;
        if (settings.Threshold is { } threshold)
        {
            upperFence = threshold;
        }
        else
        {
            var data = ratios.Select(r => r.Ratio).ToArray();
            var (q1, q3) = Quantiles.Quartiles(data);
            state.SetMeta(CardinalIndicator.R038, $"{group}_q1", q1);
            state.SetMeta(CardinalIndicator.R038, $"{group}_q3", q3);
            upperFence = Quantiles.UpperFence(q1, q3);
        }
        state.SetMeta(CardinalIndicator.R038, $"{group}_upper_fence", upperFence);

        // Skip when 75% of cases have no disqualified bids, or 75% would be flagged.
        if (!(upperFence > 0)) return;
        foreach (var (id, ratio) in ratios)
        {
            if (!(ratio >= upperFence)) continue;
            state.NextFinalizeOrder();
            state.SetResult(group, id, CardinalIndicator.R038, ratio);
        }
    }
}
