using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-SINGLE: a lease auction concluded with only one qualified bidder (a qualified participant who bid), so the lease
/// went without competition. The result rules refuse this unless the auction was announced with a minimum of one
/// bidder, which is itself worth a look.
/// </summary>
internal sealed class LSingle : IIndicator
{
    public string Code => "L-SINGLE";
    public string Title => "Lease auction with a single bidder";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "A lease auction was concluded with at most one qualified bidder.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = run.Db.LeaseAuctions.InScope(run.Scope)
            .Where(a => a.Status == AuctionStatus.Concluded)
            .Select(a => new
            {
                a.Id,
                a.EnterpriseId,
                a.AnnouncedAt,
                a.AttemptNumber,
                a.MinimumQualifiedBidders,
                a.StartingRentMinor,
                a.FinalRentMinor,
                Participants = a.Participants.Count(),
                QualifiedBidders = a.Participants.Count(p => p.Qualified && a.Bids.Any(b => b.ParticipantId == p.Id)),
                Winner = a.Participants.Where(p => p.Id == a.WinnerParticipantId).Select(p => new { p.PartyId, p.Party!.Name }).FirstOrDefault(),
            })
            .Where(a => a.QualifiedBidders <= 1)
            .OrderBy(a => a.Id)
            .AsAsyncEnumerable();
        await foreach (var a in rows.WithCancellation(cancellationToken))
        {
            var winner = a.Winner?.Name ?? "the winner";
            yield return new Finding(a.Id, "", a.EnterpriseId, a.AnnouncedAt, a.Winner is null ? [] : [a.Winner.PartyId],
                new Dictionary<string, object?>
                {
                    ["qualifiedBidders"] = a.QualifiedBidders,
                    ["participants"] = a.Participants,
                    ["minimumQualifiedBidders"] = a.MinimumQualifiedBidders,
                    ["attemptNumber"] = a.AttemptNumber,
                    ["winnerPartyId"] = a.Winner?.PartyId,
                    ["winner"] = a.Winner?.Name,
                    ["startingMonthlyRent"] = Fmt.Major(a.StartingRentMinor),
                    ["finalMonthlyRent"] = a.FinalRentMinor is { } f ? Fmt.Major(f) : null,
                },
                $"The lease auction was concluded with {a.QualifiedBidders} qualified bidder ({winner}) out of {a.Participants} registered participant(s).");
        }
    }
}
