using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

public static class CancelTender
{
    public sealed record Command(int Id, int Version, string Reason) : IRequest<Result>;

    public sealed record Result(int Id, int Version, DateTime CancelledAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(400);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Tender", request.Id);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            if (tender.Status is TenderStatus.Cancelled or TenderStatus.Complete)
                throw new ConflictException($"A {tender.Status.ToString().ToLowerInvariant()} tender cannot be cancelled.");

            var now = clock.GetUtcNow().UtcDateTime;
            db.Entry(tender).Property(t => t.Version).OriginalValue = request.Version;
            tender.Status = TenderStatus.Cancelled;
            tender.CancelledAt = now;
            tender.CancellationReason = request.Reason;
            tender.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            return new Result(tender.Id, tender.Version, now);
        }
    }
}
