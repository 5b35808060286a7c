using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>Records that a participant's deposit was paid (or refunded) and whether they are qualified, until the auction closes.</summary>
public static class UpdateParticipant
{
    public sealed record Command(int AuctionId, int ParticipantId, bool DepositPaid, bool Qualified) : IRequest<GetAuction.ParticipantView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Qualified).Must(q => !q).When(c => !c.DepositPaid)
                .WithMessage("A participant who has not paid the guarantee deposit cannot be qualified.");
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, GetAuction.ParticipantView>
    {
        public async Task<GetAuction.ParticipantView> Handle(Command request, CancellationToken cancellationToken)
        {
            var auction = await AuctionRules.LoadForEditAsync(db, actor, request.AuctionId, cancellationToken);
            var participant = auction.Participants.SingleOrDefault(p => p.Id == request.ParticipantId)
                ?? throw new NotFoundException("Participant", request.ParticipantId);
            if (auction.Status != AuctionStatus.Announced)
                throw new ConflictException($"Participants change only while the auction is announced; this one is {auction.Status.ToString().ToLowerInvariant()}.");
            participant.DepositPaid = request.DepositPaid;
            participant.Qualified = request.Qualified;
            AuctionRules.Touch(db, auction);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            var party = await db.Parties.AsNoTracking().SingleAsync(p => p.Id == participant.PartyId, cancellationToken);
            return new GetAuction.ParticipantView(participant.Id, PartyView.From(party), participant.DepositPaid, participant.Qualified);
        }
    }
}
