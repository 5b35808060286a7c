using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

public static class RecordContract
{
    public sealed record Command(int TenderId, int AwardId, string ContractNumber, decimal Value, DateTime SignedAt) : IRequest<GetTender.ContractView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AwardId).GreaterThan(0);
            RuleFor(c => c.ContractNumber).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Value).ValidAmount();
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, GetTender.ContractView>
    {
        public async Task<GetTender.ContractView> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.Include(t => t.Awards).Include(t => t.Contracts)
                .SingleOrDefaultAsync(t => t.Id == request.TenderId, cancellationToken)
                ?? throw new NotFoundException("Tender", request.TenderId);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            var award = tender.Awards.SingleOrDefault(a => a.Id == request.AwardId)
                ?? throw new DomainValidationException(nameof(Command.AwardId), $"Award {request.AwardId} is not an award of tender {tender.Id}.");
            if (award.Status != AwardStatus.Active)
                throw new ConflictException("A contract is signed only on an active award.");
            if (tender.Contracts.Any(c => c.AwardId == award.Id && c.Status != ContractStatus.Cancelled))
                throw new ConflictException("This award already has a contract.");
            var now = clock.GetUtcNow().UtcDateTime;
            if (request.SignedAt > now)
                throw new DomainValidationException(nameof(Command.SignedAt), "A contract cannot be signed in the future.");
            if (award.Date is { } awarded && request.SignedAt < awarded)
                throw new DomainValidationException(nameof(Command.SignedAt), "A contract cannot be signed before its award.");

            var contract = new Contract
            {
                TenderId = tender.Id,
                AwardId = award.Id,
                ContractNumber = request.ContractNumber,
                ValueMinor = Money.ToMinor(request.Value),
                Currency = tender.Currency,
                SignedAt = request.SignedAt,
                Status = ContractStatus.Active,
            };
            tender.Contracts.Add(contract);
            tender.Status = TenderStatus.Complete;
            tender.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            return new GetTender.ContractView(contract.Id, contract.AwardId, contract.ContractNumber, Money.FromMinor(contract.ValueMinor.Value),
                contract.Currency, contract.SignedAt, contract.Status, []);
        }
    }
}
