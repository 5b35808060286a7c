using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Where background imports are queued. The in-process channel is the embedded default; a Hangfire
/// implementation only has to call <see cref="ImportJobRunner.RunAsync"/> with the job id.
/// </summary>
public interface IImportJobQueue
{
    ValueTask EnqueueAsync(int jobId, CancellationToken ct);
}

/// <summary>A bounded in-process queue read by a hosted service; job state lives in the ImportJob table.</summary>
public sealed class ChannelImportJobQueue : IImportJobQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Latest progress of running jobs, shown by the status endpoint.</summary>
    public ConcurrentDictionary<int, ImportProgress> Progress { get; } = new();

    public ValueTask EnqueueAsync(int jobId, CancellationToken ct) => _channel.Writer.WriteAsync(jobId, ct);

    public IAsyncEnumerable<int> DequeueAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>Runs one queued import job; idempotent: a job that is no longer queued is left alone.</summary>
public sealed class ImportJobRunner(AuditDbContext db, OcdsImporter importer, TimeProvider clock, ILogger<ImportJobRunner> logger, ChannelImportJobQueue? queue = null)
{
    public static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public async Task RunAsync(int jobId, CancellationToken ct)
    {
        var started = await db.ImportJobs.Where(j => j.Id == jobId && j.Status == ImportJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.StartedAt, clock.GetUtcNow().UtcDateTime), ct);
        if (started == 0) return;
        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        try
        {
            ImportSummary summary;
            await using (var file = new FileStream(job.StoredPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                var progress = queue is null ? null : new Progress<ImportProgress>(p => queue.Progress[jobId] = p);
                summary = await importer.ImportAsync(file, new OcdsImportOptions { Actor = $"system:job:import-{jobId}" }, progress, ct);
            }
            var json = JsonSerializer.Serialize(summary, SummaryJson);
            await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Succeeded)
                .SetProperty(j => j.BytesRead, summary.BytesRead)
                .SetProperty(j => j.SummaryJson, json)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow().UtcDateTime), ct);
        }
        catch (Exception e) when (e is IOException or JsonException or DbUpdateException or InvalidOperationException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Import job {JobId} failed", jobId);
            var message = e.Message.Length > 4000 ? e.Message[..4000] : e.Message;
            await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Failed)
                .SetProperty(j => j.Error, message)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        }
        finally
        {
            queue?.Progress.TryRemove(jobId, out _);
            try { File.Delete(job.StoredPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
