namespace ProcurementAudit.Core.Domain;

/// <summary>
/// Amounts are stored as whole minor units (kopiykas) so that SQL sums and comparisons stay exact on every provider.
/// </summary>
public static class Money
{
    public const string DefaultCurrency = "UAH";
    public const int MinorPerMajor = 100;

    public static long ToMinor(decimal amount)
    {
        var scaled = amount * MinorPerMajor;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException("Amounts have at most two decimal places.", nameof(amount));
        return (long)scaled;
    }

    public static decimal FromMinor(long minor) => (decimal)minor / MinorPerMajor;
}
