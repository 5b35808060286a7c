using MediatR;
using ProcurementAudit.Core.Reporting;
using ProcurementAudit.Web.Security;

namespace ProcurementAudit.Web.Endpoints;

/// <summary>
/// PDF reports: request (auditors any, monitors in scope), poll the status, download, and verify that a PDF came from
/// this service. Status and download are for the requester, auditors and administrators.
/// </summary>
internal static class ReportEndpoints
{
    public sealed record ScopeBody(string? Kind, int? Id);

    public sealed record PeriodBody(DateOnly? From, DateOnly? To);

    public sealed record RequestBody(string? Kind, ScopeBody? Scope, PeriodBody? Period);

    /// <summary>Larger uploads cannot be one of ours (an oversight report of 2 000 procedures is a few MB).</summary>
    private const long MaxUploadBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder group)
    {
        group.MapPost("/", async (IMediator m, RequestBody body, CancellationToken ct) =>
        {
            var result = await m.Send(new RequestReport.Command(body.Kind, body.Scope?.Kind, body.Scope?.Id, body.Period?.From, body.Period?.To), ct);
            return Results.Accepted($"/api/reports/{result.Id}", result);
        }).RequireAuthorization(Policies.Observer)
            .WithSummary("Queues a report: {kind: oversight|dossier|observer, scope: {kind, id}, period: {from, to}}; 202 with its Location.");
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetReport.Query(id), ct))
            .WithSummary("The report's status (Queued, Running, Done, Failed), file name and SHA-256.");
        group.MapGet("/{id:guid}/pdf", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            var pdf = await m.Send(new GetReportPdf.Query(id), ct);
            return Results.File(pdf.Content, "application/pdf", pdf.FileName);
        }).WithSummary("The finished report as application/pdf.");
        group.MapPost("/verify", async (IMediator m, HttpRequest request, CancellationToken ct) =>
            await m.Send(new VerifyReport.Command(await ReadUploadAsync(request, ct)), ct))
            .WithSummary("Upload a PDF (multipart field 'file' or a raw application/pdf body): did this service produce it, and when?");
        return group;
    }

    /// <summary>The first file of a multipart form, else the raw body; null when there is nothing usable.</summary>
    private static async Task<byte[]?> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxUploadBytes) return null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null || file.Length > MaxUploadBytes) return null;
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        return body.Length > MaxUploadBytes ? null : body.ToArray();
    }
}
