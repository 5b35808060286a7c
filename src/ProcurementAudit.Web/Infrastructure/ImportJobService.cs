using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Web.Infrastructure;

/// <summary>
/// Runs queued OCDS imports one at a time in the background (imports write heavily; one at a time keeps
/// SQLite free of lock contention). Jobs left queued by a previous run are picked up again at start.
/// </summary>
internal sealed class ImportJobService(IServiceProvider services, ChannelImportJobQueue queue, ILogger<ImportJobService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
                if (await db.Database.CanConnectAsync(stoppingToken) && !(await db.Database.GetPendingMigrationsAsync(stoppingToken)).Any())
                    foreach (var id in await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued).Select(j => j.Id).ToListAsync(stoppingToken))
                        await queue.EnqueueAsync(id, stoppingToken);
            }
            await foreach (var jobId in queue.DequeueAllAsync(stoppingToken))
            {
                await using var scope = services.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<ImportJobRunner>().RunAsync(jobId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Import job {JobId} crashed", jobId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
