using MediatR;
using ProcurementAudit.Core.Public;

namespace ProcurementAudit.Web.Endpoints;

internal static class PublicEndpoints
{
    public const string RateLimitPolicy = "public";

    public static RouteGroupBuilder MapPublic(this RouteGroupBuilder group)
    {
        group.MapGet("/tenders", (IMediator m, int? enterpriseId, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new PublicTenders.Query(enterpriseId, page ?? 1, pageSize ?? 50), ct));
        group.MapGet("/summary", (IMediator m, CancellationToken ct) => m.Send(new PublicSummary.Query(), ct))
            .WithSummary("Aggregate figures per enterprise; no personal data.");
        return group;
    }
}
