using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ProcurementAudit.Core.Ocds.Cardinal;
using ProcurementAudit.Core.Ocds.Synthetic;

namespace ProcurementAudit.Cli.Commands;

/// <summary>Benchmarks. <c>bench ocds</c> measures the OCDS pipeline over synthetic compiled releases.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput and memory on synthetic data.");
        command.Subcommands.Add(CreateOcds());
        command.Subcommands.Add(BenchScanCommand.CreateScan());
        command.Subcommands.Add(ReportCommand.CreateBench());
        return command;
    }

    private static Command CreateOcds()
    {
        var releases = new Option<long>("--releases", "-n") { Description = "Number of synthetic compiled releases.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed (same seed, same data).", DefaultValueFactory = _ => SyntheticReleases.DefaultSeed };
        var workers = new Option<int?>("--workers") { Description = "Worker threads for indicators (default: one per core)." };
        var keep = new Option<string?>("--keep") { Description = "Write the generated JSONL to this file and keep it (default: a temporary file, deleted)." };
        var only = new Option<string?>("--only") { Description = "Run one half only: indicators or import." };
        only.AcceptOnlyFromAmong("indicators", "import");
        var command = new Command("ocds", "Generate N synthetic compiled releases and stream them through the OCDS indicators (all enabled).")
        {
            releases, seed, workers, keep, only,
        };
        command.SetAction((parse, ct) => RunOcdsAsync(parse.GetValue(releases), parse.GetValue(seed), parse.GetValue(workers), parse.GetValue(keep), parse.GetValue(only), Console.Out, ct));
        return command;
    }

    public static async Task<int> RunOcdsAsync(long releases, int seed, int? workers, string? keep, string? only, TextWriter stdout, CancellationToken ct)
    {
        if (releases <= 0)
        {
            await Console.Error.WriteLineAsync("--releases must be positive.");
            return 2;
        }
        // tmpfs when there is one: the benchmark measures parsing and indicators, not the disk.
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var file = keep ?? Path.Combine(folder, $"procurementaudit-bench-{Environment.ProcessId}.jsonl");
        try
        {
            var watch = Stopwatch.StartNew();
            await using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                SyntheticReleases.Write(output, releases, seed);
            var size = new FileInfo(file).Length;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"generated {releases:N0} releases ({size / 1048576.0:F0} MiB, {size / (double)releases:F0} B/release) in {watch.Elapsed.TotalSeconds:F1} s (seed {seed})"));

            if (only is null or "indicators") await RunIndicatorsAsync(file, releases, workers, stdout, ct);
            if (only is null or "import") await RunImportAsync(file, stdout, ct);
            return 0;
        }
        finally
        {
            if (keep is null) File.Delete(file);
        }
    }

    /// <summary>The same releases imported into a fresh embedded database.</summary>
    private static async Task RunImportAsync(string file, TextWriter stdout, CancellationToken ct)
    {
        var database = Path.Combine(Path.GetTempPath(), $"procurementaudit-bench-{Environment.ProcessId}.db");
        try
        {
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = await ProcurementAudit.Core.Ocds.Import.ImportBenchmark.RunAsync(input, database, ct: ct);
            var rebuild = result.BuildingIndexes > TimeSpan.Zero
                ? string.Create(CultureInfo.InvariantCulture, $" (of which {result.BuildingIndexes.TotalSeconds:F1} s building the indexes set aside)") : "";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"import: {result.Imported:N0} releases into SQLite in {result.Elapsed.TotalSeconds:F1} s = {result.ReleasesPerSecond:N0} releases/s, peak working set {result.PeakWorkingSetBytes / 1048576.0:F0} MiB{rebuild}"));
            var perRelease = 1e6 / Math.Max(result.Releases, 1);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"import: CPU time {result.CpuTime.TotalSeconds:F1} s ({result.CpuTime.TotalSeconds * perRelease:F0} µs per release, load average now {LoadAverage()}), " +
                $"allocated {result.AllocatedBytes / 1048576.0:F0} MiB, GC paused {result.GcPause.TotalSeconds:F2} s in {result.Collections.Gen0}/{result.Collections.Gen1}/{result.Collections.Gen2} collections (gen0/1/2)"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { database, database + "-wal", database + "-shm" }) File.Delete(path);
        }
    }

    private static async Task RunIndicatorsAsync(string file, long releases, int? workers, TextWriter stdout, CancellationToken ct)
    {
        // Warm-up passes over the first lines, with a pause for the background JIT, so the measurement sees the steady
        // state (tier-1 code) that a long run reaches within its first seconds, not the JIT.
        for (var pass = 0; pass < 3; pass++)
        {
            await using (var head = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read))
                await CardinalIndicators.RunAsync(new HeadStream(head, 16 << 20), CardinalSettings.AllIndicators(), workers: workers, ct: ct);
            await Task.Delay(200, ct);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = process.TotalProcessorTime;

        var watch = Stopwatch.StartNew();
        CardinalIndicatorsResult result;
        await using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            result = await CardinalIndicators.RunAsync(input, CardinalSettings.AllIndicators(), workers: workers, ct: ct);
        watch.Stop();

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var info = GC.GetGCMemoryInfo();
        var seconds = watch.Elapsed.TotalSeconds;
        var size = new FileInfo(file).Length;
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"indicators: {result.ReleasesUsed:N0} of {releases:N0} releases used in {seconds:F2} s = {releases / seconds:N0} releases/s ({size / 1048576.0 / seconds:F0} MiB/s, {workers ?? Environment.ProcessorCount} workers)"));
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"indicators: CPU time {cpu:F2} s = {releases / cpu:N0} releases per CPU-second (load average now {LoadAverage()})"));
        await stdout.WriteLineAsync("indicators: results " + string.Join(", ", result.CountLines()));
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"memory: peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB (before indicators {workingSetBefore / 1048576.0:F0} MiB, after {process.WorkingSet64 / 1048576.0:F0} MiB), " +
            $"GC heap after {info.HeapSizeBytes / 1048576.0:F0} MiB, managed memory now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, " +
            $"allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:F0} MiB, gen2 GCs {GC.CollectionCount(2) - gen2Before}"));
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    /// <summary>The first bytes of a stream (for the warm-up pass).</summary>
    private sealed class HeadStream(Stream inner, long limit) : Stream
    {
        private long _left = limit;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0) return 0;
            var n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }
    }
}
