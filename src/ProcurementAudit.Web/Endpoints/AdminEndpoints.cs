using MediatR;
using ProcurementAudit.Core.Access;

namespace ProcurementAudit.Web.Endpoints;

internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder group)
    {
        group.MapGet("/access", (IMediator m, string? userId, CancellationToken ct) => m.Send(new ListAccess.Query(userId), ct));
        group.MapPost("/access", async (IMediator m, GrantAccess.Command command, CancellationToken ct) =>
        {
            var grant = await m.Send(command, ct);
            return Results.Created($"/api/admin/access/{grant.Id}", grant);
        }).WithSummary("Maps a user to an enterprise (officer or monitor) or accredits a monitor to a competition.");
        group.MapDelete("/access/{id:int}", async (IMediator m, int id, CancellationToken ct) =>
        {
            await m.Send(new RevokeAccess.Command(id), ct);
            return Results.NoContent();
        });
        return group;
    }
}
