namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Single bid received: <c>tender.numberOfTenderers</c> is the integer 1, for open or selective methods by default.</summary>
internal sealed class R018(R018Settings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _methods = Release.PipeSet(settings.ProcurementMethods ?? "open|selective");

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (release.SingleTenderer && Release.MatchesProcurementMethod(release, _methods))
            state.SetOcidResult(CardinalIndicator.R018, 1.0);
    }
}
