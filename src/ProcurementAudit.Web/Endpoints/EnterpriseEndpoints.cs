using MediatR;
using ProcurementAudit.Core.Organisations;

namespace ProcurementAudit.Web.Endpoints;

internal static class EnterpriseEndpoints
{
    public static RouteGroupBuilder MapEnterprises(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, string? search, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListEnterprises.Query(search, page ?? 1, pageSize ?? 50), ct));
        group.MapGet("/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetEnterprise.Query(id), ct));
        return group;
    }
}
