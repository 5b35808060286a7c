using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// Records the lease contract signed with the auction's winner at the auction's final rent. The lessee is always the
/// (current) winner, so a refusal recorded earlier has already moved the lease to the next bidder.
/// </summary>
public static class RecordLeaseContract
{
    public sealed record Command(int AuctionId, int TermMonths, DateTime? SignedAt = null, decimal? MonthlyRent = null) : IRequest<GetAuction.ContractView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.TermMonths).InclusiveBetween(1, 600);
            RuleFor(c => c.MonthlyRent).GreaterThan(0).Must(v => v is null || decimal.Round(v.Value, 2) == v.Value)
                .WithMessage("'{PropertyName}' has at most two decimal places.");
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock, IMediator mediator) : IRequestHandler<Command, GetAuction.ContractView>
    {
        public async Task<GetAuction.ContractView> Handle(Command request, CancellationToken cancellationToken)
        {
            var auction = await AuctionRules.LoadForEditAsync(db, actor, request.AuctionId, cancellationToken);
            if (auction.Status != AuctionStatus.Concluded || auction.WinnerParticipantId is null || auction.FinalRentMinor is null)
                throw new ConflictException($"A lease contract follows a concluded auction; this one is {auction.Status.ToString().ToLowerInvariant()}.");
            if (auction.LeaseContract is not null)
                throw new ConflictException("This auction already has its lease contract.");
            var now = clock.GetUtcNow().UtcDateTime;
            var signedAt = request.SignedAt ?? now;
            if (signedAt > now)
                throw new DomainValidationException(nameof(Command.SignedAt), "A contract cannot be signed in the future.");
            var decidedAt = auction.RefusedAt ?? auction.ClosedAt;
            if (decidedAt is { } decided && signedAt < decided)
                throw new DomainValidationException(nameof(Command.SignedAt), $"The lease was awarded at {decided:u}; the contract cannot be signed earlier.");
            var rent = request.MonthlyRent is { } r ? Money.ToMinor(r) : auction.FinalRentMinor.Value;
            if (rent != auction.FinalRentMinor)
                throw new DomainValidationException(nameof(Command.MonthlyRent),
                    $"The monthly rent of the lease is the auction's final rent, {AuctionRules.Show(auction.FinalRentMinor.Value)}.");

            var winner = auction.Participants.Single(p => p.Id == auction.WinnerParticipantId);
            var contract = new LeaseContract
            {
                AuctionId = auction.Id,
                LesseePartyId = winner.PartyId,
                MonthlyRentMinor = rent,
                Currency = auction.Currency,
                SignedAt = signedAt,
                TermMonths = request.TermMonths,
            };
            auction.LeaseContract = contract;
            AuctionRules.Touch(db, auction);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            return GetAuction.ContractView.From(contract);
        }
    }
}
