using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// Records that the winner refused to sign the lease. The award passes to the next bidder (the qualified participant
/// with the next highest bid, at that bid); with no one left the auction is failed and can be relisted. Once signed,
/// a lease cannot be refused, and an auction records one refusal.
/// </summary>
public static class RecordRefusal
{
    /// <summary>NextParticipantId, when given, must name the next bidder: it guards against awarding to the wrong one.</summary>
    public sealed record Command(int AuctionId, DateTime? RefusedAt = null, int? NextParticipantId = null, int? Version = null) : IRequest<Result>;

    public sealed record Result(int Id, AuctionStatus Status, int RefusedParticipantId, int? WinnerParticipantId, decimal? FinalMonthlyRent, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.NextParticipantId).GreaterThan(0);
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var auction = await AuctionRules.LoadForEditAsync(db, actor, request.AuctionId, cancellationToken);
            if (auction.Status != AuctionStatus.Concluded || auction.WinnerParticipantId is not { } refusing)
                throw new ConflictException($"Only the winner of a concluded auction can refuse; this one is {auction.Status.ToString().ToLowerInvariant()}.");
            if (auction.LeaseContract is not null)
                throw new ConflictException("The lease contract is already signed; the winner can no longer refuse it.");
            if (auction.RefusedParticipantId is not null)
                throw new ConflictException("A refusal is already recorded for this auction.");
            var now = clock.GetUtcNow().UtcDateTime;
            var refusedAt = request.RefusedAt ?? now;
            if (refusedAt > now)
                throw new DomainValidationException(nameof(Command.RefusedAt), "A refusal cannot be in the future.");
            if (auction.ClosedAt is { } closed && refusedAt < closed)
                throw new DomainValidationException(nameof(Command.RefusedAt), $"The auction closed at {closed:u}; the refusal cannot precede it.");

            var next = AuctionRules.Ranking(auction).FirstOrDefault(s => s.ParticipantId != refusing);
            if (request.NextParticipantId is { } named && named != next?.ParticipantId)
                throw new DomainValidationException(nameof(Command.NextParticipantId), next is null
                    ? "No other qualified participant bid; the auction fails instead."
                    : $"The next bidder is participant {next.ParticipantId}, not {named}.");

            auction.RefusedParticipantId = refusing;
            auction.RefusedAt = refusedAt;
            if (next is null)
            {
                auction.Status = AuctionStatus.Failed;
                auction.WinnerParticipantId = null;
                auction.FinalRentMinor = null;
                auction.FailureReason = "The winner refused to sign the lease and no other qualified participant bid.";
            }
            else
            {
                auction.WinnerParticipantId = next.ParticipantId;
                auction.FinalRentMinor = next.AmountMinor;
            }
            AuctionRules.Touch(db, auction, request.Version);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            return new Result(auction.Id, auction.Status, refusing, auction.WinnerParticipantId,
                auction.FinalRentMinor is { } f ? Money.FromMinor(f) : null, auction.Version);
        }
    }
}
