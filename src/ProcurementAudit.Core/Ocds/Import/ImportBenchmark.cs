using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Ocds.Import;

public sealed record ImportBenchmarkResult(int Releases, int Imported, int Skipped, TimeSpan Elapsed, double ReleasesPerSecond, long PeakWorkingSetBytes, long InputBytes)
{
    /// <summary>CPU time of the whole process during the import (reader, writer, GC and JIT together).</summary>
    public TimeSpan CpuTime { get; init; }
    public long AllocatedBytes { get; init; }
    public TimeSpan GcPause { get; init; }
    /// <summary>The part of <see cref="ImportBenchmarkResult.Elapsed"/> spent building indexes set aside during the import.</summary>
    public TimeSpan BuildingIndexes { get; init; }
    /// <summary>Collections during the import, by generation (0, 1, 2).</summary>
    public (int Gen0, int Gen1, int Gen2) Collections { get; init; }
}

/// <summary>
/// The import half of <c>bench ocds</c>: imports a JSONL stream of compiled releases into a fresh SQLite file and
/// reports releases per second and the process's peak working set.
/// </summary>
public static class ImportBenchmark
{
    public static async Task<ImportBenchmarkResult> RunAsync(Stream jsonl, string databasePath, CancellationToken ct = default)
    {
        if (File.Exists(databasePath)) File.Delete(databasePath);
        var options = new DbContextOptionsBuilder<AuditDbContext>();
        new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }.Apply(options);
        await using var db = new AuditDbContext(options.Options);
        await db.Database.MigrateAsync(ct);

        var importer = new OcdsImporter(db, TimeProvider.System, new NoMediator(), NullLogger<OcdsImporter>.Instance);
        using var process = Process.GetCurrentProcess();
        var (cpu, allocated, paused) = (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var stopwatch = Stopwatch.StartNew();
        var building = TimeSpan.Zero;
        var progress = new InlineProgress(p => { if (p.BuildingIndexes) building = stopwatch.Elapsed; });
        var summary = await importer.ImportAsync(jsonl, new OcdsImportOptions { Actor = "bench" }, progress, ct);
        stopwatch.Stop();
        process.Refresh();
        return new ImportBenchmarkResult(summary.Read, summary.Imported + summary.Updated, summary.SkippedCount, stopwatch.Elapsed,
            summary.Read / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9), process.PeakWorkingSet64, summary.BytesRead)
        {
            CpuTime = process.TotalProcessorTime - cpu,
            AllocatedBytes = GC.GetTotalAllocatedBytes() - allocated,
            GcPause = GC.GetTotalPauseDuration() - paused,
            Collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2),
            BuildingIndexes = building == TimeSpan.Zero ? TimeSpan.Zero : stopwatch.Elapsed - building,
        };
    }

    /// <summary>Reports on the importing thread as they come (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private sealed class NoMediator : IMediator
    {
        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task Publish(object notification, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification => Task.CompletedTask;
    }
}
