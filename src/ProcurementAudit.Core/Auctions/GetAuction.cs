using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

public static class GetAuction
{
    public sealed record Query(int Id) : IRequest<AuctionDetails>;

    public sealed record AuctionDetails(int Id, int EnterpriseId, string EnterpriseName, AssetView Asset, AuctionMethod Method, AuctionStatus Status,
        decimal StartingMonthlyRent, decimal MinimumStep, decimal GuaranteeDeposit, string Currency, DateTime AnnouncedAt, DateTime BidDeadline,
        int MinimumQualifiedBidders, int AttemptNumber, int? PreviousAttemptId, bool BidsSealed, int? WinnerParticipantId, decimal? FinalMonthlyRent,
        string? FailureReason, int Version, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<AuctionBidView> Bids);

    public sealed record AssetView(int Id, string Description, decimal AreaSquareMetres, string Address, decimal AppraisedValue);
    public sealed record ParticipantView(int Id, PartyView Party, bool DepositPaid, bool Qualified);
    public sealed record AuctionBidView(int Id, int ParticipantId, decimal? Amount, DateTime PlacedAt);

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor) : IRequestHandler<Query, AuctionDetails>
    {
        public async Task<AuctionDetails> Handle(Query request, CancellationToken cancellationToken)
        {
            var a = await db.LeaseAuctions.AsNoTracking().AsSplitQuery()
                .Include(x => x.Asset).Include(x => x.Enterprise)
                .Include(x => x.Participants).ThenInclude(p => p.Party)
                .Include(x => x.Bids)
                .SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Auction", request.Id);
            actor.EnsureCanRead(a.EnterpriseId, "Auction", a.Id);
            var sealedBids = TenderRules.IsSealed(a.BidDeadline, clock.GetUtcNow().UtcDateTime);
            return new AuctionDetails(a.Id, a.EnterpriseId, a.Enterprise!.Name,
                new AssetView(a.Asset!.Id, a.Asset.Description, a.Asset.AreaSquareMetres, a.Asset.Address, Money.FromMinor(a.Asset.AppraisedValueMinor)),
                a.Method, a.Status, Money.FromMinor(a.StartingRentMinor), Money.FromMinor(a.MinimumStepMinor), Money.FromMinor(a.GuaranteeDepositMinor),
                a.Currency, a.AnnouncedAt, a.BidDeadline, a.MinimumQualifiedBidders, a.AttemptNumber, a.PreviousAttemptId, sealedBids,
                a.WinnerParticipantId, a.FinalRentMinor is { } rent ? Money.FromMinor(rent) : null, a.FailureReason, a.Version,
                a.Participants.OrderBy(p => p.Id).Select(p => new ParticipantView(p.Id, PartyView.From(p.Party!), p.DepositPaid, p.Qualified)).ToList(),
                a.Bids.OrderBy(b => b.PlacedAt).ThenBy(b => b.Id)
                    .Select(b => new AuctionBidView(b.Id, b.ParticipantId, sealedBids ? null : Money.FromMinor(b.AmountMinor), b.PlacedAt)).ToList());
        }
    }
}
