using System.Globalization;
using System.Text;

namespace ProcurementAudit.Reports.Composition;

/// <summary>
/// Ukrainian number and date formatting done by hand, not by CultureInfo("uk-UA"): the output must not change with
/// the machine's ICU version, or the same report would hash differently on two servers.
/// Groups are separated by a no-break space (U+00A0) so an amount never wraps; the decimal separator is a comma.
/// </summary>
public static class Format
{
    public const char GroupSeparator = '\u00A0';

    private static readonly TimeZoneInfo Kyiv = FindKyiv();

    public static string Integer(long value)
    {
        var digits = Math.Abs((decimal)value).ToString(CultureInfo.InvariantCulture);
        return (value < 0 ? "-" : "") + Group(digits);
    }

    public static string Decimal(decimal value, int decimals)
    {
        var rounded = Math.Round(Math.Abs(value), decimals, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : "," + text[(dot + 1)..];
        return (value < 0 && rounded != 0 ? "-" : "") + Group(whole) + fraction;
    }

    /// <summary>A chart or statistic value: whole numbers without decimals, others with up to two.</summary>
    public static string Number(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9 ? Integer((long)Math.Round(value)) : Decimal((decimal)value, 2).TrimEnd('0');

    /// <summary>Exact money from minor units (kopiykas): "1 234 567,89 грн".</summary>
    public static string Money(long minorUnits, string currency = "UAH")
    {
        var whole = minorUnits / 100;
        var cents = Math.Abs(minorUnits % 100);
        var sign = minorUnits < 0 ? "-" : "";
        var unit = currency == "UAH" ? "грн" : currency;
        return $"{sign}{Group(Math.Abs((decimal)whole).ToString(CultureInfo.InvariantCulture))},{cents.ToString("00", CultureInfo.InvariantCulture)}{GroupSeparator}{unit}";
    }

    public static string Percent(double share) => Decimal((decimal)(share * 100), 1) + "%";

    /// <summary>A calendar date as people read it in Ukraine: 31.12.2025.</summary>
    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => ToKyiv(at).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment in Kyiv time with its offset, e.g. "31.12.2025 14:05 (UTC+02:00)".</summary>
    public static string DateTime(DateTimeOffset at)
    {
        var local = ToKyiv(at);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + $" (UTC{sign}{offset:hh\\:mm})";
    }

    public static DateTimeOffset ToKyiv(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Kyiv);

    private static string Group(string digits)
    {
        if (digits.Length <= 3) return digits;
        var sb = new StringBuilder(digits.Length + digits.Length / 3);
        var first = digits.Length % 3;
        if (first > 0) sb.Append(digits, 0, first);
        for (var i = first; i < digits.Length; i += 3)
        {
            if (sb.Length > 0) sb.Append(GroupSeparator);
            sb.Append(digits, i, 3);
        }
        return sb.ToString();
    }

    private static TimeZoneInfo FindKyiv()
    {
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev", "FLE Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        }
        return TimeZoneInfo.Utc;
    }
}
