using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Parties;

namespace ProcurementAudit.Core.Tenders;

public static class RecordBid
{
    /// <summary>SubmittedAt defaults to now; a bid submitted after the bid deadline is refused.</summary>
    public sealed record Command(int TenderId, PartyInput Tenderer, decimal Amount, string? Currency = null, DateTime? SubmittedAt = null,
        int? LotId = null, BidStatus Status = BidStatus.Pending, string? StatusReason = null) : IRequest<BidView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Tenderer).NotNull().SetValidator(new PartyInputValidator());
            RuleFor(c => c.Amount).ValidAmount();
            RuleFor(c => c.Currency).ValidCurrency().When(c => c.Currency is not null);
            RuleFor(c => c.Status).IsInEnum();
            RuleFor(c => c.StatusReason).MaximumLength(1000);
            RuleFor(c => c.StatusReason).NotEmpty().When(c => c.Status == BidStatus.Disqualified)
                .WithMessage("A disqualified bid needs the reason.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, BidView>
    {
        public async Task<BidView> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.Include(t => t.Lots).SingleOrDefaultAsync(t => t.Id == request.TenderId, cancellationToken)
                ?? throw new NotFoundException("Tender", request.TenderId);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            if (tender.Status is not TenderStatus.Active)
                throw new ConflictException($"Bids can only be recorded on an active tender; this one is {tender.Status.ToString().ToLowerInvariant()}.");

            var now = clock.GetUtcNow().UtcDateTime;
            var submittedAt = request.SubmittedAt ?? now;
            if (submittedAt > now)
                throw new DomainValidationException(nameof(Command.SubmittedAt), "A bid cannot be submitted in the future.");
            if (tender.TenderPeriodEnd is { } deadline && submittedAt > deadline)
                throw new ConflictException($"The bid deadline passed at {deadline:u}; a bid submitted at {submittedAt:u} is too late.");
            if (tender.TenderPeriodStart is { } start && submittedAt < start)
                throw new DomainValidationException(nameof(Command.SubmittedAt), $"The tender period starts at {start:u}; a bid cannot precede it.");
            if (request.LotId is { } lotId && tender.Lots.All(l => l.Id != lotId))
                throw new DomainValidationException(nameof(Command.LotId), $"Lot {lotId} is not a lot of tender {tender.Id}.");
            var currency = request.Currency ?? tender.Currency;
            if (currency != tender.Currency)
                throw new DomainValidationException(nameof(Command.Currency), $"Bids on this tender are in {tender.Currency}.");

            var tenderer = await PartyResolver.ResolveAsync(db, request.Tenderer, nameof(Command.Tenderer), cancellationToken);
            var bid = new Bid
            {
                TenderId = tender.Id,
                LotId = request.LotId,
                Tenderer = tenderer,
                AmountMinor = Money.ToMinor(request.Amount),
                Currency = currency,
                SubmittedAt = submittedAt,
                Status = request.Status,
                StatusReason = request.StatusReason,
            };
            tender.Bids.Add(bid);
            tender.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            return BidView.From(bid, TenderRules.IsSealed(tender.TenderPeriodEnd, now));
        }
    }
}
