using System.CommandLine;
using ProcurementAudit.Cli.Commands;

var root = new RootCommand("ProcurementAudit command line: seed, import, indicators, prepare, init, scan, report, bench.");
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(ScanCommand.Create());
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(PrepareCommand.Create());
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ImportCommand.Create());

return await root.Parse(args).InvokeAsync();
