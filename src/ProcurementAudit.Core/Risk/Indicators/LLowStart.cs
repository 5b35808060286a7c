using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Auctions;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-LOWSTART: an auction (not cancelled) whose starting monthly rent is below MinStartPercent of the asset's appraised
/// value. Relisted attempts are judged on their own (reduced) starting rent, so a chain of cuts that drops below
/// the threshold is flagged on the attempt where it does.
/// </summary>
internal sealed class LLowStart : IIndicator
{
    public string Code => "L-LOWSTART";
    public string Title => "Low starting rent";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "The starting monthly rent of a lease auction is below MinStartPercent of the asset's appraised value.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinStartPercent", ParameterKind.Percent, 1m, "The starting monthly rent expected at least, as a share of the appraised value."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var percent = run.Parameters["MinStartPercent"];
        // Exact integer comparison in SQL: start < appraised x percent / 100  <=>  start x 10 000 < appraised x basis points.
        var basisPoints = run.Parameters.BasisPoints("MinStartPercent");
        var rows = run.Db.LeaseAuctions.InScope(run.Scope)
            .Where(a => a.Status != AuctionStatus.Cancelled && a.Asset!.AppraisedValueMinor > 0
                        && a.StartingRentMinor * 10_000 < a.Asset.AppraisedValueMinor * basisPoints)
            .Select(a => new { a.Id, a.EnterpriseId, a.AnnouncedAt, a.AttemptNumber, a.StartingRentMinor, a.AssetId, a.Asset!.AppraisedValueMinor, a.Asset.Description })
            .OrderBy(a => a.Id)
            .AsAsyncEnumerable();
        await foreach (var a in rows.WithCancellation(cancellationToken))
        {
            var share = decimal.Round(100m * a.StartingRentMinor / a.AppraisedValueMinor, 3);
            yield return new Finding(a.Id, "", a.EnterpriseId, a.AnnouncedAt, [],
                new Dictionary<string, object?>
                {
                    ["assetId"] = a.AssetId,
                    ["startingMonthlyRent"] = Fmt.Major(a.StartingRentMinor),
                    ["appraisedValue"] = Fmt.Major(a.AppraisedValueMinor),
                    ["startPercentOfAppraised"] = share,
                    ["minStartPercent"] = percent,
                    ["attemptNumber"] = a.AttemptNumber,
                },
                $"The starting monthly rent of {AuctionRules.Show(a.StartingRentMinor)} is {share.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}% of the appraised value of " +
                $"{AuctionRules.Show(a.AppraisedValueMinor)}, below {Fmt.Pct(percent)}.");
        }
    }
}
