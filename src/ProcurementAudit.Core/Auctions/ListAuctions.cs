using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Auctions;

public static class ListAuctions
{
    public sealed record Query(int? EnterpriseId = null, AuctionStatus? Status = null, AuctionMethod? Method = null, DateTime? From = null,
        DateTime? To = null, int Page = 1, int PageSize = 50) : IRequest<Page<AuctionSummary>>;

    public sealed record AuctionSummary(int Id, int EnterpriseId, string EnterpriseName, int AssetId, string AssetDescription, AuctionMethod Method,
        AuctionStatus Status, decimal StartingMonthlyRent, decimal? FinalMonthlyRent, string Currency, DateTime AnnouncedAt, DateTime BidDeadline,
        int AttemptNumber, int ParticipantCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Status).IsInEnum();
            RuleFor(q => q.Method).IsInEnum();
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("'To' must not be before 'From'.");
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Page<AuctionSummary>>
    {
        public Task<Page<AuctionSummary>> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.LeaseAuctions.AsNoTracking();
            if (actor.ReadableEnterprises() is { } scope) query = query.Where(a => scope.Contains(a.EnterpriseId));
            if (request.EnterpriseId is { } enterprise) query = query.Where(a => a.EnterpriseId == enterprise);
            if (request.Status is { } status) query = query.Where(a => a.Status == status);
            if (request.Method is { } method) query = query.Where(a => a.Method == method);
            if (request.From is { } from) query = query.Where(a => a.AnnouncedAt >= from);
            if (request.To is { } to) query = query.Where(a => a.AnnouncedAt <= to);
            return query.OrderByDescending(a => a.AnnouncedAt).ThenByDescending(a => a.Id)
                .Select(a => new AuctionSummary(a.Id, a.EnterpriseId, a.Enterprise!.Name, a.AssetId, a.Asset!.Description, a.Method, a.Status,
                    (decimal)a.StartingRentMinor / Money.MinorPerMajor,
                    a.FinalRentMinor == null ? null : (decimal)a.FinalRentMinor.Value / Money.MinorPerMajor,
                    a.Currency, a.AnnouncedAt, a.BidDeadline, a.AttemptNumber, a.Participants.Count))
                .ToPageAsync(request.Page, request.PageSize, cancellationToken);
        }
    }
}
