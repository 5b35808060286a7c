using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// P-LOWCOMPETITION: an enterprise's competitive (open or selective) tenders of a calendar year drew too few bidders
/// on average. The flag is about the enterprise, not one tender: procedure id 0, subject <c>enterprise:&lt;id&gt;:&lt;year&gt;</c>.
/// </summary>
internal sealed class PLowCompetition : IIndicator
{
    public string Code => "P-LOWCOMPETITION";
    public string Title => "Low competition at an enterprise";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "The mean number of distinct bidders per competitive tender of an enterprise in a calendar year is below MinMeanBidders (over at least MinTenders tenders).";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinMeanBidders", ParameterKind.Ratio, 2.0m, "The flag fires when the mean number of bidders is below this.", Max: 1000m),
        new("MinTenders", ParameterKind.Count, 3m, "How many competitive tenders a year needs before a mean means anything."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var minMean = run.Parameters["MinMeanBidders"];
        var minTenders = Math.Max(1, run.Parameters.Count("MinTenders"));
        var competitive = db.Tenders.InEnterpriseScope(run.Scope)
            .Where(t => t.EnterpriseId != null && (t.Method == ProcurementMethod.Open || t.Method == ProcurementMethod.Selective));
        HashSet<(int, int)>? keys = null;
        if (!run.Scope.IsFull)
        {
            var ids = run.Scope.ProcedureIds!.ToArray();
            var own = await db.Tenders.Where(t => ids.Contains(t.Id) && t.EnterpriseId != null)
                .Select(t => new { E = t.EnterpriseId!.Value, Y = (t.TenderPeriodStart ?? t.CreatedAt).Year }).ToListAsync(cancellationToken);
            keys = own.Select(x => (x.E, x.Y)).ToHashSet();
            foreach (var (e, y) in keys) run.CoverEnterpriseSubject(Subject(e, y));
            if (keys.Count == 0) yield break;
            var enterprises = keys.Select(k => k.Item1).Distinct().ToArray();
            var from = new DateTime(keys.Min(k => k.Item2), 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = new DateTime(keys.Max(k => k.Item2) + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            competitive = competitive.Where(t => enterprises.Contains(t.EnterpriseId!.Value)
                                                 && ((t.TenderPeriodStart >= from && t.TenderPeriodStart < to)
                                                     || (t.TenderPeriodStart == null && t.CreatedAt >= from && t.CreatedAt < to)));
        }

        var tenderCounts = await competitive
            .GroupBy(t => new { E = t.EnterpriseId!.Value, Y = (t.TenderPeriodStart ?? t.CreatedAt).Year })
            .Select(g => new { g.Key.E, g.Key.Y, Tenders = g.Count() })
            .ToListAsync(cancellationToken);
        // The sum over tenders of distinct bidders is the number of distinct (tender, bidder) pairs.
        var bidderCounts = await (
                from b in db.Bids
                join t in competitive on b.TenderId equals t.Id
                select new { E = t.EnterpriseId!.Value, Y = (t.TenderPeriodStart ?? t.CreatedAt).Year, b.TenderId, b.TendererPartyId })
            .Distinct()
            .GroupBy(x => new { x.E, x.Y })
            .Select(g => new { g.Key.E, g.Key.Y, Bidders = g.Count() })
            .ToDictionaryAsync(x => (x.E, x.Y), x => x.Bidders, cancellationToken);

        foreach (var c in tenderCounts.OrderBy(c => c.E).ThenBy(c => c.Y))
        {
            if (keys is not null && !keys.Contains((c.E, c.Y))) continue;
            if (c.Tenders < minTenders) continue;
            var bidders = bidderCounts.GetValueOrDefault((c.E, c.Y));
            var mean = (decimal)bidders / c.Tenders;
            if (mean >= minMean) continue;
            var rounded = decimal.Round(mean, 2);
            yield return new Finding(0, Subject(c.E, c.Y), c.E, new DateTime(c.Y, 1, 1, 0, 0, 0, DateTimeKind.Utc), [],
                new Dictionary<string, object?>
                {
                    ["year"] = c.Y,
                    ["competitiveTenders"] = c.Tenders,
                    ["bidders"] = bidders,
                    ["meanBidders"] = rounded,
                    ["minMeanBidders"] = minMean,
                },
                $"The enterprise's {c.Tenders} competitive tenders of {c.Y} drew {Fmt.Num(rounded)} bidders on average (threshold {Fmt.Num(minMean)}).");
        }
    }

    private static string Subject(int enterpriseId, int year) => $"enterprise:{enterpriseId}:{year}";
}
