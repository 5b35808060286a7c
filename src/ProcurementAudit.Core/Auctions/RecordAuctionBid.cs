using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// Records a participant's bid. PlacedAt defaults to now; a bid placed after the bid deadline is refused, and so is a
/// bid from a participant without a paid deposit or not qualified, or an amount the method's rules do not allow
/// (<see cref="AuctionRules.CheckBid"/>). The amount stays sealed to every reader until the deadline.
/// </summary>
public static class RecordAuctionBid
{
    public sealed record Command(int AuctionId, int ParticipantId, decimal Amount, DateTime? PlacedAt = null) : IRequest<GetAuction.AuctionBidView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ParticipantId).GreaterThan(0);
            RuleFor(c => c.Amount).ValidAmount();
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock, IMediator mediator) : IRequestHandler<Command, GetAuction.AuctionBidView>
    {
        public async Task<GetAuction.AuctionBidView> Handle(Command request, CancellationToken cancellationToken)
        {
            var auction = await AuctionRules.LoadForEditAsync(db, actor, request.AuctionId, cancellationToken);
            if (auction.Status != AuctionStatus.Announced)
                throw new ConflictException($"Bids are recorded on an announced auction; this one is {auction.Status.ToString().ToLowerInvariant()}.");
            var now = clock.GetUtcNow().UtcDateTime;
            var placedAt = request.PlacedAt ?? now;
            if (placedAt > now)
                throw new DomainValidationException(nameof(Command.PlacedAt), "A bid cannot be placed in the future.");
            if (placedAt < auction.AnnouncedAt)
                throw new DomainValidationException(nameof(Command.PlacedAt), $"The auction was announced at {auction.AnnouncedAt:u}; a bid cannot precede it.");
            if (placedAt > auction.BidDeadline)
                throw new ConflictException($"The bid deadline passed at {auction.BidDeadline:u}; a bid placed at {placedAt:u} is too late.");

            var participant = auction.Participants.SingleOrDefault(p => p.Id == request.ParticipantId)
                ?? throw new DomainValidationException(nameof(Command.ParticipantId), $"Participant {request.ParticipantId} is not registered for auction {auction.Id}.");
            if (!participant.DepositPaid)
                throw new ConflictException($"Participant {participant.Id} has not paid the guarantee deposit and cannot bid.");
            if (!participant.Qualified)
                throw new ConflictException($"Participant {participant.Id} is not qualified and cannot bid.");

            var amount = Money.ToMinor(request.Amount);
            long? highest = auction.Bids.Count == 0 ? null : auction.Bids.Max(b => b.AmountMinor);
            if (AuctionRules.CheckBid(auction.Method, auction.StartingRentMinor, auction.MinimumStepMinor, highest, amount) is { } problem)
                throw new DomainValidationException(nameof(Command.Amount), problem);

            var bid = new AuctionBid { AuctionId = auction.Id, ParticipantId = participant.Id, AmountMinor = amount, PlacedAt = placedAt };
            auction.Bids.Add(bid);
            AuctionRules.Touch(db, auction);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            var sealedBids = TenderRules.IsSealed(auction.BidDeadline, now);
            return new GetAuction.AuctionBidView(bid.Id, bid.ParticipantId, sealedBids ? null : Money.FromMinor(bid.AmountMinor), bid.PlacedAt);
        }
    }
}
