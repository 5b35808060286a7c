using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>P-OVERESTIMATE: the awarded value is at least a share below the estimate (an inflated estimate).</summary>
internal sealed class POverestimate : IIndicator
{
    public string Code => "P-OVERESTIMATE";
    public string Title => "Award far below the estimate";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "The sum of active award values is at least DiscountPercent below the tender's estimated value.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("DiscountPercent", ParameterKind.Percent, 30m, "How far below the estimate the award must be to fire."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bp = run.Parameters.BasisPoints("DiscountPercent");
        var keep = 10_000 - bp;
        var rows = run.Db.Tenders.InScope(run.Scope)
            .Where(t => t.EstimatedValueMinor > 0)
            .Select(t => new
            {
                t.Id,
                t.EnterpriseId,
                Date = t.TenderPeriodStart ?? t.CreatedAt,
                Estimate = t.EstimatedValueMinor!.Value,
                Awarded = t.Awards.Where(a => a.Status == AwardStatus.Active && a.ValueMinor != null).Sum(a => a.ValueMinor!.Value),
                Awards = t.Awards.Count(a => a.Status == AwardStatus.Active && a.ValueMinor != null),
            })
            .Where(x => x.Awards > 0 && x.Awarded * 10_000 <= x.Estimate * keep)
            .Select(x => new
            {
                x.Id, x.EnterpriseId, x.Date, x.Estimate, x.Awarded, x.Awards,
                SupplierPartyId = run.Db.Awards.Where(a => a.TenderId == x.Id && a.Status == AwardStatus.Active)
                    .OrderBy(a => a.Id).Select(a => a.SupplierPartyId).FirstOrDefault(),
                SupplierName = run.Db.Awards.Where(a => a.TenderId == x.Id && a.Status == AwardStatus.Active)
                    .OrderBy(a => a.Id).Select(a => a.Supplier!.Name).FirstOrDefault(),
            })
            .AsAsyncEnumerable();
        await foreach (var t in rows.WithCancellation(cancellationToken))
        {
            var discount = decimal.Round((t.Estimate - t.Awarded) * 100m / t.Estimate, 1);
            yield return new Finding(t.Id, "", t.EnterpriseId, t.Date, [t.SupplierPartyId],
                new Dictionary<string, object?>
                {
                    ["estimate"] = Fmt.Major(t.Estimate),
                    ["awarded"] = Fmt.Major(t.Awarded),
                    ["awards"] = t.Awards,
                    ["discountPercent"] = discount,
                    ["thresholdPercent"] = run.Parameters["DiscountPercent"],
                    ["supplierPartyId"] = t.SupplierPartyId,
                    ["supplier"] = t.SupplierName,
                },
                $"The award of {Fmt.Uah(t.Awarded)} to {t.SupplierName} is {Fmt.Pct(discount)} below the estimate of {Fmt.Uah(t.Estimate)} (threshold {Fmt.Pct(run.Parameters["DiscountPercent"])}).");
        }
    }
}
