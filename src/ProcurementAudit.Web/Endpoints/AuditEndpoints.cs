using MediatR;
using ProcurementAudit.Core.Audit;

namespace ProcurementAudit.Web.Endpoints;

internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditTrail(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, string? entityType, string? entityId, string? actor, DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListAuditTrail.Query(entityType, entityId, actor, from, to, page ?? 1, pageSize ?? 50), ct))
            .WithSummary("The hash-chained audit trail, newest first.");
        group.MapGet("/verify", (IMediator m, CancellationToken ct) => m.Send(new VerifyAuditTrail.Query(), ct))
            .WithSummary("Walks the chain and reports the first broken link, if any.");
        return group;
    }
}
