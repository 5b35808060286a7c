using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Auctions;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-NOUPLIFT: an ascending (English or PriceReduction) auction with at least MinBidders qualified bidders whose
/// final rent rose over the starting rent by less than Steps minimum steps: competitors who do not compete.
/// Where an auction has no minimum step, MinUpliftPercent of the starting rent stands in for it. Descending auctions
/// end at or below their start by design and are not judged.
/// </summary>
internal sealed class LNoUplift : IIndicator
{
    public string Code => "L-NOUPLIFT";
    public string Title => "No price rise despite competition";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "An ascending lease auction with at least MinBidders qualified bidders ended less than Steps minimum steps (or MinUpliftPercent without a step) above its starting rent.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinBidders", ParameterKind.Count, 2m, "How many qualified bidders make the auction competitive."),
        new("Steps", ParameterKind.Ratio, 1m, "The flag fires when the final rent rose by less than this many minimum steps.", Max: 1000m),
        new("MinUpliftPercent", ParameterKind.Percent, 1m, "The rise expected, as a share of the starting rent, where the auction has no minimum step."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minBidders = Math.Max(2, run.Parameters.Count("MinBidders"));
        var steps = run.Parameters["Steps"];
        var upliftPercent = run.Parameters["MinUpliftPercent"];
        var rows = run.Db.LeaseAuctions.InScope(run.Scope)
            .Where(a => a.Status == AuctionStatus.Concluded && a.FinalRentMinor != null
                        && (a.Method == AuctionMethod.English || a.Method == AuctionMethod.PriceReduction))
            .Select(a => new
            {
                a.Id,
                a.EnterpriseId,
                a.AnnouncedAt,
                a.Method,
                a.StartingRentMinor,
                a.MinimumStepMinor,
                FinalRentMinor = a.FinalRentMinor!.Value,
                QualifiedBidders = a.Participants.Count(p => p.Qualified && a.Bids.Any(b => b.ParticipantId == p.Id)),
                Bids = a.Bids.Count(),
                Winner = a.Participants.Where(p => p.Id == a.WinnerParticipantId).Select(p => new { p.PartyId, p.Party!.Name }).FirstOrDefault(),
            })
            .Where(a => a.QualifiedBidders >= minBidders)
            .OrderBy(a => a.Id)
            .AsAsyncEnumerable();
        await foreach (var a in rows.WithCancellation(cancellationToken))
        {
            var uplift = a.FinalRentMinor - a.StartingRentMinor;
            var expected = a.MinimumStepMinor > 0 ? steps * a.MinimumStepMinor : a.StartingRentMinor * upliftPercent / 100m;
            if (uplift >= expected) continue;
            var upliftShare = a.StartingRentMinor == 0 ? 0m : decimal.Round(100m * uplift / a.StartingRentMinor, 2);
            yield return new Finding(a.Id, "", a.EnterpriseId, a.AnnouncedAt, a.Winner is null ? [] : [a.Winner.PartyId],
                new Dictionary<string, object?>
                {
                    ["method"] = a.Method.ToString(),
                    ["qualifiedBidders"] = a.QualifiedBidders,
                    ["bids"] = a.Bids,
                    ["startingMonthlyRent"] = Fmt.Major(a.StartingRentMinor),
                    ["finalMonthlyRent"] = Fmt.Major(a.FinalRentMinor),
                    ["minimumStep"] = Fmt.Major(a.MinimumStepMinor),
                    ["uplift"] = Fmt.Major(uplift),
                    ["upliftPercent"] = upliftShare,
                    ["expectedUplift"] = decimal.Round(expected / Money.MinorPerMajor, 2),
                    ["winnerPartyId"] = a.Winner?.PartyId,
                    ["winner"] = a.Winner?.Name,
                },
                $"{a.QualifiedBidders} qualified bidders, yet the rent rose only {AuctionRules.Show(uplift)} ({Fmt.Pct(upliftShare)}) over the start " +
                $"of {AuctionRules.Show(a.StartingRentMinor)}, less than {Fmt.Num(steps)} minimum step(s) of {AuctionRules.Show(a.MinimumStepMinor)}.");
        }
    }
}
