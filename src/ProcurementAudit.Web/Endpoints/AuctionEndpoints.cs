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
            m.Send(new ListAuctions.Query(enterpriseId, status, method, from, to, page ?? 1, pageSize ?? 50), ct))
            .WithSummary("Lease auctions, filtered by enterprise, status, method and announcement date, newest first.");

        group.MapGet("/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetAuction.Query(id), ct))
            .WithSummary("One auction with its asset, participants, bids (amounts sealed before the deadline), result, contract and chain of attempts.");

        group.MapPost("/assets", async (IMediator m, RegisterAsset.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return Results.Created($"/api/auctions/assets/{created.Id}", created);
        }).RequireAuthorization(Policies.Officer).WithSummary("Registers an asset for lease, with the SHA-256 (64 lowercase hex) of each of its documents.");

        group.MapGet("/assets/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetAsset.Query(id), ct))
            .WithSummary("One asset with its documents and every auction held for it.");

        group.MapPost("/", async (IMediator m, CreateAuction.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return Results.Created($"/api/auctions/{created.Id}", created);
        }).RequireAuthorization(Policies.Officer).WithSummary("Announces an auction for a registered asset (assetId) or a new one described inline.");

        group.MapPost("/{id:int}/participants", async (IMediator m, int id, RegisterParticipant.Command command, CancellationToken ct) =>
        {
            var participant = await m.Send(command with { AuctionId = id }, ct);
            return Results.Created($"/api/auctions/{id}/participants/{participant.Id}", participant);
        }).RequireAuthorization(Policies.Officer).WithSummary("Registers a participant (a party with identifiers and beneficial owners) before the bid deadline.");

        group.MapPut("/{id:int}/participants/{participantId:int}", (IMediator m, int id, int participantId, ParticipantBody body, CancellationToken ct) =>
            m.Send(new UpdateParticipant.Command(id, participantId, body.DepositPaid, body.Qualified), ct))
            .RequireAuthorization(Policies.Officer).WithSummary("Records whether a participant paid the deposit and is qualified.");

        group.MapPost("/{id:int}/bids", async (IMediator m, int id, RecordAuctionBid.Command command, CancellationToken ct) =>
        {
            var bid = await m.Send(command with { AuctionId = id }, ct);
            return Results.Created($"/api/auctions/{id}/bids/{bid.Id}", bid);
        }).RequireAuthorization(Policies.Officer).WithSummary("Records a bid; refused after the deadline, without a paid deposit, or off the method's price steps.");

        group.MapPost("/{id:int}/result", (IMediator m, int id, RecordAuctionResult.Command command, CancellationToken ct) =>
            m.Send(command with { AuctionId = id }, ct))
            .RequireAuthorization(Policies.Officer).WithSummary("Closes the auction: the winner and final rent (must match the bids), or {failed: true, reason}.");

        group.MapPost("/{id:int}/relist", async (IMediator m, int id, RelistAuction.Command command, CancellationToken ct) =>
        {
            var attempt = await m.Send(command with { AuctionId = id }, ct);
            return Results.Created($"/api/auctions/{attempt.Id}", attempt);
        }).RequireAuthorization(Policies.Officer).WithSummary("Relists a failed auction as its next attempt; PriceReduction and Descending cut the starting rent (default 10%).");

        group.MapPost("/{id:int}/contract", async (IMediator m, int id, RecordLeaseContract.Command command, CancellationToken ct) =>
        {
            var contract = await m.Send(command with { AuctionId = id }, ct);
            return Results.Created($"/api/auctions/{id}", contract);
        }).RequireAuthorization(Policies.Officer).WithSummary("Records the lease contract signed with the winner at the final rent.");

        group.MapPost("/{id:int}/refusal", (IMediator m, int id, RecordRefusal.Command command, CancellationToken ct) =>
            m.Send(command with { AuctionId = id }, ct))
            .RequireAuthorization(Policies.Officer).WithSummary("Records the winner's refusal to sign; the lease passes to the next bidder (or the auction fails).");
        return group;
    }

    internal sealed record ParticipantBody(bool DepositPaid, bool Qualified);
}
