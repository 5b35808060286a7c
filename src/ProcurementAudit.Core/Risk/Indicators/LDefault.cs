using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Auctions;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-DEFAULT: the winner refused to sign and the lease went to the next bidder, who is related to the winner (shared
/// beneficial owner, address, e-mail or phone; <see cref="RelatedParties"/>): a bid placed to keep others out and then
/// dropped hands the lease to a partner at a lower rent.
/// </summary>
internal sealed class LDefault : IIndicator
{
    public string Code => "L-DEFAULT";
    public string Title => "Winner refused in favour of a related bidder";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "The winner of a lease auction refused to sign and the lease went to the next bidder, who is related to the winner.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var rows = await db.LeaseAuctions.InScope(run.Scope)
            .Where(a => a.RefusedParticipantId != null && a.WinnerParticipantId != null && a.Status == AuctionStatus.Concluded)
            .Select(a => new
            {
                a.Id,
                a.EnterpriseId,
                a.AnnouncedAt,
                a.RefusedAt,
                a.FinalRentMinor,
                Refused = a.Participants.Where(p => p.Id == a.RefusedParticipantId).Select(p => (int?)p.PartyId).FirstOrDefault(),
                RefusedBid = a.Bids.Where(b => b.ParticipantId == a.RefusedParticipantId).Max(b => (long?)b.AmountMinor),
                Next = a.Participants.Where(p => p.Id == a.WinnerParticipantId).Select(p => (int?)p.PartyId).FirstOrDefault(),
            })
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var pairs = rows.Where(r => r.Refused is not null && r.Next is not null && r.Refused != r.Next).ToList();
        if (pairs.Count == 0) yield break;
        var profiles = await RelatedParties.LoadAsync(db, pairs.SelectMany(r => new[] { r.Refused!.Value, r.Next!.Value }), cancellationToken);
        foreach (var r in pairs)
        {
            if (!profiles.TryGetValue(r.Refused!.Value, out var refused) || !profiles.TryGetValue(r.Next!.Value, out var next)) continue;
            var links = RelatedParties.Links(refused, next);
            if (links.Count == 0) continue;
            var lost = r.RefusedBid is { } bid && r.FinalRentMinor is { } final ? bid - final : (long?)null;
            yield return new Finding(r.Id, "", r.EnterpriseId, r.AnnouncedAt, [refused.Id, next.Id],
                new Dictionary<string, object?>
                {
                    ["refusedPartyId"] = refused.Id,
                    ["refusedParty"] = refused.Name,
                    ["refusedBid"] = r.RefusedBid is { } rb ? Fmt.Major(rb) : null,
                    ["refusedAt"] = r.RefusedAt,
                    ["nextPartyId"] = next.Id,
                    ["nextParty"] = next.Name,
                    ["finalMonthlyRent"] = r.FinalRentMinor is { } f ? Fmt.Major(f) : null,
                    ["monthlyRentLost"] = lost is { } l ? Fmt.Major(l) : null,
                    ["links"] = links,
                },
                $"The winner {refused.Name} refused to sign and the lease went to {next.Name}, who shares {string.Join(", ", links)} with it" +
                (lost is { } m && m > 0 ? $"; the monthly rent fell by {AuctionRules.Show(m)}." : "."));
        }
    }
}
