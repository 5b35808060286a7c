using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Public;

/// <summary>
/// Published tenders for anyone: procedure facts and figures only. No party is named (sole proprietors are people),
/// and bid amounts are not shown before the deadline.
/// </summary>
public static class PublicTenders
{
    public sealed record Query(int? EnterpriseId = null, int Page = 1, int PageSize = 50) : IRequest<Page<PublicTender>>;

    public sealed record PublicTender(int Id, string? Ocid, string? Enterprise, string Title, ProcurementMethod Method, TenderStatus Status,
        decimal? EstimatedValue, string Currency, DateTime? TenderPeriodStart, DateTime? TenderPeriodEnd, int NumberOfBids, decimal? AwardedValue);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock) : IRequestHandler<Query, Page<PublicTender>>
    {
        public Task<Page<PublicTender>> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var query = db.Tenders.AsNoTracking().Where(t => t.Status != TenderStatus.Planning);
            if (request.EnterpriseId is { } enterprise) query = query.Where(t => t.EnterpriseId == enterprise);
            return query.OrderByDescending(t => t.TenderPeriodStart).ThenByDescending(t => t.Id)
                .Select(t => new PublicTender(t.Id, t.Ocid, t.Enterprise != null ? t.Enterprise.Name : null, t.Title, t.Method, t.Status,
                    t.EstimatedValueMinor == null ? null : (decimal)t.EstimatedValueMinor.Value / Money.MinorPerMajor, t.Currency,
                    t.TenderPeriodStart, t.TenderPeriodEnd, t.Bids.Count,
                    t.TenderPeriodEnd != null && t.TenderPeriodEnd > now ? null
                        : (decimal?)t.Awards.Where(a => a.Status == AwardStatus.Active).Sum(a => a.ValueMinor) / Money.MinorPerMajor))
                .ToPageAsync(request.Page, request.PageSize, cancellationToken);
        }
    }
}
