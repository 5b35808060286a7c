using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

public static class ListTenders
{
    /// <summary>Filters combine; the date range applies to the start of the tender period.</summary>
    public sealed record Query(
        int? EnterpriseId = null,
        TenderStatus? Status = null,
        ProcurementMethod? Method = null,
        DateTime? From = null,
        DateTime? To = null,
        string? Search = null,
        int Page = 1,
        int PageSize = 50) : IRequest<Page<TenderSummary>>;

    public sealed record TenderSummary(int Id, string? Ocid, int? EnterpriseId, string? EnterpriseName, string Title,
        ProcurementMethod Method, TenderStatus Status, decimal? EstimatedValue, string Currency,
        DateTime? TenderPeriodStart, DateTime? TenderPeriodEnd, int BidCount, int Version);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Status).IsInEnum();
            RuleFor(q => q.Method).IsInEnum();
            RuleFor(q => q.Search).MaximumLength(200);
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("'To' must not be before 'From'.");
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Page<TenderSummary>>
    {
        public Task<Page<TenderSummary>> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.Tenders.AsNoTracking();
            if (actor.ReadableEnterprises() is { } scope) query = query.Where(t => t.EnterpriseId != null && scope.Contains(t.EnterpriseId.Value));
            if (request.EnterpriseId is { } enterprise) query = query.Where(t => t.EnterpriseId == enterprise);
            if (request.Status is { } status) query = query.Where(t => t.Status == status);
            if (request.Method is { } method) query = query.Where(t => t.Method == method);
            if (request.From is { } from) query = query.Where(t => t.TenderPeriodStart >= from);
            if (request.To is { } to) query = query.Where(t => t.TenderPeriodStart <= to);
            if (!string.IsNullOrWhiteSpace(request.Search))
                query = query.Where(t => t.Title.Contains(request.Search) || t.Ocid == request.Search);
            return query
                .OrderByDescending(t => t.TenderPeriodStart).ThenByDescending(t => t.Id)
                .Select(t => new TenderSummary(t.Id, t.Ocid, t.EnterpriseId, t.Enterprise != null ? t.Enterprise.Name : null, t.Title,
                    t.Method, t.Status, t.EstimatedValueMinor == null ? null : (decimal)t.EstimatedValueMinor.Value / Money.MinorPerMajor,
                    t.Currency, t.TenderPeriodStart, t.TenderPeriodEnd, t.Bids.Count, t.Version))
                .ToPageAsync(request.Page, request.PageSize, cancellationToken);
        }
    }
}
