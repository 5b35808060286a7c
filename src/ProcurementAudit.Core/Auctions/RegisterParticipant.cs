using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Parties;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// Registers a party (with identifiers and beneficial owners) for an announced auction, before the bid deadline.
/// Qualified defaults to whether the guarantee deposit was paid; a participant cannot be qualified without it.
/// </summary>
public static class RegisterParticipant
{
    public sealed record Command(int AuctionId, PartyInput Party, bool DepositPaid, bool? Qualified = null, DateTime? RegisteredAt = null)
        : IRequest<GetAuction.ParticipantView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Party).NotNull().SetValidator(new PartyInputValidator());
            RuleFor(c => c.Qualified).Must(q => q != true).When(c => !c.DepositPaid)
                .WithMessage("A participant who has not paid the guarantee deposit cannot be qualified.");
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock, IMediator mediator) : IRequestHandler<Command, GetAuction.ParticipantView>
    {
        public async Task<GetAuction.ParticipantView> Handle(Command request, CancellationToken cancellationToken)
        {
            var auction = await AuctionRules.LoadForEditAsync(db, actor, request.AuctionId, cancellationToken);
            if (auction.Status != AuctionStatus.Announced)
                throw new ConflictException($"Participants register for an announced auction; this one is {auction.Status.ToString().ToLowerInvariant()}.");
            var now = clock.GetUtcNow().UtcDateTime;
            var registeredAt = request.RegisteredAt ?? now;
            if (registeredAt > now)
                throw new DomainValidationException(nameof(Command.RegisteredAt), "A registration cannot be in the future.");
            if (registeredAt < auction.AnnouncedAt)
                throw new DomainValidationException(nameof(Command.RegisteredAt), $"The auction was announced at {auction.AnnouncedAt:u}; no one registers before that.");
            if (registeredAt > auction.BidDeadline)
                throw new ConflictException($"Registration closed at the bid deadline, {auction.BidDeadline:u}.");

            var party = await PartyResolver.ResolveAsync(db, request.Party, nameof(Command.Party), cancellationToken);
            if (party.Id != 0 && auction.Participants.Any(p => p.PartyId == party.Id))
                throw new ConflictException($"{party.Name} is already registered for this auction.");
            var participant = new AuctionParticipant
            {
                AuctionId = auction.Id,
                Party = party,
                DepositPaid = request.DepositPaid,
                Qualified = request.Qualified ?? request.DepositPaid,
                RegisteredAt = registeredAt,
            };
            auction.Participants.Add(participant);
            AuctionRules.Touch(db, auction);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            return new GetAuction.ParticipantView(participant.Id, PartyView.From(party), participant.DepositPaid, participant.Qualified);
        }
    }
}
