using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>Announces a lease auction for an asset: an existing one by id, or a new one described inline.</summary>
public static class CreateAuction
{
    public sealed record Command(
        int EnterpriseId,
        int? AssetId,
        AssetInput? Asset,
        AuctionMethod Method,
        decimal StartingMonthlyRent,
        decimal MinimumStep,
        decimal GuaranteeDeposit,
        DateTime AnnouncedAt,
        DateTime BidDeadline,
        int MinimumQualifiedBidders = 2,
        string? Currency = null) : IRequest<Result>;

    public sealed record AssetInput(string Description, decimal AreaSquareMetres, string Address, decimal AppraisedValue);

    public sealed record Result(int Id, int AssetId, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EnterpriseId).GreaterThan(0);
            RuleFor(c => c).Must(c => (c.AssetId is null) != (c.Asset is null)).WithName("Asset")
                .WithMessage("Give either an existing assetId or a new asset, not both.");
            When(c => c.Asset is not null, () =>
            {
                RuleFor(c => c.Asset!.Description).NotEmpty().MaximumLength(2000).OverridePropertyName("Asset.Description");
                RuleFor(c => c.Asset!.Address).NotEmpty().MaximumLength(400).OverridePropertyName("Asset.Address");
                RuleFor(c => c.Asset!.AreaSquareMetres).GreaterThan(0).LessThan(10_000_000).OverridePropertyName("Asset.AreaSquareMetres");
                RuleFor(c => c.Asset!.AppraisedValue).ValidAmount().OverridePropertyName("Asset.AppraisedValue");
            });
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.StartingMonthlyRent).ValidAmount();
            RuleFor(c => c.MinimumStep).ValidAmount();
            RuleFor(c => c.GuaranteeDeposit).GreaterThanOrEqualTo(0).Must(v => decimal.Round(v, 2) == v).WithMessage("'{PropertyName}' has at most two decimal places.");
            RuleFor(c => c.MinimumQualifiedBidders).InclusiveBetween(1, 100);
            RuleFor(c => c.BidDeadline).GreaterThan(c => c.AnnouncedAt).WithMessage("The bid deadline must come after the announcement.");
            RuleFor(c => c.Currency).ValidCurrency().When(c => c.Currency is not null);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == request.EnterpriseId && o.Kind == OrganisationKind.Enterprise, cancellationToken))
                throw new DomainValidationException(nameof(Command.EnterpriseId), $"Enterprise {request.EnterpriseId} does not exist.");
            actor.EnsureCanCreateFor(request.EnterpriseId);
            var currency = request.Currency ?? Money.DefaultCurrency;
            Asset asset;
            if (request.AssetId is { } assetId)
            {
                asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken)
                    ?? throw new DomainValidationException(nameof(Command.AssetId), $"Asset {assetId} does not exist.");
                if (asset.EnterpriseId != request.EnterpriseId)
                    throw new DomainValidationException(nameof(Command.AssetId), $"Asset {assetId} belongs to another enterprise.");
                if (await db.LeaseAuctions.AnyAsync(a => a.AssetId == assetId && a.Status == AuctionStatus.Announced, cancellationToken))
                    throw new ConflictException($"Asset {assetId} already has an auction under way.");
            }
            else
            {
                var input = request.Asset!;
                asset = new Asset
                {
                    EnterpriseId = request.EnterpriseId,
                    Description = input.Description,
                    AreaSquareMetres = input.AreaSquareMetres,
                    Address = input.Address,
                    AppraisedValueMinor = Money.ToMinor(input.AppraisedValue),
                    Currency = currency,
                };
                db.Assets.Add(asset);
            }

            var auction = new LeaseAuction
            {
                Asset = asset,
                EnterpriseId = request.EnterpriseId,
                Method = request.Method,
                Status = AuctionStatus.Announced,
                StartingRentMinor = Money.ToMinor(request.StartingMonthlyRent),
                MinimumStepMinor = Money.ToMinor(request.MinimumStep),
                GuaranteeDepositMinor = Money.ToMinor(request.GuaranteeDeposit),
                Currency = currency,
                AnnouncedAt = request.AnnouncedAt,
                BidDeadline = request.BidDeadline,
                MinimumQualifiedBidders = request.MinimumQualifiedBidders,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                CreatedBy = actor.Id,
            };
            db.LeaseAuctions.Add(auction);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, auction.Id), cancellationToken);
            return new Result(auction.Id, asset.Id, auction.Version);
        }
    }
}
