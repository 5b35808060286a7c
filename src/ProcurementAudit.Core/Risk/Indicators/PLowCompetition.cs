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
        if (!run.Scope.IsFull)
        {
            var ids = run.Scope.ProcedureIds!.ToArray();
            var own = await db.Tenders.Where(t => ids.Contains(t.Id) && t.EnterpriseId != null)
                .Select(t => new { E = t.EnterpriseId!.Value, Y = (t.TenderPeriodStart ?? t.CreatedAt).Year }).ToListAsync(cancellationToken);
            var keys = own.Select(x => (x.E, x.Y)).ToHashSet();
            foreach (var (e, y) in keys) run.CoverEnterpriseSubject(Subject(e, y));
            if (keys.Count == 0) yield break;
            // A rescan judges only the changed tender's enterprise-years, each with two indexed aggregates (tenders, and
            // distinct bidder-tender pairs) instead of reading the year's tenders row by row.
            foreach (var (e, y) in keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2))
            {
                var from = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                var to = from.AddYears(1);
                var year = competitive.Where(t => t.EnterpriseId == e
                                                  && ((t.TenderPeriodStart >= from && t.TenderPeriodStart < to)
                                                      || (t.TenderPeriodStart == null && t.CreatedAt >= from && t.CreatedAt < to)));
                var tenders = await year.CountAsync(cancellationToken);
                if (tenders < minTenders) continue;
                var bidders = await (from t in year join b in db.Bids on t.Id equals b.TenderId select new { b.TenderId, b.TendererPartyId })
                    .Distinct().CountAsync(cancellationToken);
                if (Judge(e, y, tenders, bidders, minTenders, minMean) is { } finding) yield return finding;
            }
            yield break;
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
            if (Judge(enterprise[0].E, year.Key, year.Count(), year.Sum(x => x.Bidders), minTenders, minMean) is { } finding) yield return finding;
    }

    private static Finding? Judge(int e, int year, int tenders, int bidders, int minTenders, decimal minMean)
    {
        if (tenders < minTenders) return null;
        var mean = (decimal)bidders / tenders;
        if (mean >= minMean) return null;
        var rounded = decimal.Round(mean, 2);
        return new Finding(0, Subject(e, year), e, new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), [],
            new Dictionary<string, object?>
            {
                ["year"] = year,
                ["competitiveTenders"] = tenders,
                ["bidders"] = bidders,
                ["meanBidders"] = rounded,
                ["minMeanBidders"] = minMean,
            },
            $"The enterprise's {tenders} competitive tenders of {year} drew {Fmt.Num(rounded)} bidders on average (threshold {Fmt.Num(minMean)}).");
    }

    private static string Subject(int enterpriseId, int year) => $"enterprise:{enterpriseId}:{year}";
}
