using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Web.Infrastructure;

/// <summary>
/// Hangfire in the web host: in-memory storage with the embedded SQLite default (jobs do not survive a restart; the
/// nightly full scan catches up), SQL Server storage with the SQL Server provider (queued and running jobs are
/// picked up again after a restart). The server runs in this process.
/// </summary>
internal static class RiskJobsSetup
{
    public const string DashboardPath = "/ops/jobs";

    public static IServiceCollection AddRiskJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
                config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    SchemaName = "hangfire",
                });
            else
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
        });
        // SQLite has one writer at a time: a few workers keep rescans flowing without queueing on the file lock.
        var workers = configuration.GetValue<int?>("Hangfire:WorkerCount")
                      ?? (database.Provider == DatabaseProvider.SqlServer ? Math.Min(Environment.ProcessorCount * 5, 20) : 2);
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = workers;
            o.ServerName = $"procurement-audit:{Environment.MachineName}";
        });
        return services;
    }

    /// <summary>The dashboard and the recurring full scan (stable id, so a restart updates rather than duplicates it).</summary>
    public static WebApplication UseRiskJobs(this WebApplication app)
    {
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAuthorization()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(DashboardAuthorization.Administrator),
            DisplayStorageConnectionString = false,
            DashboardTitle = "ProcurementAudit jobs",
            AppPath = "/",
        });
        var options = app.Services.GetRequiredService<RiskOptions>();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RiskJobs>(
            RiskJobs.FullScanJobId,
            jobs => jobs.FullScanAsync(null, CancellationToken.None),
            options.FullScanCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return app;
    }
}

/// <summary>Administrators manage jobs; auditors may look (read-only); nobody else, and never anonymous users.</summary>
internal sealed class DashboardAuthorization : IDashboardAuthorizationFilter
{
    public const string Administrator = "Administrator";
    public const string Auditor = "Auditor";

    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && (user.IsInRole(Administrator) || user.IsInRole(Auditor));
    }
}
