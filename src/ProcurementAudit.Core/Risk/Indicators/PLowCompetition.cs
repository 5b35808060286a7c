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

        // One row per competitive tender with its number of distinct bidders, in enterprise order (the enterprise
        // index gives it); the years of one enterprise are summed in memory.
        var rows = competitive
            .OrderBy(t => t.EnterpriseId)
            .Select(t => new { E = t.EnterpriseId!.Value, Y = (t.TenderPeriodStart ?? t.CreatedAt).Year, Bidders = t.Bids.Select(b => b.TendererPartyId).Distinct().Count() })
            .AsAsyncEnumerable()
            .GroupAdjacentAsync(x => x.E, cancellationToken);
        await foreach (var enterprise in rows.WithCancellation(cancellationToken))
        foreach (var year in enterprise.GroupBy(x => x.Y).OrderBy(g => g.Key))
        {
            var e = enterprise[0].E;
            if (keys is not null && !keys.Contains((e, year.Key))) continue;
            var tenders = year.Count();
            if (tenders < minTenders) continue;
            var bidders = year.Sum(x => x.Bidders);
            var mean = (decimal)bidders / tenders;
            if (mean >= minMean) continue;
            var rounded = decimal.Round(mean, 2);
            yield return new Finding(0, Subject(e, year.Key), e, new DateTime(year.Key, 1, 1, 0, 0, 0, DateTimeKind.Utc), [],
                new Dictionary<string, object?>
                {
                    ["year"] = year.Key,
                    ["competitiveTenders"] = tenders,
                    ["bidders"] = bidders,
                    ["meanBidders"] = rounded,
                    ["minMeanBidders"] = minMean,
                },
                $"The enterprise's {tenders} competitive tenders of {year.Key} drew {Fmt.Num(rounded)} bidders on average (threshold {Fmt.Num(minMean)}).");
        }
    }

    private static string Subject(int enterpriseId, int year) => $"enterprise:{enterpriseId}:{year}";
}
