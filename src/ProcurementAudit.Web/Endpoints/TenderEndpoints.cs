using MediatR;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

using ProcurementAudit.Web.Security;

namespace ProcurementAudit.Web.Endpoints;

internal static class TenderEndpoints
{
    public static RouteGroupBuilder MapTenders(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, int? enterpriseId, TenderStatus? status, ProcurementMethod? method, DateTime? from, DateTime? to,
                string? search, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListTenders.Query(enterpriseId, status, method, from, to, search, page ?? 1, pageSize ?? 50), ct))
            .WithSummary("Tenders, filtered by enterprise, status, method and tender-period start (from/to), newest first.");

        group.MapGet("/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetTender.Query(id), ct))
            .WithSummary("One tender with lots, items, bids (amounts sealed before the deadline), awards and contracts.");

        group.MapPost("/", async (IMediator m, CreateTender.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return Results.Created($"/api/tenders/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);

        group.MapPut("/{id:int}", (IMediator m, int id, UpdateTender.Command command, CancellationToken ct) => m.Send(command with { Id = id }, ct))
            .WithSummary("Edits the tender; send the version you read (a stale version is a 409).")
            .RequireAuthorization(Policies.Officer);

        group.MapPost("/{id:int}/cancel", (IMediator m, int id, CancelTenderBody body, CancellationToken ct) =>
            m.Send(new CancelTender.Command(id, body.Version, body.Reason), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapGet("/{id:int}/bids", (IMediator m, int id, CancellationToken ct) => m.Send(new ListBids.Query(id), ct));

        group.MapPost("/{id:int}/bids", async (IMediator m, int id, RecordBid.Command command, CancellationToken ct) =>
        {
            var bid = await m.Send(command with { TenderId = id }, ct);
            return Results.Created($"/api/tenders/{id}/bids/{bid.Id}", bid);
        })
            .RequireAuthorization(Policies.Officer);

        group.MapPut("/{id:int}/bids/{bidId:int}/status", (IMediator m, int id, int bidId, BidStatusBody body, CancellationToken ct) =>
            m.Send(new UpdateBidStatus.Command(id, bidId, body.Status, body.Reason), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapPost("/{id:int}/awards", async (IMediator m, int id, RecordAward.Command command, CancellationToken ct) =>
        {
            var award = await m.Send(command with { TenderId = id }, ct);
            return Results.Created($"/api/tenders/{id}/awards/{award.Id}", award);
        })
            .RequireAuthorization(Policies.Officer);

        group.MapPost("/{id:int}/contracts", async (IMediator m, int id, RecordContract.Command command, CancellationToken ct) =>
        {
            var contract = await m.Send(command with { TenderId = id }, ct);
            return Results.Created($"/api/tenders/{id}/contracts/{contract.Id}", contract);
        })
            .RequireAuthorization(Policies.Officer);

        group.MapPost("/{id:int}/contracts/{contractId:int}/amendments", async (IMediator m, int id, int contractId, RecordAmendment.Command command, CancellationToken ct) =>
        {
            var amendment = await m.Send(command with { TenderId = id, ContractId = contractId }, ct);
            return Results.Created($"/api/tenders/{id}/contracts/{contractId}/amendments/{amendment.Id}", amendment);
        })
            .RequireAuthorization(Policies.Officer);
        return group;
    }

    internal sealed record CancelTenderBody(int Version, string Reason);

    internal sealed record BidStatusBody(BidStatus Status, string? Reason);
}
