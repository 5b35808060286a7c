using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

/// <summary>Qualification: a bid becomes valid, disqualified (with the reason) or withdrawn.</summary>
public static class UpdateBidStatus
{
    public sealed record Command(int TenderId, int BidId, BidStatus Status, string? Reason) : IRequest<BidView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Status).IsInEnum();
            RuleFor(c => c.Reason).MaximumLength(1000);
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Status == BidStatus.Disqualified).WithMessage("A disqualified bid needs the reason.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, BidView>
    {
        public async Task<BidView> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.Include(t => t.Bids.Where(b => b.Id == request.BidId)).ThenInclude(b => b.Tenderer)
                .SingleOrDefaultAsync(t => t.Id == request.TenderId, cancellationToken)
                ?? throw new NotFoundException("Tender", request.TenderId);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            var bid = tender.Bids.SingleOrDefault() ?? throw new NotFoundException("Bid", request.BidId);
            var now = clock.GetUtcNow().UtcDateTime;
            if (TenderRules.IsSealed(tender.TenderPeriodEnd, now) && request.Status is BidStatus.Valid or BidStatus.Disqualified)
                throw new ConflictException("Bids are qualified only after the bid deadline has passed.");

            bid.Status = request.Status;
            bid.StatusReason = request.Reason;
            tender.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            return BidView.From(bid, false);
        }
    }
}
