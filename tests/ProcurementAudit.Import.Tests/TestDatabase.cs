using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Import.Tests;

/// <summary>A real SQLite file in a temp folder, schema from the migrations.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pa-import-tests", Guid.NewGuid().ToString("N"));
    public ServiceProvider Services { get; }

    public TestDatabase()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:DataFolder", Folder), new("Database:SeedDemoData", "false")])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProcurementAuditCore(configuration);
        Services = services.BuildServiceProvider();
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditDbContext>().Database.Migrate();
    }

    public async Task<ImportSummary> ImportAsync(Stream input, OcdsImportOptions? options = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OcdsImporter>().ImportAsync(input, options);
    }

    public async Task<ImportSummary> ImportFileAsync(string path, OcdsImportOptions? options = null)
    {
        await using var file = File.OpenRead(path);
        return await ImportAsync(file, options);
    }

    public AuditDbContext NewContext() => Services.CreateScope().ServiceProvider.GetRequiredService<AuditDbContext>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public static class SharedData
{
    /// <summary>The shared data folder, found next to the repository root (the folder holding the solution).</summary>
    public static string OcdsFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "ProcurementAudit.sln"))) dir = dir.Parent;
            if (dir is null) throw new DirectoryNotFoundException("The repository root (ProcurementAudit.sln) was not found above " + AppContext.BaseDirectory);
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "ocds"));
        }
    }

    public static string File(string relative) => Path.Combine(OcdsFolder, relative);

    public static IEnumerable<object[]> AllFiles() =>
        Directory.EnumerateFiles(OcdsFolder, "*.json*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(OcdsFolder, f))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });
}
