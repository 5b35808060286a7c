using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Ocds.Import;

public sealed record ImportBenchmarkResult(int Releases, int Imported, int Skipped, TimeSpan Elapsed, double ReleasesPerSecond, long PeakWorkingSetBytes, long InputBytes);

/// <summary>
/// The import half of <c>bench ocds</c>: imports a JSONL stream of compiled releases into a fresh SQLite file and
/// reports releases per second and the process's peak working set.
/// </summary>
public static class ImportBenchmark
{
    public static async Task<ImportBenchmarkResult> RunAsync(Stream jsonl, string databasePath, int batchSize = 2000, CancellationToken ct = default)
    {
        if (File.Exists(databasePath)) File.Delete(databasePath);
        var options = new DbContextOptionsBuilder<AuditDbContext>();
        new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }.Apply(options);
        await using var db = new AuditDbContext(options.Options);
        await db.Database.MigrateAsync(ct);

        var importer = new OcdsImporter(db, TimeProvider.System, new NoMediator(), NullLogger<OcdsImporter>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var summary = await importer.ImportAsync(jsonl, new OcdsImportOptions { BatchSize = batchSize, Actor = "bench" }, null, ct);
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ImportBenchmarkResult(summary.Read, summary.Imported + summary.Updated, summary.SkippedCount, stopwatch.Elapsed,
            summary.Read / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9), process.PeakWorkingSet64, summary.BytesRead);
    }

    private sealed class NoMediator : IMediator
    {
        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task Publish(object notification, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification => Task.CompletedTask;
    }
}
