using MediatR;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Web.Endpoints;

/// <summary>
/// The risk engine's API, in groups by who may use them (so an authorization policy can go on each once auth lands):
/// reading flags and commenting (monitors, auditors), reviewing (auditors), indicator settings (auditors), risk scores.
/// </summary>
internal static class FlagEndpoints
{
    public sealed record ReviewBody(string? Decision, string? Reason);

    public sealed record CommentBody(string? Text);

    public sealed record SettingsBody(Dictionary<string, decimal>? Parameters);

    public static IEndpointRouteBuilder MapRiskEngine(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/flags").WithTags("Flags").MapFlags();
        api.MapGroup("/flags").WithTags("Flags").MapFlagComments();
        api.MapGroup("/flags").WithTags("Flags").MapFlagReviews();
        api.MapGroup("/indicators").WithTags("Indicators").MapIndicators();
        api.MapGroup("/").WithTags("Risk scores").MapRiskScores();
        return api;
    }

    public static RouteGroupBuilder MapFlags(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, int? enterpriseId, ProcedureKind? procedureKind, int? procedureId, string? code, FlagStatus? status,
                DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListFlags.Query(enterpriseId, procedureKind, procedureId, code, status, from, to, page ?? 1, pageSize ?? 50), ct));
        group.MapGet("/{id:long}", (IMediator m, long id, CancellationToken ct) => m.Send(new GetFlag.Query(id), ct));
        return group;
    }

    public static RouteGroupBuilder MapFlagComments(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:long}/comments", async (IMediator m, long id, CommentBody body, CancellationToken ct) =>
        {
            var comment = await m.Send(new CommentOnFlag.Command(id, body.Text), ct);
            return Results.Created($"/api/flags/{id}", comment);
        });
        return group;
    }

    public static RouteGroupBuilder MapFlagReviews(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:long}/review", (IMediator m, long id, ReviewBody body, CancellationToken ct) =>
            m.Send(new ReviewFlag.Command(id, body.Decision, body.Reason), ct));
        return group;
    }

    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new ListIndicators.Query(), ct));
        group.MapGet("/{code}/settings", (IMediator m, string code, int? conglomerateId, CancellationToken ct) =>
            m.Send(new GetIndicatorSettings.Query(code, conglomerateId), ct));
        group.MapPut("/{code}/settings", (IMediator m, string code, int? conglomerateId, SettingsBody body, CancellationToken ct) =>
            m.Send(new UpdateIndicatorSettings.Command(code, conglomerateId, body.Parameters), ct));
        group.MapGet("/{code}/settings/history", (IMediator m, string code, int conglomerateId, CancellationToken ct) =>
            m.Send(new GetIndicatorSettingsHistory.Query(code, conglomerateId), ct));
        return group;
    }

    public static RouteGroupBuilder MapRiskScores(this RouteGroupBuilder group)
    {
        group.MapGet("/enterprises/{id:int}/risk", (IMediator m, int id, DateTime? from, DateTime? to, CancellationToken ct) =>
            m.Send(new GetEnterpriseRisk.Query(id, from, to), ct));
        group.MapGet("/procedures/{kind}/{id:int}/risk", (IMediator m, ProcedureKind kind, int id, CancellationToken ct) =>
            m.Send(new GetProcedureRisk.Query(kind, id), ct));
        return group;
    }
}
