using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Demo;

namespace ProcurementAudit.Cli.Commands;

internal static class SeedCommand
{
    public static Command Create()
    {
        var dataFolder = new Option<string?>("--data-folder") { Description = "Folder of the embedded database (default: Database:DataFolder)." };
        var command = new Command("seed", "Create the deterministic demo dataset in an empty database.") { dataFolder };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build(parse.GetValue(dataFolder));
            await CliHost.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            if (await db.Organisations.AnyAsync(ct))
            {
                await Console.Error.WriteLineAsync("The database already holds data; seed only runs on an empty database.");
                return 1;
            }
            var summary = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(ct);
            Console.WriteLine($"Demo data created: {summary}");
            return 0;
        });
        return command;
    }
}
