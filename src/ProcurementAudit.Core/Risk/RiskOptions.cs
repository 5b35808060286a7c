namespace ProcurementAudit.Core.Risk;

/// <summary>The <c>Risk</c> configuration section.</summary>
public sealed class RiskOptions
{
    /// <summary>Cron of the recurring full scan (UTC); nightly at 02:00 by default.</summary>
    public string FullScanCron { get; set; } = "0 2 * * *";
    /// <summary>Weight of each indicator in risk scores, by code; indicators not listed weigh <see cref="DefaultWeight"/>.</summary>
    public Dictionary<string, decimal> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public decimal DefaultWeight { get; set; } = 1m;

    public decimal WeightOf(string code) => Weights.TryGetValue(code, out var w) ? w : DefaultWeight;
}
