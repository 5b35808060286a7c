using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Audit;

public static class ListAuditTrail
{
    public sealed record Query(string? EntityType = null, string? EntityId = null, string? Actor = null, DateTime? From = null, DateTime? To = null,
        int Page = 1, int PageSize = 50) : IRequest<Page<Entry>>;

    public sealed record Entry(long Id, long Sequence, DateTime At, string Actor, string Action, string EntityType, string EntityId, string Change,
        string ChangesJson, string PreviousHash, string Hash);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'To' must not be before 'From'.");
        }
    }

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, Page<Entry>>
    {
        public Task<Page<Entry>> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.AuditTrail.AsNoTracking();
            if (request.EntityType is { } type) query = query.Where(e => e.EntityType == type);
            if (request.EntityId is { } id) query = query.Where(e => e.EntityId == id);
            if (request.Actor is { } actor) query = query.Where(e => e.Actor == actor);
            if (request.From is { } from) query = query.Where(e => e.At >= from);
            if (request.To is { } to) query = query.Where(e => e.At <= to);
            return query.OrderByDescending(e => e.Sequence)
                .Select(e => new Entry(e.Id, e.Sequence, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.Change, e.ChangesJson, e.PreviousHash, e.Hash))
                .ToPageAsync(request.Page, request.PageSize, cancellationToken);
        }
    }
}
