using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

/// <summary>Edits a tender's own fields. The caller sends the version it read; a stale version is a 409.</summary>
public static class UpdateTender
{
    public sealed record Command(
        int Id,
        int Version,
        string Title,
        string? Description,
        ProcurementMethod Method,
        ProcurementCategory Category,
        decimal? EstimatedValue,
        DateTime? TenderPeriodStart,
        DateTime? TenderPeriodEnd) : IRequest<Result>;

    public sealed record Result(int Id, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
            RuleFor(c => c.Title).NotEmpty().MaximumLength(1000);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.EstimatedValue).ValidAmount();
            RuleFor(c => c.TenderPeriodEnd).GreaterThan(c => c.TenderPeriodStart)
                .When(c => c.TenderPeriodStart is not null && c.TenderPeriodEnd is not null)
                .WithMessage("The tender period must end after it starts.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var tender = await db.Tenders.SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Tender", request.Id);
            actor.EnsureCanEdit(tender.EnterpriseId, "Tender", tender.Id);
            if (tender.Status is TenderStatus.Cancelled)
                throw new ConflictException("A cancelled tender cannot be edited.");

            // The version the caller read becomes the concurrency check of the UPDATE itself.
            db.Entry(tender).Property(t => t.Version).OriginalValue = request.Version;
            tender.Title = request.Title.Trim();
            tender.Description = request.Description;
            tender.Method = request.Method;
            tender.Category = request.Category;
            tender.EstimatedValueMinor = TenderRules.Minor(request.EstimatedValue);
            tender.TenderPeriodStart = request.TenderPeriodStart;
            tender.TenderPeriodEnd = request.TenderPeriodEnd;
            tender.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            return new Result(tender.Id, tender.Version);
        }
    }
}
