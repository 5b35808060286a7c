using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// P-SPLIT: one buyer's non-open purchases in one CPV group (the first four digits, as the Ukrainian procurement law
/// defines a subject of procurement) in one calendar year add up to the open-tender threshold or more.
/// One flag per purchase of the group (subject <c>cpv:&lt;group&gt;:&lt;year&gt;</c>).
/// </summary>
internal sealed class PSplit : IIndicator
{
    public string Code => "P-SPLIT";
    public string Title => "Split purchases";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "A buyer's non-open purchases in one CPV group and year (award value, else estimate) sum to at least the open-tender threshold.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("GoodsServicesThreshold", ParameterKind.Amount, 400_000m, "Yearly sum for goods and services at which an open tender was due, UAH."),
        new("WorksThreshold", ParameterKind.Amount, 1_500_000m, "Yearly sum for works at which an open tender was due, UAH."),
        new("MinPurchases", ParameterKind.Count, 2m, "How many purchases make a split (one large purchase is a different problem)."),
    ];

    // Member-init (not a constructor) so that EF can order by the projected members.
    private sealed class Row
    {
        public int Buyer { get; init; }
        public int Year { get; init; }
        public string? Cpv { get; init; }
        public bool Works { get; init; }
        public int TenderId { get; init; }
        public int? EnterpriseId { get; init; }
        public DateTime Date { get; init; }
        public long Value { get; init; }
    }

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var goods = run.Parameters.Minor("GoodsServicesThreshold");
        var works = run.Parameters.Minor("WorksThreshold");
        var minPurchases = Math.Max(1, run.Parameters.Count("MinPurchases"));

        IQueryable<Tender> tenders = db.Tenders.InEnterpriseScope(run.Scope);
        HashSet<(int, int, string, bool)>? keys = null;
        if (!run.Scope.IsFull)
        {
            // The groups the listed tenders fall in; then every purchase of those buyers in those years.
            var own = await Project(db.Tenders.InScope(run.Scope)).Where(r => r.Cpv != null).ToListAsync(cancellationToken);
            keys = own.Select(r => (r.Buyer, r.Year, r.Cpv!, r.Works)).ToHashSet();
            if (keys.Count == 0) yield break;
            var enterprises = own.Where(r => r.EnterpriseId != null).Select(r => r.EnterpriseId!.Value).Distinct().ToArray();
            var buyerParties = own.Where(r => r.Buyer < 0).Select(r => -r.Buyer).Distinct().ToArray();
            var from = new DateTime(own.Min(r => r.Year), 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = new DateTime(own.Max(r => r.Year) + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            // Only purchases with an item in one of those CPV groups can belong to them (a purchase's group is the
            // least of its items' groups): a rescan then reads a handful of rows, not the buyer's whole year.
            var groups = keys.Select(k => k.Item3).Distinct().ToArray();
            tenders = tenders.Where(t => t.Items.Any(i => i.CpvCode != null && i.CpvCode.Length >= 4 && groups.Contains(i.CpvCode.Substring(0, 4))));
            tenders = tenders.Where(t => (t.EnterpriseId != null && enterprises.Contains(t.EnterpriseId.Value))
                                         || (t.EnterpriseId == null && t.BuyerPartyId != null && buyerParties.Contains(t.BuyerPartyId.Value)))
                .Where(t => (t.TenderPeriodStart >= from && t.TenderPeriodStart < to)
                            || (t.TenderPeriodStart == null && t.CreatedAt >= from && t.CreatedAt < to));
        }

        // Ordered by buyer only (the enterprise index gives that order without a sort); years and CPV groups are
        // grouped in memory, one buyer at a time.
        var buyers = Project(tenders)
            .OrderBy(r => r.EnterpriseId).ThenBy(r => r.Buyer)
            .AsAsyncEnumerable()
            .GroupAdjacentAsync(r => r.Buyer, cancellationToken);
        await foreach (var buyer in buyers.WithCancellation(cancellationToken))
        foreach (var group in buyer.Where(r => r.Cpv != null).GroupBy(r => (r.Buyer, r.Year, Cpv: r.Cpv!, r.Works)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Cpv, StringComparer.Ordinal))
        {
            if (keys is not null && !keys.Contains(group.Key)) continue;
            var members = group.OrderBy(r => r.TenderId).ToList();
            var threshold = group.Key.Works ? works : goods;
            var sum = members.Sum(r => r.Value);
            if (members.Count < minPurchases || sum < threshold) continue;
            foreach (var r in members)
            {
                yield return new Finding(r.TenderId, $"cpv:{r.Cpv}:{r.Year}", r.EnterpriseId, r.Date, [],
                    new Dictionary<string, object?>
                    {
                        ["cpvGroup"] = r.Cpv,
                        ["year"] = r.Year,
                        ["category"] = r.Works ? "works" : "goods/services",
                        ["purchases"] = members.Count,
                        ["sum"] = Fmt.Major(sum),
                        ["threshold"] = Fmt.Major(threshold),
                        ["value"] = Fmt.Major(r.Value),
                    },
                    $"This buyer made {members.Count} non-open purchases in CPV group {r.Cpv} in {r.Year} totalling {Fmt.Uah(sum)}, at or above the {Fmt.Uah(threshold)} open-tender threshold.");
            }
        }
    }

    /// <summary>Non-open purchases with their buyer, year, CPV group and value (active award values, else the estimate).</summary>
    private static IQueryable<Row> Project(IQueryable<Tender> tenders) =>
        from t in tenders
        where t.Method != ProcurementMethod.Open && (t.EnterpriseId != null || t.BuyerPartyId != null)
        select new Row
        {
            Buyer = t.EnterpriseId ?? -(t.BuyerPartyId ?? 0),
            Year = (t.TenderPeriodStart ?? t.CreatedAt).Year,
            Cpv = t.Items.Where(i => i.CpvCode != null && i.CpvCode.Length >= 4).Min(i => i.CpvCode!.Substring(0, 4)),
            Works = t.Category == ProcurementCategory.Works,
            TenderId = t.Id,
            EnterpriseId = t.EnterpriseId,
            Date = t.TenderPeriodStart ?? t.CreatedAt,
            Value = t.Awards.Any(a => a.Status == AwardStatus.Active && a.ValueMinor != null)
                ? t.Awards.Where(a => a.Status == AwardStatus.Active && a.ValueMinor != null).Sum(a => a.ValueMinor!.Value)
                : t.EstimatedValueMinor ?? 0,
        };
}
