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
        return command;
    }

    private static Command CreateOcds()
    {
        var releases = new Option<long>("--releases", "-n") { Description = "Number of synthetic compiled releases.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed (same seed, same data).", DefaultValueFactory = _ => SyntheticReleases.DefaultSeed };
        var workers = new Option<int?>("--workers") { Description = "Worker threads for indicators (default: one per core)." };
        var command = new Command("ocds", "Generate N synthetic compiled releases and stream them through the OCDS indicators (all enabled).")
        {
            releases, seed, workers,
        };
        command.SetAction((parse, ct) => RunOcdsAsync(parse.GetValue(releases), parse.GetValue(seed), parse.GetValue(workers), Console.Out, ct));
        return command;
    }

    public static async Task<int> RunOcdsAsync(long releases, int seed, int? workers, TextWriter stdout, CancellationToken ct)
    {
        if (releases <= 0)
        {
            await Console.Error.WriteLineAsync("--releases must be positive.");
            return 2;
        }
        var file = Path.Combine(Path.GetTempPath(), $"procurementaudit-bench-{Environment.ProcessId}.jsonl");
        try
        {
            var watch = Stopwatch.StartNew();
            await using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                SyntheticReleases.Write(output, releases, seed);
            var size = new FileInfo(file).Length;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"generated {releases:N0} releases ({size / 1048576.0:F0} MiB, {size / (double)releases:F0} B/release) in {watch.Elapsed.TotalSeconds:F1} s (seed {seed})"));

            await RunIndicatorsAsync(file, releases, workers, stdout, ct);
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task RunIndicatorsAsync(string file, long releases, int? workers, TextWriter stdout, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var watch = Stopwatch.StartNew();
        CardinalIndicatorsResult result;
        await using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            result = await CardinalIndicators.RunAsync(input, CardinalSettings.AllIndicators(), workers: workers, ct: ct);
        watch.Stop();

        process.Refresh();
        var info = GC.GetGCMemoryInfo();
        var seconds = watch.Elapsed.TotalSeconds;
        var size = new FileInfo(file).Length;
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"indicators: {result.ReleasesUsed:N0} of {releases:N0} releases used in {seconds:F2} s = {releases / seconds:N0} releases/s ({size / 1048576.0 / seconds:F0} MiB/s, {workers ?? Environment.ProcessorCount} workers)"));
        await stdout.WriteLineAsync("indicators: results " + string.Join(", ", result.CountLines()));
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"memory: peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB (before indicators {workingSetBefore / 1048576.0:F0} MiB, after {process.WorkingSet64 / 1048576.0:F0} MiB), " +
            $"GC heap after {info.HeapSizeBytes / 1048576.0:F0} MiB, managed memory now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, " +
            $"allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:F0} MiB, gen2 GCs {GC.CollectionCount(2) - gen2Before}"));
    }
}
