using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Cli;

/// <summary>
/// The same services the web host uses, configured from appsettings.json beside the tool and environment
/// variables (e.g. Database__Provider, Database__DataFolder), so CLI and web see the same database.
/// </summary>
internal static class CliHost
{
    /// <param name="clock">A fixed clock (reproducible samples); null: the system clock.</param>
    public static ServiceProvider Build(string? dataFolder = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(dataFolder is null ? [] : [new("Database:DataFolder", dataFolder)])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning));
        if (clock is not null) services.AddSingleton(clock);
        services.AddProcurementAuditCore(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The embedded database migrates itself, as in the web host.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (options.Provider != DatabaseProvider.Sqlite) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await db.Database.MigrateAsync(ct);
        await DeferredIndexes.RestoreAsync(db, ct); // indexes an interrupted import had set aside
    }
}
