using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// P-CAPTIVE: a supplier that bids and wins only with one buyer and holds more than MinContracts of its contracts.
/// One flag per tender the supplier won there (subject <c>supplier:&lt;party id&gt;</c>).
/// </summary>
internal sealed class PCaptive : IIndicator
{
    public string Code => "P-CAPTIVE";
    public string Title => "Captive supplier";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "The winner bids and wins only with this buyer and holds more than MinContracts of its contracts (active awards).";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinContracts", ParameterKind.Count, 3m, "The flag fires when the supplier holds more than this many of the buyer's contracts."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var min = run.Parameters.Count("MinContracts");
        var awards = db.Awards.Where(a => a.Status == AwardStatus.Active);
        if (!run.Scope.IsFull)
        {
            var tenderIds = run.Scope.ProcedureIds!.ToArray();
            var suppliers = await db.Awards.Where(a => tenderIds.Contains(a.TenderId) && a.Status == AwardStatus.Active)
                .Select(a => a.SupplierPartyId).Distinct().ToArrayAsync(cancellationToken);
            if (suppliers.Length == 0) yield break;
            awards = awards.Where(a => suppliers.Contains(a.SupplierPartyId));
        }

        // Suppliers whose active awards all come from one buyer and number more than the minimum.
        var candidates = await (
                from a in awards
                join t in db.Tenders on a.TenderId equals t.Id
                where t.EnterpriseId != null || t.BuyerPartyId != null
                group new { a.TenderId, Buyer = t.EnterpriseId ?? -(t.BuyerPartyId ?? 0) } by a.SupplierPartyId into g
                where g.Min(x => x.Buyer) == g.Max(x => x.Buyer) && g.Select(x => x.TenderId).Distinct().Count() > min
                select new { Supplier = g.Key, Buyer = g.Min(x => x.Buyer) })
            .ToDictionaryAsync(x => x.Supplier, x => x.Buyer, cancellationToken);
        if (candidates.Count == 0) yield break;

        // ... and who never bid with another buyer.
        var candidateIds = candidates.Keys.ToArray();
        var bidBuyers = await (
                from b in db.Bids
                where EF.Parameter(candidateIds).Contains(b.TendererPartyId)
                join t in db.Tenders on b.TenderId equals t.Id
                group (t.EnterpriseId ?? -(t.BuyerPartyId ?? 0)) by b.TendererPartyId into g
                select new { Supplier = g.Key, Min = g.Min(), Max = g.Max() })
            .ToListAsync(cancellationToken);
        foreach (var b in bidBuyers.Where(b => b.Min != b.Max || b.Min != candidates[b.Supplier]))
            candidates.Remove(b.Supplier);
        candidates = candidates.Where(c => run.Scope.Admits(c.Value > 0 ? c.Value : null)).ToDictionary();
        if (candidates.Count == 0) yield break;

        var captiveIds = candidates.Keys.ToArray();
        var names = await db.Parties.Where(p => EF.Parameter(captiveIds).Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var rows = (
                from a in db.Awards
                where a.Status == AwardStatus.Active && EF.Parameter(captiveIds).Contains(a.SupplierPartyId)
                join t in db.Tenders on a.TenderId equals t.Id
                orderby a.SupplierPartyId, a.TenderId
                select new { a.SupplierPartyId, a.TenderId, t.EnterpriseId, Date = t.TenderPeriodStart ?? t.CreatedAt, Value = a.ValueMinor ?? 0 })
            .AsAsyncEnumerable()
            .GroupAdjacentAsync(x => x.SupplierPartyId, cancellationToken);
        await foreach (var supplier in rows.WithCancellation(cancellationToken))
        {
            var id = supplier[0].SupplierPartyId;
            var tenders = supplier.GroupBy(x => x.TenderId).ToList();
            var total = supplier.Sum(x => x.Value);
            var name = names.GetValueOrDefault(id) ?? $"party {id}";
            foreach (var tender in tenders)
            {
                var first = tender.First();
                yield return new Finding(first.TenderId, $"supplier:{id}", first.EnterpriseId, first.Date, [id],
                    new Dictionary<string, object?>
                    {
                        ["supplierPartyId"] = id,
                        ["supplier"] = name,
                        ["buyerContracts"] = tenders.Count,
                        ["buyerContractsValue"] = Fmt.Major(total),
                        ["otherBuyers"] = 0,
                        ["minContracts"] = min,
                    },
                    $"{name} bids and wins only with this buyer and holds {tenders.Count} of its contracts worth {Fmt.Uah(total)} (threshold: more than {min}).");
            }
        }
    }
}
