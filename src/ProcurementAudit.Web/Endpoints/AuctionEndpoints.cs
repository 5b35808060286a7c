using MediatR;
using ProcurementAudit.Core.Auctions;
using ProcurementAudit.Core.Domain;

using ProcurementAudit.Web.Security;

namespace ProcurementAudit.Web.Endpoints;

internal static class AuctionEndpoints
{
    public static RouteGroupBuilder MapAuctions(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, int? enterpriseId, AuctionStatus? status, AuctionMethod? method, DateTime? from, DateTime? to,
                int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListAuctions.Query(enterpriseId, status, method, from, to, page ?? 1, pageSize ?? 50), ct));
        group.MapGet("/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetAuction.Query(id), ct));
        group.MapPost("/", async (IMediator m, CreateAuction.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return Results.Created($"/api/auctions/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);
        return group;
    }
}
