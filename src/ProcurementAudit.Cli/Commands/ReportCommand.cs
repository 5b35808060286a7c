using System.Diagnostics;
using System.CommandLine;
using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Demo;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Reporting;
using ProcurementAudit.Core.Risk;
using ProcurementAudit.Reports.Composition;
using ProcurementAudit.Reports.Templates;

namespace ProcurementAudit.Cli.Commands;

/// <summary>
/// <c>report samples</c>: the catalogue's samples from the demo data (a temporary database, seeded and scanned at a
/// fixed clock, so the same build writes the same files). <c>bench report</c>: render time and memory of a large
/// oversight report.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The samples' "now": fixed, so the demo data, the flags and the PDFs are the same on every run.</summary>
    public static readonly DateTimeOffset SampleClock = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the PDFs and PNGs.", DefaultValueFactory = _ => Path.Combine("reports", "samples") };
        var dpi = new Option<int>("--dpi") { Description = "Resolution of the page-1 PNGs.", DefaultValueFactory = _ => 110 };
        var samples = new Command("samples", "Render each report from the demo data (temporary database, seeded and scanned) as a PDF and a PNG of page 1.") { output, dpi };
        samples.SetAction((parse, ct) => SamplesAsync(parse.GetValue(output)!, parse.GetValue(dpi), ct));
        return new Command("report", "PDF reports.") { samples };
    }

    public static Command CreateBench()
    {
        var procedures = new Option<int>("--procedures", "-n") { Description = "Flagged procedures in the report.", DefaultValueFactory = _ => 2000 };
        var keep = new Option<string?>("--out") { Description = "Keep the PDF at this path." };
        var command = new Command("report", "Render an oversight report with N flagged procedures (synthetic model); time and peak memory.") { procedures, keep };
        command.SetAction((parse, ct) => BenchAsync(parse.GetValue(procedures), parse.GetValue(keep)));
        return command;
    }

    private static async Task<int> SamplesAsync(string outFolder, int dpi, CancellationToken ct)
    {
        if (dpi is < 36 or > 300)
        {
            await Console.Error.WriteLineAsync("--dpi must be between 36 and 300.");
            return 2;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"procurementaudit-samples-{Environment.ProcessId}");
        Directory.CreateDirectory(outFolder);
        try
        {
            await using var services = CliHost.Build(folder, new FixedClock(SampleClock));
            await CliHost.MigrateAsync(services, ct);
            await using (var scope = services.CreateAsyncScope())
            {
                Console.WriteLine($"seeding: {await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(ct)}");
                var scan = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunFullScan.Command(null, "cli:report-samples"), ct);
                Console.WriteLine($"scan: {scan.Total.Raised} flags raised");
            }
            await using var work = services.CreateAsyncScope();
            var db = work.ServiceProvider.GetRequiredService<AuditDbContext>();
            var mediator = work.ServiceProvider.GetRequiredService<IMediator>();

            var conglomerate = await db.Organisations.Where(o => o.Kind == OrganisationKind.Conglomerate).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
            var to = DateOnly.FromDateTime(SampleClock.UtcDateTime);
            // From the month of the earliest flagged procedure, so the sample shows every planted case.
            var earliest = await db.Flags.Where(f => f.Status != FlagStatus.Cleared).MinAsync(f => f.ProcedureDate, ct) ?? SampleClock.UtcDateTime.AddYears(-1);
            var from = new DateOnly(earliest.Year, earliest.Month, 1);
            var oversight = await mediator.Send(new BuildOversightReport.Query(ReportScopeKind.Conglomerate, conglomerate, from, to), ct);
            Write(outFolder, "oversight", OversightReport.Compose(oversight), dpi);

            var flagged = await db.Flags.Where(f => f.Status != FlagStatus.Cleared && f.ProcedureId != 0)
                .GroupBy(f => new { f.ProcedureKind, f.ProcedureId }).Select(g => new { g.Key.ProcedureKind, g.Key.ProcedureId, Count = g.Count() })
                .ToListAsync(ct);
            var tender = flagged.Where(f => f.ProcedureKind == ProcedureKind.Tender).OrderByDescending(f => f.Count).ThenBy(f => f.ProcedureId).First().ProcedureId;
            Write(outFolder, "dossier-tender", ProcedureDossier.Compose(await mediator.Send(new BuildProcedureDossier.Query(ProcedureKind.Tender, tender), ct)), dpi);
            if (flagged.Where(f => f.ProcedureKind == ProcedureKind.Auction).OrderByDescending(f => f.Count).ThenBy(f => f.ProcedureId).FirstOrDefault() is { } auction)
                Write(outFolder, "dossier-auction", ProcedureDossier.Compose(await mediator.Send(new BuildProcedureDossier.Query(ProcedureKind.Auction, auction.ProcedureId), ct)), dpi);

            // The competition observers said most about.
            var competition = await db.Competitions.OrderByDescending(c => c.Opinions.Count).ThenByDescending(c => c.Observers.Count).ThenBy(c => c.Id).Select(c => c.Id).FirstAsync(ct);
            Write(outFolder, "dossier-competition", ProcedureDossier.Compose(await mediator.Send(new BuildProcedureDossier.Query(ProcedureKind.Competition, competition), ct)), dpi);
            Write(outFolder, "observer", ObserverReport.Compose(await mediator.Send(new BuildObserverReport.Query(competition), ct)), dpi);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static void Write(string folder, string name, PdfDocumentBuilder document, int dpi)
    {
        var pdf = document.ToPdfBytes();
        File.WriteAllBytes(Path.Combine(folder, name + ".pdf"), pdf);
        File.WriteAllBytes(Path.Combine(folder, name + "-page1.png"), document.ToPng(1, dpi));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}.pdf  {pdf.Length / 1024.0,8:0.0} KiB  sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf))}"));
    }

    private static Task<int> BenchAsync(int procedures, string? keep)
    {
        if (procedures is < 1 or > 1_000_000)
        {
            Console.Error.WriteLine("--procedures must be between 1 and 1 000 000.");
            return Task.FromResult(2);
        }
        var c = CultureInfo.InvariantCulture;
        // Warm-up: fonts and Skia's native code load once per process; a server pays it once, not per report.
        OversightReport.Render(SampleModels.Oversight(5));
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        using var sampler = new BenchScanCommand.PeakMemorySampler();
        var watch = Stopwatch.StartNew();
        var model = SampleModels.Oversight(procedures);
        var built = watch.Elapsed;
        var pdf = OversightReport.Render(model);
        watch.Stop();
        var peak = sampler.Stop();
        var pages = PageCount(pdf);
        if (keep is not null) File.WriteAllBytes(keep, pdf);
        Console.WriteLine(string.Create(c, $"oversight report, {procedures:N0} flagged procedures: {pages:N0} pages, {pdf.Length / 1048576.0:0.00} MiB"));
        Console.WriteLine(string.Create(c, $"render time          {watch.Elapsed.TotalSeconds:0.000} s (model {built.TotalSeconds:0.000} s)"));
        Console.WriteLine(string.Create(c, $"peak working set     {peak.WorkingSet / 1048576.0:0} MiB (before {before / 1048576.0:0} MiB; managed heap peak {peak.Managed / 1048576.0:0} MiB)"));
        var ok = watch.Elapsed.TotalSeconds <= 2 && peak.WorkingSet <= 200L * 1024 * 1024;
        Console.WriteLine(ok ? "within the target (2 s, 200 MB)" : "OVER the target (2 s, 200 MB)");
        return Task.FromResult(ok ? 0 : 1);
    }

    /// <summary>The page count from the page objects, without a PDF reader dependency in the CLI.</summary>
    private static int PageCount(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
