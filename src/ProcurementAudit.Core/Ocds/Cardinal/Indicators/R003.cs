using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Short submission period: whole days between the tender period's start and end below the threshold.</summary>
internal sealed partial class R003(R003Settings settings) : ICardinalIndicator
{
    private readonly long _threshold = settings.Threshold ?? 15;
    private readonly HashSet<string> _methods = Release.PipeSet(settings.ProcurementMethods);
    private readonly IReadOnlyDictionary<string, long> _details = settings.ProcurementMethodDetails ?? new Dictionary<string, long>();

    public void Fold(IndicatorState state, JsonElement release, string ocid)
    {
        if (!release.TryGetObject("tender"u8, out var tender)
            || !Release.MatchesProcurementMethod(tender, _methods)
            || !tender.TryGetObject("tenderPeriod"u8, out var period)
            || !period.TryGetString("startDate"u8, out string start)
            || !period.TryGetString("endDate"u8, out string end)
            || !TryParseRfc3339(start, out var startDate)
            || !TryParseRfc3339(end, out var endDate))
            return;

        // Whole days, truncated toward zero (chrono's num_days).
        var days = (endDate - startDate).Ticks / TimeSpan.TicksPerDay;
        var threshold = tender.TryGetString("procurementMethodDetails"u8, out string details) && _details.TryGetValue(details, out var t)
            ? t : _threshold;
        if (days < threshold) state.SetResult(CardinalGroup.OCID, ocid, CardinalIndicator.R003, 1.0);
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>Strict RFC 3339, as chrono's parse_from_rfc3339 (an offset is required).</summary>
    internal static bool TryParseRfc3339(string text, out DateTime utc)
    {
        utc = default;
        var m = Rfc3339().Match(text);
        if (!m.Success) return false;
        int N(int g) => int.Parse(m.Groups[g].ValueSpan, CultureInfo.InvariantCulture);
        var (year, month, day, hour, minute, second) = (N(1), N(2), N(3), N(4), N(5), N(6));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 60)
            return false;
        var leap = second == 60;
        if (year < 1) return false;
        var ticks = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Utc).Ticks + (leap ? TimeSpan.TicksPerSecond : 0);
        if (m.Groups[7].Success)
        {
            var fraction = m.Groups[7].Value[1..];
            fraction = fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0');
            ticks += long.Parse(fraction, CultureInfo.InvariantCulture);
        }
        if (!m.Groups[8].Success)
        {
            var (hours, minutes) = (N(10), N(11));
            if (hours > 23 || minutes > 59) return false;
            var offset = (hours * 60L + minutes) * TimeSpan.TicksPerMinute;
            ticks += m.Groups[9].Value == "+" ? -offset : offset;
        }
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
