using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Web.Endpoints;

internal static class ImportEndpoints
{
    /// <summary>Bodies up to this size are imported while the caller waits; larger ones become a background job.</summary>
    public const int SynchronousLimitBytes = 1024 * 1024;

    public sealed record ImportView(int? Id, ImportJobStatus Status, string? FileName, long? SizeBytes, DateTime? CreatedAt,
        DateTime? StartedAt, DateTime? FinishedAt, ImportProgress? Progress, ImportSummary? Summary, string? Error);

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder group)
    {
        group.MapPost("/ocds", ImportOcds)
            .WithSummary("Import OCDS: a raw body (application/json, application/x-ndjson, application/gzip) or a multipart upload in field 'file'.")
            .Produces<ImportView>(StatusCodes.Status200OK)
            .Produces<ImportView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        group.MapGet("/{id:int}", GetImport).WithName("GetImport").Produces<ImportView>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> ImportOcds(HttpContext http, OcdsImporter importer, AuditDbContext db, IImportJobQueue queue,
        DatabaseOptions database, TimeProvider clock, CancellationToken ct)
    {
        // Uploads are streamed to disk, so the framework's default body limit does not apply here.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        Stream body;
        string fileName;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = long.MaxValue }, ct);
            if (form.Files.GetFile("file") is not { } file)
                throw new DomainValidationException("file", "Upload the OCDS file in the multipart form field 'file'.");
            body = file.OpenReadStream();
            fileName = Path.GetFileName(file.FileName);
        }
        else
        {
            body = http.Request.Body;
            fileName = "request-body";
        }

        await using (body)
        {
            // Read up to the limit into memory; one byte more means the body is large.
            var head = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while (head.Length <= SynchronousLimitBytes && (read = await body.ReadAsync(buffer, ct)) > 0)
                head.Write(buffer, 0, read);

            if (head.Length <= SynchronousLimitBytes)
            {
                head.Position = 0;
                Refuse(Sniff(head));
                head.Position = 0;
                var summary = await importer.ImportAsync(head, new OcdsImportOptions { Actor = "api:import" }, null, ct);
                if (summary.Imported + summary.Updated == 0 && summary.SkippedCount > 0 && summary.Skipped.All(s => s.Reason.StartsWith("Malformed JSON", StringComparison.Ordinal)))
                    throw new DomainValidationException("body", string.Join(" ", summary.Skipped.Select(s => $"Line {s.Line}: {s.Reason}")));
                return Results.Ok(new ImportView(null, ImportJobStatus.Succeeded, fileName, head.Length, null, null, null, null, summary, null));
            }

            var folder = Path.Combine(Path.GetFullPath(database.DataFolder), "imports");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{Guid.NewGuid():N}.upload");
            long size;
            try
            {
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    head.Position = 0;
                    await head.CopyToAsync(file, ct);
                    await body.CopyToAsync(file, ct);
                    size = file.Length;
                }
                await using (var check = File.OpenRead(path)) Refuse(Sniff(check));
            }
            catch
            {
                File.Delete(path);
                throw;
            }

            var job = new ImportJob
            {
                FileName = fileName.Length > 400 ? fileName[..400] : fileName,
                StoredPath = path,
                SizeBytes = size,
                Status = ImportJobStatus.Queued,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                CreatedBy = "api",
            };
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(ct);
            await queue.EnqueueAsync(job.Id, ct);
            return Results.AcceptedAtRoute("GetImport", new { id = job.Id }, View(job, null));
        }
    }

    private static async Task<IResult> GetImport(int id, AuditDbContext db, ChannelImportJobQueue queue, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct)
            ?? throw new NotFoundException("Import", id);
        return Results.Ok(View(job, queue.Progress.TryGetValue(id, out var progress) ? progress : null));
    }

    private static ImportView View(ImportJob job, ImportProgress? progress) => new(job.Id, job.Status, job.FileName, job.SizeBytes, job.CreatedAt,
        job.StartedAt, job.FinishedAt, progress,
        job.SummaryJson is null ? null : JsonSerializer.Deserialize<ImportSummary>(job.SummaryJson, ImportJobRunner.SummaryJson), job.Error);

    private static InputShape Sniff(Stream input)
    {
        try
        {
            return OcdsInput.Sniff(input);
        }
        catch (InvalidDataException)
        {
            return InputShape.NotJson; // gzip magic but not a gzip stream
        }
    }

    private static void Refuse(InputShape shape)
    {
        switch (shape)
        {
            case InputShape.Empty:
                throw new DomainValidationException("body", "The body is empty: send OCDS JSON, JSON lines or gzip.");
            case InputShape.NotJson:
                throw new DomainValidationException("body", "The body is not JSON: send an OCDS release, record, package, JSON lines or gzip of those.");
        }
    }
}
