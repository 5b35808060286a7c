using System.CommandLine;
using ProcurementAudit.Cli.Commands;

var root = new RootCommand("ProcurementAudit command line: seed, import, indicators, scan, report, bench.");
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(ScanCommand.Create());
// Temporary: belongs under `bench` (BenchCommand) as `bench scan` once that command exists.
root.Subcommands.Add(BenchScanCommand.CreateScan("bench-scan"));

return await root.Parse(args).InvokeAsync();
