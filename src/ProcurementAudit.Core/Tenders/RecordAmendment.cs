using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

public static class RecordAmendment
{
    public sealed record Command(int TenderId, int ContractId, DateTime Date, string Rationale, decimal? NewValue) : IRequest<GetTender.AmendmentView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rationale).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.NewValue).ValidAmount();
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, GetTender.AmendmentView>
    {
        public async Task<GetTender.AmendmentView> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.SingleOrDefaultAsync(t => t.Id == request.TenderId, cancellationToken)
                ?? throw new NotFoundException("Tender", request.TenderId);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            var contract = await db.Contracts.Include(c => c.Amendments)
                .SingleOrDefaultAsync(c => c.Id == request.ContractId && c.TenderId == request.TenderId, cancellationToken)
                ?? throw new NotFoundException("Contract", request.ContractId);
            var now = clock.GetUtcNow().UtcDateTime;
            if (request.Date > now)
                throw new DomainValidationException(nameof(Command.Date), "An amendment cannot be dated in the future.");
            if (contract.SignedAt is { } signed && request.Date < signed)
                throw new DomainValidationException(nameof(Command.Date), "An amendment cannot precede the contract's signature.");
            if (contract.Status is ContractStatus.Cancelled or ContractStatus.Terminated)
                throw new ConflictException("A cancelled or terminated contract cannot be amended.");

            var amendment = new ContractAmendment { Date = request.Date, Rationale = request.Rationale, NewValueMinor = TenderRules.Minor(request.NewValue) };
            contract.Amendments.Add(amendment);
            tender.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, request.TenderId), cancellationToken);
            return new GetTender.AmendmentView(amendment.Id, amendment.Date, amendment.Rationale, request.NewValue);
        }
    }
}
