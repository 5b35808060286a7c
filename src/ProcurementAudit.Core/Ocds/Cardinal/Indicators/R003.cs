namespace ProcurementAudit.Core.Ocds.Cardinal.Indicators;

/// <summary>Short submission period: whole days between the tender period's start and end below the threshold.</summary>
internal sealed class R003(R003Settings settings) : ICardinalIndicator
{
    private readonly long _threshold = settings.Threshold ?? 15;
    private readonly HashSet<string> _methods = Release.PipeSet(settings.ProcurementMethods);
    private readonly IReadOnlyDictionary<string, long> _details = settings.ProcurementMethodDetails ?? new Dictionary<string, long>();

    public void Fold(IndicatorState state, ReleaseFacts release)
    {
        if (!release.HasTender
            || !Release.MatchesProcurementMethod(release, _methods)
            || release.StartDateLength < 0
            || release.EndDateLength < 0
            || !TryParseRfc3339(release.TextAt(release.StartDateStart, release.StartDateLength), out var startDate)
            || !TryParseRfc3339(release.TextAt(release.EndDateStart, release.EndDateLength), out var endDate))
            return;

        // Whole days, truncated toward zero (chrono's num_days).
        var days = (endDate - startDate).Ticks / TimeSpan.TicksPerDay;
        var threshold = release.ProcurementMethodDetails is { } details && _details.TryGetValue(details, out var t) ? t : _threshold;
        if (days < threshold) state.SetOcidResult(CardinalIndicator.R003, 1.0);
    }

    /// <summary>Strict RFC 3339, as chrono's parse_from_rfc3339: date, 'T' (or 't' or ' '), time, optional fraction, offset required.</summary>
    internal static bool TryParseRfc3339(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        var t = text;
        if (t.Length < 20 || t[4] != '-' || t[7] != '-' || t[10] is not ((byte)'T' or (byte)'t' or (byte)' ') || t[13] != ':' || t[16] != ':') return false;
        if (!Digits(t[..4], out var year) || !Digits(t[5..7], out var month) || !Digits(t[8..10], out var day)
            || !Digits(t[11..13], out var hour) || !Digits(t[14..16], out var minute) || !Digits(t[17..19], out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            return false;
        var ticks = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc).Ticks
            + (second == 60 ? TimeSpan.TicksPerSecond : 0);
        var rest = t[19..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            var n = 1;
            while (n < rest.Length && char.IsAsciiDigit((char)rest[n])) n++;
            if (n == 1) return false;
            var fraction = rest[1..n];
            long value = 0;
            for (var k = 0; k < 7; k++) value = value * 10 + (k < fraction.Length ? fraction[k] - '0' : 0);
            ticks += value;
            rest = rest[n..];
        }
        if (rest.Length == 1 && rest[0] is (byte)'Z' or (byte)'z')
        {
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }
        if (rest.Length != 6 || rest[0] is not ((byte)'+' or (byte)'-') || rest[3] != ':'
            || !Digits(rest[1..3], out var offsetHours) || !Digits(rest[4..6], out var offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
            return false;
        var offset = (offsetHours * 60L + offsetMinutes) * TimeSpan.TicksPerMinute;
        ticks += rest[0] == '+' ? -offset : offset;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit((char)c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
