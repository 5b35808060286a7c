using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Reporting;

/// <summary>A report's status; only its requester, auditors and administrators see it (others: 404).</summary>
public static class GetReport
{
    public sealed record Query(Guid Id) : IRequest<Result>;

    public sealed record Result(Guid Id, ReportKind Kind, ReportScopeKind ScopeKind, int ScopeId, DateOnly? PeriodFrom, DateOnly? PeriodTo,
        ReportStatus Status, string? Error, string RequestedBy, DateTime CreatedAt, DateTime? CompletedAt, string? FileName, string? Sha256, long? SizeBytes);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query q, CancellationToken ct)
        {
            var r = await db.Reports.AsNoTracking().Where(x => x.Id == q.Id)
                .Select(x => new Result(x.Id, x.Kind, x.ScopeKind, x.ScopeId, x.PeriodFrom, x.PeriodTo, x.Status, x.Error, x.RequestedBy,
                    x.CreatedAt, x.CompletedAt, x.FileName, x.Sha256, x.SizeBytes))
                .SingleOrDefaultAsync(ct);
            if (r is null || !CanSee(actor, r.RequestedBy)) throw new NotFoundException("Report", q.Id);
            return r;
        }
    }

    internal static bool CanSee(ICurrentActor actor, string requestedBy) => actor.ReadsEverything() || actor.Id == requestedBy;
}
