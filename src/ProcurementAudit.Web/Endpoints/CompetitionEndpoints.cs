using MediatR;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Domain;

using ProcurementAudit.Web.Security;

namespace ProcurementAudit.Web.Endpoints;

internal static class CompetitionEndpoints
{
    public static RouteGroupBuilder MapCompetitions(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, int? enterpriseId, CompetitionStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListCompetitions.Query(enterpriseId, status, page ?? 1, pageSize ?? 50), ct));
        group.MapGet("/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetCompetition.Query(id), ct));
        group.MapPost("/", async (IMediator m, CreateCompetition.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return Results.Created($"/api/competitions/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);
        return group;
    }
}
