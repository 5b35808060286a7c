using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>Flags, newest first, filtered by enterprise, procedure, code, status and the procedure's date.</summary>
public static class ListFlags
{
    /// <param name="From">Procedures dated on or after this (UTC).</param>
    /// <param name="To">Procedures dated before this (UTC).</param>
    public sealed record Query(
        int? EnterpriseId = null,
        ProcedureKind? ProcedureKind = null,
        int? ProcedureId = null,
        string? Code = null,
        FlagStatus? Status = null,
        DateTime? From = null,
        DateTime? To = null,
        int Page = 1,
        int PageSize = 50) : IRequest<Page<Item>>;

    public sealed record Item(long Id, string Code, string Title, ProcedureKind ProcedureKind, int ProcedureId, string SubjectKey,
        int? EnterpriseId, DateTime? ProcedureDate, FlagStatus Status, string Explanation, decimal Weight, DateTime RaisedAt, DateTime? ClearedAt,
        string? ReviewedBy, DateTime? ReviewedAt);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IndicatorCatalog catalog)
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Code).Must(c => catalog.Find(c!) is not null).When(q => q.Code is not null).WithMessage(q => $"Unknown indicator code '{q.Code}'.");
            RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null);
        }
    }

    internal sealed class Handler(AuditDbContext db, IndicatorCatalog catalog, RiskOptions options) : IRequestHandler<Query, Page<Item>>
    {
        public async Task<Page<Item>> Handle(Query q, CancellationToken cancellationToken)
        {
            var flags = db.Flags.AsNoTracking();
            if (q.EnterpriseId is { } e) flags = flags.Where(f => f.EnterpriseId == e);
            if (q.ProcedureKind is { } k) flags = flags.Where(f => f.ProcedureKind == k);
            if (q.ProcedureId is { } p) flags = flags.Where(f => f.ProcedureId == p);
            if (q.Code is { } code)
            {
                var canonical = catalog.Find(code)!.Code;
                flags = flags.Where(f => f.Code == canonical);
            }
            if (q.Status is { } s) flags = flags.Where(f => f.Status == s);
            if (q.From is { } from)
            {
                var utc = from.ToUniversalTime();
                flags = flags.Where(f => f.ProcedureDate >= utc);
            }
            if (q.To is { } to)
            {
                var utc = to.ToUniversalTime();
                flags = flags.Where(f => f.ProcedureDate < utc);
            }
            var page = await flags.OrderByDescending(f => f.RaisedAt).ThenByDescending(f => f.Id)
                .Select(f => new { f.Id, f.Code, f.ProcedureKind, f.ProcedureId, f.SubjectKey, f.EnterpriseId, f.ProcedureDate, f.Status, f.Explanation, f.RaisedAt, f.ClearedAt, f.ReviewedBy, f.ReviewedAt })
                .ToPageAsync(q.Page, q.PageSize, cancellationToken);
            return new Page<Item>(
                [.. page.Items.Select(f => new Item(f.Id, f.Code, catalog.Find(f.Code)?.Title ?? f.Code, f.ProcedureKind, f.ProcedureId, f.SubjectKey, f.EnterpriseId,
                    f.ProcedureDate, f.Status, f.Explanation, options.WeightOf(f.Code), f.RaisedAt, f.ClearedAt, f.ReviewedBy, f.ReviewedAt))],
                page.PageNumber, page.PageSize, page.TotalCount);
        }
    }
}
