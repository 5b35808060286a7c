using Hangfire;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Demo;

namespace ProcurementAudit.Web.Infrastructure;

/// <summary>
/// The embedded SQLite database migrates itself and, when empty, receives the demo dataset. SQL Server is deployed
/// with the idempotent script instead (see README), so nothing is changed there at start-up.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Provider != DatabaseProvider.Sqlite) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (await DeferredIndexes.RestoreAsync(db, cancellationToken) is > 0 and var built)
            logger.LogWarning("{Count} indexes an interrupted import had set aside were built again", built);
        if (options.SeedDemoData && !await db.Organisations.AnyAsync(cancellationToken))
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoDataSeeder>();
            var summary = await seeder.SeedAsync(cancellationToken);
            logger.LogInformation("Demo data created: {Summary}", summary);
            await Security.DemoUsers.GrantDemoScopesAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
            // The demo is for looking at flags: scan it now rather than at the first nightly run.
            scope.ServiceProvider.GetService<IBackgroundJobClient>()?
                .Enqueue<ProcurementAudit.Core.Risk.RiskJobs>(jobs => jobs.FullScanAsync(null, CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
