using System.CommandLine;
using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Cli.Commands;

/// <summary><c>scan</c>: a full risk scan now, on the configured database.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var dataFolder = new Option<string?>("--data-folder") { Description = "Folder of the embedded database (default: Database:DataFolder)." };
        var codes = new Option<string[]>("--code") { Description = "Only these indicator codes (repeatable); all by default.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("scan", "Run every risk indicator over every procedure now and update the flags.") { dataFolder, codes };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build(parse.GetValue(dataFolder));
            await CliHost.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var selected = parse.GetValue(codes) is { Length: > 0 } list ? list : null;
            var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();
            if (selected?.FirstOrDefault(c => catalog.Find(c) is null) is { } unknown)
            {
                await Console.Error.WriteLineAsync($"Unknown indicator code '{unknown}'. Known: {string.Join(", ", catalog.All.Select(i => i.Code))}.");
                return 2;
            }
            var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunFullScan.Command(selected, "cli:scan"), ct);
            Print(report);
            return 0;
        });
        return command;
    }

    internal static void Print(ScanReport report)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"indicator",-18} {"raised",8} {"updated",8} {"reopened",9} {"cleared",8} {"unchanged",10} {"seconds",8}");
        foreach (var i in report.Indicators)
            Console.WriteLine(string.Create(c, $"{i.Code,-18} {i.Counts.Raised,8} {i.Counts.Updated,8} {i.Counts.Reopened,9} {i.Counts.Cleared,8} {i.Counts.Unchanged,10} {i.Seconds,8:0.00}"));
        var t = report.Total;
        Console.WriteLine(string.Create(c, $"{"total",-18} {t.Raised,8} {t.Updated,8} {t.Reopened,9} {t.Cleared,8} {t.Unchanged,10} {report.Seconds,8:0.00}"));
    }
}
