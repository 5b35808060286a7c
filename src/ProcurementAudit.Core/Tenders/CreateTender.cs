using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

public static class CreateTender
{
    public sealed record Command(
        int EnterpriseId,
        string Title,
        string? Description,
        ProcurementMethod Method,
        ProcurementCategory Category,
        decimal? EstimatedValue,
        string? Currency,
        DateTime? TenderPeriodStart,
        DateTime? TenderPeriodEnd,
        IReadOnlyList<ItemInput>? Items = null,
        IReadOnlyList<LotInput>? Lots = null) : IRequest<Result>;

    public sealed record ItemInput(string Description, string? CpvCode, decimal? Quantity, string? Unit, string? LotNumber = null);

    public sealed record LotInput(string LotNumber, string Title, decimal? Value);

    public sealed record Result(int Id, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EnterpriseId).GreaterThan(0);
            RuleFor(c => c.Title).NotEmpty().MaximumLength(1000);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.EstimatedValue).ValidAmount();
            RuleFor(c => c.Currency).ValidCurrency().When(c => c.Currency is not null);
            RuleFor(c => c.TenderPeriodEnd).GreaterThan(c => c.TenderPeriodStart)
                .When(c => c.TenderPeriodStart is not null && c.TenderPeriodEnd is not null)
                .WithMessage("The tender period must end after it starts.");
            RuleFor(c => c.Items).Must(i => i is null || i.Count <= 1000);
            RuleForEach(c => c.Items).ChildRules(i =>
            {
                i.RuleFor(x => x.Description).NotEmpty().MaximumLength(2000);
                i.RuleFor(x => x.CpvCode).ValidCpv().When(x => x.CpvCode is not null);
                i.RuleFor(x => x.Quantity).GreaterThan(0).When(x => x.Quantity is not null);
                i.RuleFor(x => x.Unit).MaximumLength(100);
                i.RuleFor(x => x.LotNumber).MaximumLength(100);
            });
            RuleForEach(c => c.Lots).ChildRules(l =>
            {
                l.RuleFor(x => x.LotNumber).NotEmpty().MaximumLength(100);
                l.RuleFor(x => x.Title).NotEmpty().MaximumLength(400);
                l.RuleFor(x => x.Value).ValidAmount();
            });
            RuleFor(c => c.Lots).Must(l => l is null || l.Select(x => x.LotNumber).Distinct().Count() == l.Count)
                .WithMessage("Lot numbers must be unique.");
            RuleFor(c => c).Must(c => c.Items is null || c.Items.All(i => i.LotNumber is null || (c.Lots?.Any(l => l.LotNumber == i.LotNumber) ?? false)))
                .WithName("Items").WithMessage("Every item's lot number must name one of the tender's lots.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == request.EnterpriseId && o.Kind == OrganisationKind.Enterprise, cancellationToken))
                throw new DomainValidationException(nameof(Command.EnterpriseId), $"Enterprise {request.EnterpriseId} does not exist.");
            actor.EnsureCanCreateFor(request.EnterpriseId);

            var now = clock.GetUtcNow().UtcDateTime;
            var lots = (request.Lots ?? []).Select(l => new Lot { LotNumber = l.LotNumber, Title = l.Title, ValueMinor = TenderRules.Minor(l.Value) }).ToList();
            var tender = new Tender
            {
                EnterpriseId = request.EnterpriseId,
                Title = request.Title.Trim(),
                Description = request.Description,
                Method = request.Method,
                Category = request.Category,
                Status = TenderStatus.Active,
                EstimatedValueMinor = TenderRules.Minor(request.EstimatedValue),
                Currency = request.Currency ?? Money.DefaultCurrency,
                TenderPeriodStart = request.TenderPeriodStart,
                TenderPeriodEnd = request.TenderPeriodEnd,
                CreatedAt = now,
                UpdatedAt = now,
                CreatedBy = actor.Id,
                Lots = lots,
                Items = (request.Items ?? []).Select(i => new TenderItem
                {
                    Description = i.Description,
                    CpvCode = i.CpvCode,
                    Quantity = i.Quantity,
                    Unit = i.Unit,
                    Lot = i.LotNumber is null ? null : lots.Single(l => l.LotNumber == i.LotNumber),
                }).ToList(),
            };
            db.Tenders.Add(tender);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id), cancellationToken);
            return new Result(tender.Id, tender.Version);
        }
    }
}
