using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Demo;
using ProcurementAudit.Core.Risk;
using ProcurementAudit.Core.Risk.Cardinal;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tests.Demo;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>The OCDS Cardinal indicators run over database tenders (exported as compiled releases) and stored as flags.</summary>
public sealed class CardinalDbIndicatorTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    public static readonly string[] OcidCodes = ["R003", "R018", "R024", "R028", "R030", "R035", "R036", "R058"];
    public static readonly string[] PartyCodes = ["R025", "R038", "R048"];

    [Fact]
    public async Task A_logged_tender_with_a_short_submission_period_raises_R003_with_evidence_and_its_twin_does_not()
    {
        var (shortOne, twin) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha");
            var b = await data.PartyAsync("Beta");
            var s = await data.TenderAsync(e.Id, bidders: [a, b], date: Day(2025, 4, 1));
            var t = await data.TenderAsync(e.Id, bidders: [a, b], date: Day(2025, 4, 1));
            s.TenderPeriodEnd = Day(2025, 4, 7).AddHours(12); // 6 whole days
            t.TenderPeriodEnd = Day(2025, 4, 16); // exactly 15 days: not under the minimum
            await ctx.SaveChangesAsync();
            return (s, t);
        });

        var report = await db.Scan("R003");
        Assert.Equal(1, report.Indicators.Single(i => i.Code == "R003").Counts.Raised);
        var flag = Assert.Single(await db.Flags("R003"));
        Assert.Equal(shortOne.Id, flag.ProcedureId);
        Assert.NotEqual(twin.Id, flag.ProcedureId);
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Equal(shortOne.EnterpriseId, flag.EnterpriseId);
        using var evidence = JsonDocument.Parse(flag.EvidenceJson);
        Assert.Equal(6, evidence.RootElement.GetProperty("days").GetInt32());
        Assert.Equal(15, evidence.RootElement.GetProperty("thresholdDays").GetInt32());
        Assert.Equal($"ocds-pa-{shortOne.Id}", evidence.RootElement.GetProperty("ocid").GetString());
        Assert.Equal("open", evidence.RootElement.GetProperty("procurementMethod").GetString());
        Assert.Contains("6 whole day", flag.Explanation);

        // Lengthening the period and rescanning the tender clears the flag.
        await db.Db(async ctx =>
        {
            var t = await ctx.Tenders.SingleAsync(x => x.Id == shortOne.Id);
            t.TenderPeriodEnd = Day(2025, 4, 20);
            await ctx.SaveChangesAsync();
        });
        await db.Rescan(shortOne.Id);
        Assert.Equal(FlagStatus.Cleared, Assert.Single(await db.Flags("R003")).Status);
    }

    [Fact]
    public async Task R038_flags_each_disqualified_bid_of_a_tenderer_over_the_conglomerate_threshold_with_the_party_as_subject()
    {
        var (conglomerate, often, rarely, tenders) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (c, e) = await data.EnterpriseAsync();
            var often = await data.PartyAsync("Often Out");
            var rarely = await data.PartyAsync("Rarely Out");
            var winner = await data.PartyAsync("Winner");
            var list = new List<Tender>();
            for (var i = 0; i < 3; i++)
            {
                var t = await data.TenderAsync(e.Id, bidders: [often, rarely, winner], supplier: winner, date: Day(2025, 4, 1 + i));
                t.TenderPeriodEnd = Day(2025, 5, 1);
                foreach (var bid in t.Bids.Where(b => b.TendererPartyId == often.Id || (i == 0 && b.TendererPartyId == rarely.Id)))
                    bid.Status = BidStatus.Disqualified;
                list.Add(t);
            }
            await ctx.SaveChangesAsync();
            return (c, often, rarely, list);
        });
        // Three tenderers only: the quartile fence would not separate them, so the conglomerate sets a fixed share.
        await db.Send(new ProcurementAudit.Core.Risk.UpdateIndicatorSettings.Command("R038", conglomerate.Id,
            new Dictionary<string, decimal> { ["threshold"] = 0.5m, ["minimumContractingProcesses"] = 100m }));
        await db.Scan("R038");

        var flags = (await db.Flags("R038")).Where(f => f.Status == FlagStatus.Open).ToList();
        Assert.Equal(tenders.Select(t => t.Id).Order(), flags.Select(f => f.ProcedureId).Order());
        Assert.All(flags, f => Assert.Equal(often.Key, f.SubjectKey));
        Assert.DoesNotContain(flags, f => f.SubjectKey == rarely.Key);
        using var evidence = JsonDocument.Parse(flags[0].EvidenceJson);
        Assert.Equal("tenderer", evidence.RootElement.GetProperty("role").GetString());
        Assert.Equal(1.0, evidence.RootElement.GetProperty("disqualifiedShare").GetDouble());
        Assert.Equal(0.5, evidence.RootElement.GetProperty("upperFence").GetDouble());
        Assert.Contains("Often Out", flags[0].Explanation);

        // Fence indicators are judged against the whole population: a one-tender rescan leaves them to the full scan.
        var rescan = await db.Rescan(tenders[0].Id);
        Assert.DoesNotContain(rescan.Indicators, i => i.Code == "R038");
        Assert.Equal(3, (await db.Flags("R038")).Count(f => f.Status == FlagStatus.Open));
    }

    [Fact]
    public async Task A_cancelled_tender_is_not_judged()
    {
        await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var t = await data.TenderAsync(e.Id, date: Day(2025, 4, 1));
            t.TenderPeriodEnd = Day(2025, 4, 3);
            t.Status = TenderStatus.Cancelled;
            await ctx.SaveChangesAsync();
        });
        await db.Scan("R003");
        Assert.Empty(await db.Flags("R003"));
    }

    /// <summary>A scan exports each population once and every Cardinal indicator reads that export: they must find exactly what they find exporting for themselves.</summary>
    [Fact]
    public async Task Cardinal_indicators_find_the_same_over_the_scan_s_shared_export_as_over_their_own()
    {
        db.Clock.SetUtcNow(DemoDatabase.DefaultClock);
        await db.Db(ctx => new DemoDataSeeder(ctx, db.Clock).SeedAsync(CancellationToken.None));
        string[] codes = [.. OcidCodes, .. PartyCodes];

        var (findings, populations) = await db.Scoped(async services =>
        {
            var ctx = services.GetRequiredService<AuditDbContext>();
            var catalog = services.GetRequiredService<IndicatorCatalog>();
            // One export cache over runs of different scopes, as a scan with per-conglomerate settings has.
            var enterprise = await ctx.Tenders.Where(t => t.EnterpriseId != null).Select(t => t.EnterpriseId!.Value).FirstAsync();
            ScanScope[] scopes = [ScanScope.Everything, new(null, OnlyEnterprises: [enterprise]), new(null, ExceptEnterprises: [enterprise])];
            await using var shared = new CardinalExports();
            var total = 0;
            foreach (var scope in scopes)
                foreach (var code in codes)
                {
                    var indicator = catalog.Find(code)!;
                    var parameters = new IndicatorParameters(indicator);
                    var own = await DescribeAsync(indicator, new IndicatorRun(ctx, scope, parameters));
                    var viaShared = await DescribeAsync(indicator, new IndicatorRun(ctx, scope, parameters) { CardinalExports = shared });
                    Assert.Equal(own, viaShared);
                    total += own.Count;
                }
            return (total, shared.Count);
        });

        Assert.True(findings > 0, "the demo data raises Cardinal findings");
        // Per scope: the tenders in scope, and the population fences are drawn over; not one per indicator.
        Assert.InRange(populations, 3, 6);
        output.WriteLine($"{findings} findings over {populations} exports");

        static async Task<List<string>> DescribeAsync(IIndicator indicator, IndicatorRun run)
        {
            var described = new List<string>();
            await foreach (var f in indicator.EvaluateAsync(run, CancellationToken.None))
                described.Add($"{f.ProcedureId} {f.SubjectKey} {JsonSerializer.Serialize(f.Evidence)} {f.Explanation}");
            return described;
        }
    }

    [Fact]
    public async Task Each_planted_R_case_of_the_demo_data_is_flagged_and_its_clean_twin_is_not()
    {
        db.Clock.SetUtcNow(DemoDatabase.DefaultClock);
        await db.Db(ctx => new DemoDataSeeder(ctx, db.Clock).SeedAsync(CancellationToken.None));
        var report = await db.Scan([.. OcidCodes, .. PartyCodes]);
        foreach (var code in PartyCodes)
        {
            var flags = await db.Flags(code);
            Assert.Equal(flags.Count, flags.Select(f => (f.ProcedureId, f.SubjectKey)).Distinct().Count());
            Assert.All(flags, f => Assert.StartsWith("UA-", f.SubjectKey));
            output.WriteLine($"{code}: {flags.Count} flag(s) on {flags.Select(f => f.ProcedureId).Distinct().Count()} tender(s), {flags.Select(f => f.SubjectKey).Distinct().Count()} organisation(s)");
        }
        output.WriteLine($"scan of {report.Indicators.Count} indicators: {report.Seconds:0.00} s");
        var someTender = (await db.Db(ctx => DemoPlantedCases.ResolveAsync(ctx, DemoPlantedCases.For("R003").First(), CancellationToken.None))).Single();
        var rescan = await db.Rescan(someTender);
        output.WriteLine($"rescan of one tender: {rescan.Seconds:0.00} s; " + string.Join(", ", rescan.Indicators.Select(i => $"{i.Code} {i.Seconds * 1000:0} ms")));

        var failures = new List<string>();
        foreach (var code in OcidCodes)
        {
            var flags = await db.Flags(code);
            Assert.Equal(flags.Count, flags.Select(f => (f.ProcedureId, f.SubjectKey)).Distinct().Count());
            var flagged = flags.Where(f => f.Status == FlagStatus.Open).Select(f => f.ProcedureId).ToHashSet();
            output.WriteLine($"{code}: {flagged.Count} tender(s) flagged");
            foreach (var planted in DemoPlantedCases.For(code))
            {
                var id = (await db.Db(ctx => DemoPlantedCases.ResolveAsync(ctx, planted, CancellationToken.None))).Single();
                if (flagged.Contains(id) != planted.Fires)
                    failures.Add($"{code} {planted.Reference} (tender {id}) should {(planted.Fires ? "" : "not ")}be flagged: {planted.Note}");
                var flag = flags.SingleOrDefault(f => f.ProcedureId == id);
                if (planted.Fires && flag is not null)
                {
                    output.WriteLine($"  {planted.Reference}: {flag.Explanation}");
                    output.WriteLine($"  {flag.EvidenceJson}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
