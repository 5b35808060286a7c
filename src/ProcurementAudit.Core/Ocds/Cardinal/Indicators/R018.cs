using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Single bid received: <c>tender.numberOfTenderers</c> is the integer 1, for open or selective methods by default.</summary>
internal sealed class R018(R018Settings settings) : ICardinalIndicator
{
    private readonly HashSet<string> _methods = Release.PipeSet(settings.ProcurementMethods ?? "open|selective");

    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (release.TryGetObject("tender"u8, out var tender)
            && Release.MatchesProcurementMethod(tender, _methods)
            && tender.TryGet("numberOfTenderers"u8, out var number)
            && number.ValueKind == JsonValueKind.Number
            && number.TryGetUInt64(out var count) && count == 1)
            state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R018, 1.0);
    }
}
