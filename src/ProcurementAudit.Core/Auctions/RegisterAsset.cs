using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Parties;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>Registers an asset an enterprise offers for lease, with the SHA-256 of each document that describes it.</summary>
public static class RegisterAsset
{
    public sealed record Command(
        int EnterpriseId,
        string Description,
        decimal AreaSquareMetres,
        string Address,
        decimal AppraisedValue,
        IReadOnlyList<DocumentInput>? Documents = null,
        PartyInput? SittingTenant = null,
        string? Currency = null) : IRequest<Result>;

    public sealed record DocumentInput(string Title, string Sha256);

    public sealed record Result(int Id);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EnterpriseId).GreaterThan(0);
            RuleFor(c => c.Description).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.Address).NotEmpty().MaximumLength(400);
            RuleFor(c => c.AreaSquareMetres).GreaterThan(0).LessThan(10_000_000)
                .Must(v => decimal.Round(v, 2) == v).WithMessage("'{PropertyName}' has at most two decimal places.");
            RuleFor(c => c.AppraisedValue).ValidAmount();
            RuleFor(c => c.Currency).ValidCurrency().When(c => c.Currency is not null);
            RuleFor(c => c.Documents).Must(d => d is null || d.Count <= 100).WithMessage("At most 100 documents per asset.");
            RuleForEach(c => c.Documents).ChildRules(d =>
            {
                d.RuleFor(x => x.Title).NotEmpty().MaximumLength(400);
                d.RuleFor(x => x.Sha256).NotEmpty().Matches("^[0-9a-f]{64}$")
                    .WithMessage("'{PropertyName}' must be a SHA-256 digest: 64 lowercase hexadecimal characters.");
            });
            RuleFor(c => c.Documents)
                .Must(d => d is null || d.Select(x => x.Sha256).Distinct(StringComparer.Ordinal).Count() == d.Count)
                .WithMessage("The same document (SHA-256) is listed twice.");
            RuleFor(c => c.SittingTenant!).SetValidator(new PartyInputValidator()).When(c => c.SittingTenant is not null);
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == request.EnterpriseId && o.Kind == OrganisationKind.Enterprise, cancellationToken))
                throw new DomainValidationException(nameof(Command.EnterpriseId), $"Enterprise {request.EnterpriseId} does not exist.");
            actor.EnsureCanCreateFor(request.EnterpriseId);
            var asset = new Asset
            {
                EnterpriseId = request.EnterpriseId,
                Description = request.Description.Trim(),
                AreaSquareMetres = request.AreaSquareMetres,
                Address = request.Address.Trim(),
                AppraisedValueMinor = Money.ToMinor(request.AppraisedValue),
                Currency = request.Currency ?? Money.DefaultCurrency,
                Documents = (request.Documents ?? []).Select(d => new AssetDocument { Title = d.Title.Trim(), Sha256 = d.Sha256 }).ToList(),
            };
            // A new tenant party needs its id before the asset can point at it; one transaction keeps it all-or-nothing.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (request.SittingTenant is { } tenant)
            {
                var party = await PartyResolver.ResolveAsync(db, tenant, nameof(Command.SittingTenant), cancellationToken);
                if (party.Id == 0) await db.SaveChangesAsync(cancellationToken);
                asset.SittingTenantPartyId = party.Id;
            }
            db.Assets.Add(asset);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(asset.Id);
        }
    }
}
