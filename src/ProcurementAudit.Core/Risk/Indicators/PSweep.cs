using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>P-SWEEP: one supplier wins every lot of a tender with many lots.</summary>
internal sealed class PSweep : IIndicator
{
    public string Code => "P-SWEEP";
    public string Title => "One winner takes all lots";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "A single supplier holds the active awards of all lots of a tender with at least MinLots lots.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinLots", ParameterKind.Count, 5m, "The smallest number of lots for which a sweep counts."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minLots = Math.Max(1, run.Parameters.Count("MinLots"));
        var rows = run.Db.Tenders.InScope(run.Scope)
            .Where(t => run.Db.Lots.Count(l => l.TenderId == t.Id) >= minLots)
            .Select(t => new
            {
                t.Id,
                t.EnterpriseId,
                Date = t.TenderPeriodStart ?? t.CreatedAt,
                Lots = run.Db.Lots.Count(l => l.TenderId == t.Id),
                LotsWon = t.Awards.Where(a => a.Status == AwardStatus.Active && a.LotId != null).Select(a => a.LotId).Distinct().Count(),
                Suppliers = t.Awards.Where(a => a.Status == AwardStatus.Active && a.LotId != null).Select(a => a.SupplierPartyId).Distinct().Count(),
            })
            .Where(x => x.LotsWon == x.Lots && x.Suppliers == 1)
            .Select(x => new
            {
                x.Id, x.EnterpriseId, x.Date, x.Lots,
                Value = run.Db.Awards.Where(a => a.TenderId == x.Id && a.Status == AwardStatus.Active && a.LotId != null).Sum(a => a.ValueMinor ?? 0),
                SupplierPartyId = run.Db.Awards.Where(a => a.TenderId == x.Id && a.Status == AwardStatus.Active && a.LotId != null)
                    .Select(a => a.SupplierPartyId).FirstOrDefault(),
                SupplierName = run.Db.Awards.Where(a => a.TenderId == x.Id && a.Status == AwardStatus.Active && a.LotId != null)
                    .Select(a => a.Supplier!.Name).FirstOrDefault(),
            })
            .AsAsyncEnumerable();
        await foreach (var t in rows.WithCancellation(cancellationToken))
        {
            yield return new Finding(t.Id, "", t.EnterpriseId, t.Date, [t.SupplierPartyId],
                new Dictionary<string, object?>
                {
                    ["lots"] = t.Lots,
                    ["lotsWon"] = t.Lots,
                    ["minLots"] = minLots,
                    ["awardedValue"] = Fmt.Major(t.Value),
                    ["supplierPartyId"] = t.SupplierPartyId,
                    ["supplier"] = t.SupplierName,
                },
                $"{t.SupplierName} won all {t.Lots} lots of this tender ({Fmt.Uah(t.Value)} in total; threshold {minLots} lots).");
        }
    }
}
