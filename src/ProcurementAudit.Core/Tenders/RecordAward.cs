using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

/// <summary>Awards a tender (or lot) to a tenderer; only a party that bid, with a bid still standing, can win.</summary>
public static class RecordAward
{
    public sealed record Command(int TenderId, int SupplierPartyId, decimal Value, int? LotId = null, AwardStatus Status = AwardStatus.Active,
        DateTime? Date = null) : IRequest<GetTender.AwardView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SupplierPartyId).GreaterThan(0);
            RuleFor(c => c.Value).ValidAmount();
            RuleFor(c => c.Status).IsInEnum();
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, GetTender.AwardView>
    {
        public async Task<GetTender.AwardView> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.Include(t => t.Bids).Include(t => t.Awards)
                .SingleOrDefaultAsync(t => t.Id == request.TenderId, cancellationToken)
                ?? throw new NotFoundException("Tender", request.TenderId);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            var now = clock.GetUtcNow().UtcDateTime;
            if (tender.Status is not TenderStatus.Active)
                throw new ConflictException($"Awards are made on an active tender; this one is {tender.Status.ToString().ToLowerInvariant()}.");
            if (TenderRules.IsSealed(tender.TenderPeriodEnd, now))
                throw new ConflictException("The bid deadline has not passed yet; no award can be made.");

            var bid = tender.Bids
                .Where(b => b.TendererPartyId == request.SupplierPartyId && (request.LotId is null || b.LotId == request.LotId))
                .Where(b => b.Status is BidStatus.Pending or BidStatus.Valid)
                .OrderBy(b => b.AmountMinor).FirstOrDefault()
                ?? throw new DomainValidationException(nameof(Command.SupplierPartyId),
                    $"Party {request.SupplierPartyId} has no standing bid on this tender{(request.LotId is null ? "" : " lot")}; an award goes only to a tenderer.");
            if (request.Status == AwardStatus.Active && tender.Awards.Any(a => a.Status == AwardStatus.Active && a.LotId == request.LotId))
                throw new ConflictException("This tender (or lot) already has an active award.");

            var award = new Award
            {
                TenderId = tender.Id,
                LotId = request.LotId,
                SupplierPartyId = request.SupplierPartyId,
                BidId = bid.Id,
                ValueMinor = Money.ToMinor(request.Value),
                Currency = tender.Currency,
                Status = request.Status,
                Date = request.Date ?? now,
            };
            tender.Awards.Add(award);
            tender.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            var supplier = await db.Parties.AsNoTracking().SingleAsync(p => p.Id == award.SupplierPartyId, cancellationToken);
            return new GetTender.AwardView(award.Id, award.LotId, PartyView.From(supplier), award.BidId, Money.FromMinor(award.ValueMinor!.Value), award.Currency, award.Status, award.Date);
        }
    }
}
