using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// Closes an auction after its bid deadline: concluded with a winner and final rent that must match the bids (the
/// highest qualified bidder, at their bid), or failed with a reason. With fewer qualified bidders than the auction's
/// minimum the only result allowed is "failed".
/// </summary>
public static class RecordAuctionResult
{
    public sealed record Command(int AuctionId, bool Failed = false, int? WinnerParticipantId = null, decimal? FinalRent = null,
        string? Reason = null, int? Version = null) : IRequest<Result>;

    public sealed record Result(int Id, AuctionStatus Status, int? WinnerParticipantId, decimal? FinalMonthlyRent, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            When(c => c.Failed, () =>
            {
                RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000).WithMessage("A failed auction needs the reason.");
                RuleFor(c => c.WinnerParticipantId).Null().WithMessage("A failed auction has no winner.");
                RuleFor(c => c.FinalRent).Null().WithMessage("A failed auction has no final rent.");
            }).Otherwise(() =>
            {
                RuleFor(c => c.WinnerParticipantId).NotNull().GreaterThan(0);
                RuleFor(c => c.FinalRent).NotNull().ValidAmount();
                RuleFor(c => c.Reason).MaximumLength(1000);
            });
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var auction = await AuctionRules.LoadForEditAsync(db, actor, request.AuctionId, cancellationToken);
            if (auction.Status != AuctionStatus.Announced)
                throw new ConflictException($"This auction is already {auction.Status.ToString().ToLowerInvariant()}.");
            var now = clock.GetUtcNow().UtcDateTime;
            if (TenderRules.IsSealed(auction.BidDeadline, now))
                throw new ConflictException($"The bid deadline, {auction.BidDeadline:u}, has not passed; the auction cannot be closed yet.");

            if (request.Failed)
            {
                auction.Status = AuctionStatus.Failed;
                auction.FailureReason = request.Reason!.Trim();
            }
            else
            {
                var ranking = AuctionRules.Ranking(auction);
                if (ranking.Count < auction.MinimumQualifiedBidders)
                    throw new ConflictException($"Only {ranking.Count} qualified participant(s) bid and this auction needs at least " +
                        $"{auction.MinimumQualifiedBidders}: record it as failed.");
                var winner = ranking[0];
                if (request.WinnerParticipantId != winner.ParticipantId)
                    throw new DomainValidationException(nameof(Command.WinnerParticipantId),
                        $"The winner is the highest qualified bidder, participant {winner.ParticipantId}, not {request.WinnerParticipantId}.");
                var finalRent = Money.ToMinor(request.FinalRent!.Value);
                if (finalRent != winner.AmountMinor)
                    throw new DomainValidationException(nameof(Command.FinalRent),
                        $"The final rent is the winner's highest bid, {AuctionRules.Show(winner.AmountMinor)}.");
                auction.Status = AuctionStatus.Concluded;
                auction.WinnerParticipantId = winner.ParticipantId;
                auction.FinalRentMinor = finalRent;
            }
            auction.ClosedAt = now;
            AuctionRules.Touch(db, auction, request.Version);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            return new Result(auction.Id, auction.Status, auction.WinnerParticipantId,
                auction.FinalRentMinor is { } f ? Money.FromMinor(f) : null, auction.Version);
        }
    }
}
