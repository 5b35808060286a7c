namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>One Cardinal calculation: folds each release into a worker's state, merges workers' states, then finalizes.</summary>
internal interface ICardinalIndicator
{
    void Fold(IndicatorState state, ReleaseFacts release);

    void Merge(IndicatorState into, IndicatorState from) { }

    void Finalize(IndicatorState state) { }
}
