using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Ocds.Import;
using Spectre.Console;

namespace ProcurementAudit.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "OCDS file (release/record package, record, release, JSONL, gzip, concatenated documents) or - for standard input." };
        var dataFolder = new Option<string?>("--data-folder") { Description = "Folder of the embedded database (default: Database:DataFolder)." };
        var batch = new Option<int>("--batch-size") { Description = "Tenders per transaction.", DefaultValueFactory = _ => new OcdsImportOptions().BatchSize };
        var notify = new Option<bool>("--notify") { Description = "Publish a change notification per imported tender (rescan each); by default a bulk import leaves it to one scan." };
        var command = new Command("import", "Import OCDS data into the database, upserting tenders by ocid.") { input, dataFolder, batch, notify };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            if (path != "-" && !File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"File not found: {path}");
                return 2;
            }
            await using var services = CliHost.Build(parse.GetValue(dataFolder));
            await CliHost.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<OcdsImporter>();
            var options = new OcdsImportOptions { BatchSize = Math.Max(1, parse.GetValue(batch)), PublishChanges = parse.GetValue(notify), Actor = "cli:import" };

            await using var stream = path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long? length = path == "-" ? null : stream.Length;
            ImportSummary summary;
            if (length is { } total && !Console.IsOutputRedirected)
            {
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: Math.Max(1, total));
                        var progress = new Progress<ImportProgress>(p =>
                        {
                            task.Value = p.BytesRead;
                            task.Description = Markup.Escape($"{Path.GetFileName(path)}: {p.Imported} new, {p.Updated} updated, {p.Skipped} skipped{(p.BuildingIndexes ? "; building indexes" : "")}");
                        });
                        var result = await importer.ImportAsync(stream, options, progress, ct);
                        task.Value = total;
                        return result;
                    });
            }
            else
            {
                summary = await importer.ImportAsync(stream, options, null, ct);
            }

            Print(summary);
            return summary.Read == 0 || summary.Imported + summary.Updated == 0 && summary.SkippedCount > 0 && summary.Skipped.All(s => s.Reason.StartsWith("Malformed", StringComparison.Ordinal)) ? 1 : 0;
        });
        return command;
    }

    private static void Print(ImportSummary summary)
    {
        var table = new Table().AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("read", summary.Read.ToString());
        table.AddRow("imported", summary.Imported.ToString());
        table.AddRow("updated", summary.Updated.ToString());
        table.AddRow("skipped", summary.SkippedCount.ToString());
        table.AddRow("elapsed", $"{summary.Elapsed.TotalSeconds:0.0} s");
        AnsiConsole.Write(table);
        if (summary.Skipped.Count == 0) return;
        var skipped = new Table().AddColumn(new TableColumn("line").RightAligned()).AddColumn("ocid").AddColumn("reason");
        foreach (var skip in summary.Skipped)
            skipped.AddRow(skip.Line.ToString(), Markup.Escape(skip.Ocid ?? ""), Markup.Escape(skip.Reason));
        AnsiConsole.Write(skipped);
        if (summary.SkippedCount > summary.Skipped.Count)
            AnsiConsole.MarkupLine($"[yellow]{summary.SkippedCount - summary.Skipped.Count} more skipped entries not listed.[/]");
    }
}
