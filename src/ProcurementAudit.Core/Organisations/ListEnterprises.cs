using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Organisations;

public static class ListEnterprises
{
    public sealed record Query(string? Search = null, int Page = 1, int PageSize = 50) : IRequest<Page<EnterpriseSummary>>;

    public sealed record EnterpriseSummary(int Id, string Name, string Edrpou, string? Region, int? ConglomerateId);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Search).MaximumLength(200);
        }
    }

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, Page<EnterpriseSummary>>
    {
        public Task<Page<EnterpriseSummary>> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Enterprise);
            if (!string.IsNullOrWhiteSpace(request.Search))
                query = query.Where(o => o.Name.Contains(request.Search) || o.Edrpou == request.Search);
            return query.OrderBy(o => o.Name).ThenBy(o => o.Id)
                .Select(o => new EnterpriseSummary(o.Id, o.Name, o.Edrpou, o.Region, o.ParentId))
                .ToPageAsync(request.Page, request.PageSize, cancellationToken);
        }
    }
}
