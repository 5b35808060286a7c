using System.Text.Json;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>
/// A rescan reads only the changed tender's groups (P-SPLIT: its CPV groups; P-LOWCOMPETITION: its enterprise-year);
/// it must flag exactly what a full scan flags, so a full scan after it finds nothing to raise or update.
/// </summary>
public sealed class RescanNarrowingTests : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_rescan_of_one_purchase_raises_the_whole_P_SPLIT_group_as_a_full_scan_does()
    {
        var (split, otherGroup) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var s = await data.PartyAsync("Supplier");
            var t1 = await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 150_000_00, cpv: "30192000-1", date: Day(2025, 2, 1));
            await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 150_000_00, cpv: "30197000-6", date: Day(2025, 5, 1));
            await data.TenderAsync(e.Id, ProcurementMethod.Limited, supplier: s, awardValue: 100_000_00, estimate: 120_000_00, cpv: "30199000-0", date: Day(2025, 9, 1));
            await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 399_000_00, cpv: "30192000-1", date: Day(2024, 2, 1));
            var g = await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 350_000_00, cpv: "09130000-9", date: Day(2025, 2, 1));
            await data.TenderAsync(e.Id, ProcurementMethod.Open, estimate: 5_000_000_00, cpv: "30192000-1", date: Day(2025, 2, 1));
            return (t1, g);
        });

        await db.Rescan(otherGroup.Id);
        Assert.Empty(await db.Flags("P-SPLIT"));

        await db.Rescan(split.Id);
        var flags = await db.Flags("P-SPLIT");
        Assert.Equal(3, flags.Count);
        Assert.All(flags, f => Assert.Equal("cpv:3019:2025", f.SubjectKey));
        using (var evidence = JsonDocument.Parse(flags[0].EvidenceJson))
            Assert.Equal(400_000m, evidence.RootElement.GetProperty("sum").GetDecimal());

        var full = await db.Scan("P-SPLIT");
        Assert.Equal(0, full.Total.Raised);
        Assert.Equal(0, full.Total.Updated);
        Assert.Equal(3, full.Total.Unchanged);
    }

    [Fact]
    public async Task A_rescan_of_one_tender_judges_its_enterprise_year_for_P_LOWCOMPETITION_as_a_full_scan_does()
    {
        var (poorTender, goodTender, poor) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, poor) = await data.EnterpriseAsync("Poor");
            var (_, good) = await data.EnterpriseAsync("Good");
            var a = await data.PartyAsync("A");
            var b = await data.PartyAsync("B");
            // Poor: 1, 1, 2 bidders (and a direct purchase, which is not competitive) -> mean 1.33; Good: 2, 2, 2 -> mean 2.
            var p = await data.TenderAsync(poor.Id, bidders: [a]);
            await data.TenderAsync(poor.Id, bidders: [b]);
            await data.TenderAsync(poor.Id, bidders: [a, b]);
            await data.TenderAsync(poor.Id, ProcurementMethod.Direct, supplier: a, awardValue: 10_000_00);
            Tender g = null!;
            for (var i = 0; i < 3; i++) g = await data.TenderAsync(good.Id, bidders: [a, b]);
            return (p, g, poor);
        });

        await db.Rescan(goodTender.Id);
        Assert.Empty(await db.Flags("P-LOWCOMPETITION"));

        await db.Rescan(poorTender.Id);
        var flag = Assert.Single(await db.Flags("P-LOWCOMPETITION"));
        Assert.Equal(poor.Id, flag.EnterpriseId);
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Contains("3 competitive tenders", flag.Explanation);
        Assert.Contains("1.33", flag.Explanation);

        var full = await db.Scan("P-LOWCOMPETITION");
        Assert.Equal(0, full.Total.Raised);
        Assert.Equal(0, full.Total.Updated);
        Assert.Equal(1, full.Total.Unchanged);
    }
}
