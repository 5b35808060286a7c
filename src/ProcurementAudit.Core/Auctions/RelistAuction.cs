using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// Relists a failed auction as its next attempt, linked by PreviousAttemptId with AttemptNumber + 1. The new starting
/// rent follows the price-reduction rule of the new attempt's method (<see cref="AuctionRules"/>): English keeps the
/// starting rent; PriceReduction and Descending cut it by ReductionPercent (default 10, within 0..50). The method,
/// minimum step, deposit and minimum number of bidders carry over unless the request changes them.
/// </summary>
public static class RelistAuction
{
    public sealed record Command(int AuctionId, DateTime BidDeadline, DateTime? AnnouncedAt = null, AuctionMethod? Method = null,
        decimal? ReductionPercent = null, decimal? MinimumStep = null, decimal? GuaranteeDeposit = null, int? MinimumQualifiedBidders = null)
        : IRequest<Result>;

    public sealed record Result(int Id, int PreviousAttemptId, int AttemptNumber, AuctionMethod Method, decimal StartingMonthlyRent, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.ReductionPercent).InclusiveBetween(0m, AuctionRules.MaxReductionPercent)
                .Must(p => p is null || decimal.Round(p.Value, 2) == p.Value).WithMessage("'{PropertyName}' has at most two decimal places.");
            RuleFor(c => c.MinimumStep).ValidAmount();
            RuleFor(c => c.GuaranteeDeposit).GreaterThanOrEqualTo(0).Must(v => v is null || decimal.Round(v.Value, 2) == v.Value)
                .WithMessage("'{PropertyName}' has at most two decimal places.");
            RuleFor(c => c.MinimumQualifiedBidders).InclusiveBetween(1, 100);
            RuleFor(c => c.BidDeadline).GreaterThan(c => c.AnnouncedAt!.Value).When(c => c.AnnouncedAt is not null)
                .WithMessage("The bid deadline must come after the announcement.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var previous = await db.LeaseAuctions.SingleOrDefaultAsync(a => a.Id == request.AuctionId, cancellationToken)
                ?? throw new NotFoundException("Auction", request.AuctionId);
            actor.EnsureCanEdit(previous.EnterpriseId, "Auction", previous.Id);
            if (previous.Status != AuctionStatus.Failed)
                throw new ConflictException($"Only a failed auction is relisted; this one is {previous.Status.ToString().ToLowerInvariant()}.");
            if (await db.LeaseAuctions.AnyAsync(a => a.PreviousAttemptId == previous.Id, cancellationToken))
                throw new ConflictException($"Auction {previous.Id} has already been relisted.");
            if (await db.LeaseAuctions.AnyAsync(a => a.AssetId == previous.AssetId && a.Status == AuctionStatus.Announced, cancellationToken))
                throw new ConflictException($"Asset {previous.AssetId} already has an auction under way.");

            var method = request.Method ?? previous.Method;
            if (request.ReductionPercent is not null && !AuctionRules.CutsPriceOnRelist(method))
                throw new DomainValidationException(nameof(Command.ReductionPercent),
                    "An English auction is relisted at the same starting rent; choose method PriceReduction or Descending to cut it.");
            var now = clock.GetUtcNow().UtcDateTime;
            var announcedAt = request.AnnouncedAt ?? now;
            if (request.BidDeadline <= announcedAt)
                throw new DomainValidationException(nameof(Command.BidDeadline), "The bid deadline must come after the announcement.");
            if (previous.ClosedAt is { } closed && announcedAt < closed)
                throw new DomainValidationException(nameof(Command.AnnouncedAt), $"The failed attempt closed at {closed:u}; its relisting cannot be announced earlier.");

            var startingRent = AuctionRules.RelistedStartingRent(method, previous.StartingRentMinor,
                request.ReductionPercent ?? AuctionRules.DefaultReductionPercent);
            if (startingRent <= 0)
                throw new DomainValidationException(nameof(Command.ReductionPercent), "The reduced starting rent would be zero.");
            var attempt = new LeaseAuction
            {
                AssetId = previous.AssetId,
                EnterpriseId = previous.EnterpriseId,
                Method = method,
                Status = AuctionStatus.Announced,
                StartingRentMinor = startingRent,
                MinimumStepMinor = request.MinimumStep is { } step ? Money.ToMinor(step) : previous.MinimumStepMinor,
                GuaranteeDepositMinor = request.GuaranteeDeposit is { } deposit ? Money.ToMinor(deposit) : previous.GuaranteeDepositMinor,
                Currency = previous.Currency,
                AnnouncedAt = announcedAt,
                BidDeadline = request.BidDeadline,
                MinimumQualifiedBidders = request.MinimumQualifiedBidders ?? previous.MinimumQualifiedBidders,
                PreviousAttemptId = previous.Id,
                AttemptNumber = previous.AttemptNumber + 1,
                CreatedAt = now,
                CreatedBy = actor.Id,
            };
            db.LeaseAuctions.Add(attempt);
            // The failed attempt is touched too, so two relistings of it racing each other cannot both be saved.
            AuctionRules.Touch(db, previous);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Auction, attempt.Id), cancellationToken);
            return new Result(attempt.Id, previous.Id, attempt.AttemptNumber, attempt.Method, Money.FromMinor(attempt.StartingRentMinor), attempt.Version);
        }
    }
}
