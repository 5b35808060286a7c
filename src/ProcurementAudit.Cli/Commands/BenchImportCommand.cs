using System.CommandLine;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Cli.Commands;

/// <summary>
/// Measures the import half of <c>bench ocds</c> on its own (synthetic JSONL into a fresh SQLite file).
/// <c>bench ocds</c> calls <see cref="ImportBenchmark.RunAsync"/> the same way.
/// </summary>
internal static class BenchImportCommand
{
    public static Command Create()
    {
        var releases = new Option<int>("--releases") { Description = "Number of synthetic compiled releases.", DefaultValueFactory = _ => 100_000 };
        var batch = new Option<int>("--batch-size") { Description = "Tenders per transaction.", DefaultValueFactory = _ => 500 };
        var command = new Command("bench-import", "Benchmark OCDS import into a fresh SQLite database.") { releases, batch };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(releases);
            var path = Path.Combine(Path.GetTempPath(), $"pa-bench-import-{Environment.ProcessId}.db");
            try
            {
                await using var input = new SyntheticJsonlStream(n);
                var result = await ImportBenchmark.RunAsync(input, path, parse.GetValue(batch), ct);
                Console.WriteLine($"import: {result.Releases} releases ({result.InputBytes / 1048576.0:0.0} MiB JSONL) in {result.Elapsed.TotalSeconds:0.00} s = {result.ReleasesPerSecond:0} releases/s; peak working set {result.PeakWorkingSetBytes / 1048576.0:0} MiB; imported {result.Imported}, skipped {result.Skipped}");
                return result.Skipped == 0 && result.Imported == n ? 0 : 1;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
            }
        });
        return command;
    }
}
