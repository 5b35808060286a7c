using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// P-NEARTHRESH: repeated non-open purchases by one buyer from one supplier, each just under the open-tender threshold.
/// One flag per such purchase (subject <c>supplier:&lt;party id&gt;</c>).
/// </summary>
internal sealed class PNearThreshold : IIndicator
{
    public string Code => "P-NEARTHRESH";
    public string Title => "Repeated purchases just under the threshold";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "At least MinPurchases non-open purchases by one buyer from one supplier with award values within the margin below the open-tender threshold.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("GoodsServicesThreshold", ParameterKind.Amount, 400_000m, "Open-tender threshold for goods and services, UAH."),
        new("WorksThreshold", ParameterKind.Amount, 1_500_000m, "Open-tender threshold for works, UAH."),
        new("GoodsServicesMarginPercent", ParameterKind.Percent, 5m, "How far under the goods/services threshold counts as just under it."),
        new("WorksMarginPercent", ParameterKind.Percent, 10m, "How far under the works threshold counts as just under it."),
        new("MinPurchases", ParameterKind.Count, 2m, "How many such purchases from one supplier make the pattern."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var p = run.Parameters;
        var goods = p.Minor("GoodsServicesThreshold");
        var works = p.Minor("WorksThreshold");
        var goodsFloor = Floor(goods, p.BasisPoints("GoodsServicesMarginPercent"));
        var worksFloor = Floor(works, p.BasisPoints("WorksMarginPercent"));
        var minPurchases = Math.Max(1, p.Count("MinPurchases"));

        var awards = db.Awards.Where(a => a.Status == AwardStatus.Active && a.ValueMinor != null);
        HashSet<(int Buyer, int Supplier)>? pairs = null;
        if (!run.Scope.IsFull)
        {
            var tenderIds = run.Scope.ProcedureIds!.ToArray();
            var found = await (
                    from a in db.Awards
                    where tenderIds.Contains(a.TenderId) && a.Status == AwardStatus.Active
                    join t in db.Tenders on a.TenderId equals t.Id
                    select new { t.EnterpriseId, t.BuyerPartyId, a.SupplierPartyId })
                .ToListAsync(cancellationToken);
            pairs = found.Select(x => (TenderQueries.BuyerKey(x.EnterpriseId, x.BuyerPartyId), x.SupplierPartyId)).ToHashSet();
            if (pairs.Count == 0) yield break;
            var suppliers = pairs.Select(x => x.Supplier).Distinct().ToArray();
            awards = awards.Where(a => suppliers.Contains(a.SupplierPartyId));
        }

        var rows = (
                from a in awards
                join t in db.Tenders.InEnterpriseScope(run.Scope) on a.TenderId equals t.Id
                where t.Method != ProcurementMethod.Open && (t.EnterpriseId != null || t.BuyerPartyId != null)
                      && (t.Category == ProcurementCategory.Works
                          ? a.ValueMinor >= worksFloor && a.ValueMinor < works
                          : a.ValueMinor >= goodsFloor && a.ValueMinor < goods)
                let buyer = t.EnterpriseId ?? -(t.BuyerPartyId ?? 0)
                orderby buyer, a.SupplierPartyId, a.TenderId
                select new
                {
                    Buyer = buyer, a.SupplierPartyId, Supplier = a.Supplier!.Name, a.TenderId, t.EnterpriseId,
                    Date = t.TenderPeriodStart ?? t.CreatedAt, Value = a.ValueMinor!.Value, t.Category,
                })
            .AsAsyncEnumerable()
            .GroupAdjacentAsync(x => (x.Buyer, x.SupplierPartyId), cancellationToken);
        await foreach (var group in rows.WithCancellation(cancellationToken))
        {
            var first = group[0];
            if (pairs is not null && !pairs.Contains((first.Buyer, first.SupplierPartyId))) continue;
            var purchases = group.GroupBy(x => x.TenderId).Select(g => g.First()).ToList();
            if (purchases.Count < minPurchases) continue;
            var values = purchases.Select(x => Fmt.Major(x.Value)).Take(50).ToList();
            foreach (var x in purchases)
            {
                var threshold = x.Category == ProcurementCategory.Works ? works : goods;
                yield return new Finding(x.TenderId, $"supplier:{x.SupplierPartyId}", x.EnterpriseId, x.Date, [x.SupplierPartyId],
                    new Dictionary<string, object?>
                    {
                        ["supplierPartyId"] = x.SupplierPartyId,
                        ["supplier"] = x.Supplier,
                        ["value"] = Fmt.Major(x.Value),
                        ["threshold"] = Fmt.Major(threshold),
                        ["marginPercent"] = x.Category == ProcurementCategory.Works ? p["WorksMarginPercent"] : p["GoodsServicesMarginPercent"],
                        ["purchasesNearThreshold"] = purchases.Count,
                        ["values"] = values,
                    },
                    $"{x.Supplier} received {purchases.Count} non-open purchases from this buyer just under the {Fmt.Uah(threshold)} threshold; this one is {Fmt.Uah(x.Value)}.");
            }
        }
    }

    /// <summary>The lowest value that still counts as just under the threshold, rounded up to a whole minor unit.</summary>
    private static long Floor(long threshold, long marginBasisPoints) =>
        (long)decimal.Ceiling(threshold * (10_000m - marginBasisPoints) / 10_000m);
}
