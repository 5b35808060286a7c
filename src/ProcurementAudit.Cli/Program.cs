using System.CommandLine;
using ProcurementAudit.Cli.Commands;

var root = new RootCommand("ProcurementAudit command line: seed, import, indicators, scan, report, bench.");
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(BenchImportCommand.Create());

return await root.Parse(args).InvokeAsync();
