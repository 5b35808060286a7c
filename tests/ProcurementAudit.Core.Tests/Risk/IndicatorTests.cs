using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>Each P-* indicator (and R018) with a case that fires and a close case that does not, through the mediator.</summary>
public sealed class IndicatorTests : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task R018_fires_on_one_tenderer_in_an_open_tender_only()
    {
        var (single, two, direct) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha");
            var b = await data.PartyAsync("Beta");
            return (await data.TenderAsync(e.Id, bidders: [a]), await data.TenderAsync(e.Id, bidders: [a, b]),
                await data.TenderAsync(e.Id, ProcurementMethod.Direct, bidders: [a]));
        });
        await db.Scan("R018");
        var flag = Assert.Single(await db.Flags("R018"));
        Assert.Equal(single.Id, flag.ProcedureId);
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Contains("Alpha", flag.Explanation);
        Assert.NotEqual(two.Id, flag.ProcedureId);
        Assert.NotEqual(direct.Id, flag.ProcedureId);
    }

    [Fact]
    public async Task P_OVERESTIMATE_fires_at_30_percent_below_the_estimate_not_at_29()
    {
        var (far, near) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var s = await data.PartyAsync("Supplier");
            return (await data.TenderAsync(e.Id, estimate: 1_000_000_00, supplier: s, awardValue: 700_000_00),
                await data.TenderAsync(e.Id, estimate: 1_000_000_00, supplier: s, awardValue: 710_000_00));
        });
        await db.Scan("P-OVERESTIMATE");
        var flag = Assert.Single(await db.Flags("P-OVERESTIMATE"));
        Assert.Equal(far.Id, flag.ProcedureId);
        Assert.NotEqual(near.Id, flag.ProcedureId);
        using var evidence = JsonDocument.Parse(flag.EvidenceJson);
        Assert.Equal(30.0m, evidence.RootElement.GetProperty("discountPercent").GetDecimal());
        Assert.Equal(1_000_000m, evidence.RootElement.GetProperty("estimate").GetDecimal());
    }

    [Fact]
    public async Task P_SPLIT_fires_when_non_open_purchases_of_one_cpv_group_and_year_reach_the_threshold()
    {
        var (split, otherYear, otherGroup) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var s = await data.PartyAsync("Supplier");
            var t1 = await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 150_000_00, cpv: "30192000-1", date: Day(2025, 2, 1));
            await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 150_000_00, cpv: "30197000-6", date: Day(2025, 5, 1));
            await data.TenderAsync(e.Id, ProcurementMethod.Limited, supplier: s, awardValue: 100_000_00, estimate: 120_000_00, cpv: "30199000-0", date: Day(2025, 9, 1));
            // Same group, another year; another group, same year: neither reaches 400 000 on its own.
            var y = await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 399_000_00, cpv: "30192000-1", date: Day(2024, 2, 1));
            var g = await data.TenderAsync(e.Id, ProcurementMethod.Direct, estimate: 150_000_00, cpv: "09130000-9", date: Day(2025, 2, 1));
            // An open tender in the group does not count.
            await data.TenderAsync(e.Id, ProcurementMethod.Open, estimate: 5_000_000_00, cpv: "30192000-1", date: Day(2025, 2, 1));
            return (t1, y, g);
        });
        await db.Scan("P-SPLIT");
        var flags = await db.Flags("P-SPLIT");
        Assert.Equal(3, flags.Count);
        Assert.All(flags, f => Assert.Equal("cpv:3019:2025", f.SubjectKey));
        Assert.Contains(flags, f => f.ProcedureId == split.Id);
        Assert.DoesNotContain(flags, f => f.ProcedureId == otherYear.Id || f.ProcedureId == otherGroup.Id);
        using var evidence = JsonDocument.Parse(flags[0].EvidenceJson);
        Assert.Equal(400_000m, evidence.RootElement.GetProperty("sum").GetDecimal());
    }

    [Fact]
    public async Task P_NEARTHRESH_fires_on_repeated_purchases_just_under_the_threshold()
    {
        var (under1, under2, single, far) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var s = await data.PartyAsync("Near");
            var other = await data.PartyAsync("Once");
            return (await data.TenderAsync(e.Id, ProcurementMethod.Direct, supplier: s, awardValue: 399_000_00),
                await data.TenderAsync(e.Id, ProcurementMethod.Limited, supplier: s, awardValue: 380_000_00),
                await data.TenderAsync(e.Id, ProcurementMethod.Direct, supplier: other, awardValue: 395_000_00),
                await data.TenderAsync(e.Id, ProcurementMethod.Direct, supplier: s, awardValue: 379_999_99));
        });
        await db.Scan("P-NEARTHRESH");
        var flags = await db.Flags("P-NEARTHRESH");
        Assert.Equal([under1.Id, under2.Id], flags.Select(f => f.ProcedureId).Order());
        Assert.DoesNotContain(flags, f => f.ProcedureId == single.Id || f.ProcedureId == far.Id);
    }

    [Fact]
    public async Task P_SHAREDCONTACT_fires_when_two_bidders_share_a_phone_or_an_owner()
    {
        var (linkedByPhone, linkedByOwner, unrelated) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var a = await data.PartyAsync("A", phone: "+380441112233");
            var b = await data.PartyAsync("B", phone: "+380441112233");
            var c = await data.PartyAsync("C", ownerTax: "1234567890");
            var d = await data.PartyAsync("D", ownerTax: "1234567890");
            var x = await data.PartyAsync("X", phone: "+380440000001", email: "x@example.org");
            var y = await data.PartyAsync("Y", phone: "+380440000002", email: "y@example.org");
            return (await data.TenderAsync(e.Id, bidders: [a, b, x]), await data.TenderAsync(e.Id, bidders: [c, d]),
                await data.TenderAsync(e.Id, bidders: [a, c, x, y]));
        });
        await db.Scan("P-SHAREDCONTACT");
        var flags = await db.Flags("P-SHAREDCONTACT");
        Assert.Equal([linkedByPhone.Id, linkedByOwner.Id], flags.Select(f => f.ProcedureId).Order());
        Assert.Contains("share a phone number", flags.Single(f => f.ProcedureId == linkedByPhone.Id).Explanation);
        Assert.Contains("beneficial owner", flags.Single(f => f.ProcedureId == linkedByOwner.Id).Explanation);
        Assert.DoesNotContain(flags, f => f.ProcedureId == unrelated.Id);
        // The rescan of one tender reaches the same verdict as the full scan.
        var report = await db.Rescan(linkedByPhone.Id);
        Assert.Equal(1, report.Indicators.Single(i => i.Code == "P-SHAREDCONTACT").Counts.Unchanged);
    }

    [Fact]
    public async Task P_CAPTIVE_fires_for_a_supplier_with_more_than_three_contracts_of_one_buyer_only()
    {
        var (captive, roaming) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync("One");
            var (_, other) = await data.EnterpriseAsync("Two");
            var c = await data.PartyAsync("Captive");
            var r = await data.PartyAsync("Roaming");
            var captiveTenders = new List<Tender>();
            for (var i = 0; i < 4; i++)
            {
                captiveTenders.Add(await data.TenderAsync(e.Id, bidders: [c], supplier: c));
                await data.TenderAsync(e.Id, bidders: [r], supplier: r);
            }
            // Roaming also bid (and lost) with another buyer.
            await data.TenderAsync(other.Id, bidders: [r]);
            return (captiveTenders, r);
        });
        await db.Scan("P-CAPTIVE");
        var flags = await db.Flags("P-CAPTIVE");
        Assert.Equal(captive.Select(t => t.Id).Order(), flags.Select(f => f.ProcedureId).Order());
        Assert.All(flags, f => Assert.StartsWith("supplier:", f.SubjectKey));
        Assert.DoesNotContain(flags, f => f.PartyIds == roaming.Id.ToString());
    }

    [Fact]
    public async Task P_CAPTIVE_needs_more_than_three_contracts()
    {
        await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var c = await data.PartyAsync("Captive");
            for (var i = 0; i < 3; i++) await data.TenderAsync(e.Id, bidders: [c], supplier: c);
        });
        await db.Scan("P-CAPTIVE");
        Assert.Empty(await db.Flags("P-CAPTIVE"));
    }

    [Fact]
    public async Task P_SWEEP_fires_when_one_supplier_wins_all_of_five_lots()
    {
        var (swept, shared) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Sweeper");
            var b = await data.PartyAsync("Other");
            async Task<Tender> WithLots(Func<int, Party> winner)
            {
                var t = await data.TenderAsync(e.Id, bidders: [a, b]);
                for (var i = 1; i <= 5; i++)
                {
                    var lot = new Lot { TenderId = t.Id, LotNumber = i.ToString(), Title = "Lot " + i, ValueMinor = 10_000_00 };
                    ctx.Lots.Add(lot);
                    await ctx.SaveChangesAsync();
                    ctx.Awards.Add(new Award { TenderId = t.Id, LotId = lot.Id, SupplierPartyId = winner(i).Id, ValueMinor = 10_000_00, Status = AwardStatus.Active });
                }
                await ctx.SaveChangesAsync();
                return t;
            }
            return (await WithLots(_ => a), await WithLots(i => i == 5 ? b : a));
        });
        await db.Scan("P-SWEEP");
        var flag = Assert.Single(await db.Flags("P-SWEEP"));
        Assert.Equal(swept.Id, flag.ProcedureId);
        Assert.NotEqual(shared.Id, flag.ProcedureId);
        Assert.Contains("all 5 lots", flag.Explanation);
    }

    [Fact]
    public async Task P_AMENDINFLATE_fires_beyond_ten_percent_not_at_ten()
    {
        var (inflated, within) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var s = await data.PartyAsync("Builder");
            async Task<Contract> Contracted(long after)
            {
                var t = await data.TenderAsync(e.Id, bidders: [s], supplier: s, estimate: 1_000_000_00);
                var contract = new Contract { TenderId = t.Id, AwardId = t.Awards[0].Id, ContractNumber = "C-" + t.Id, ValueMinor = 1_000_000_00, Status = ContractStatus.Active };
                contract.Amendments.Add(new ContractAmendment { Date = Day(2025, 4, 1), Rationale = "price", NewValueMinor = 1_050_000_00 });
                contract.Amendments.Add(new ContractAmendment { Date = Day(2025, 5, 1), Rationale = "price", NewValueMinor = after });
                ctx.Contracts.Add(contract);
                await ctx.SaveChangesAsync();
                return contract;
            }
            return (await Contracted(1_100_000_01), await Contracted(1_100_000_00));
        });
        await db.Scan("P-AMENDINFLATE");
        var flag = Assert.Single(await db.Flags("P-AMENDINFLATE"));
        Assert.Equal($"contract:{inflated.Id}", flag.SubjectKey);
        Assert.Equal(inflated.TenderId, flag.ProcedureId);
        Assert.NotEqual(within.TenderId, flag.ProcedureId);
    }

    [Fact]
    public async Task P_LOWCOMPETITION_fires_for_an_enterprise_year_with_fewer_than_two_bidders_on_average()
    {
        var (low, healthy) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, poor) = await data.EnterpriseAsync("Poor");
            var (_, good) = await data.EnterpriseAsync("Good");
            var a = await data.PartyAsync("A");
            var b = await data.PartyAsync("B");
            // Poor: 1, 1, 2 bidders -> mean 1.33; Good: 2, 2, 2 -> mean 2.
            await data.TenderAsync(poor.Id, bidders: [a]);
            await data.TenderAsync(poor.Id, bidders: [b]);
            await data.TenderAsync(poor.Id, bidders: [a, b]);
            for (var i = 0; i < 3; i++) await data.TenderAsync(good.Id, bidders: [a, b]);
            return (poor, good);
        });
        await db.Scan("P-LOWCOMPETITION");
        var flag = Assert.Single(await db.Flags("P-LOWCOMPETITION"));
        Assert.Equal(0, flag.ProcedureId);
        Assert.Equal(low.Id, flag.EnterpriseId);
        Assert.Equal($"enterprise:{low.Id}:2025", flag.SubjectKey);
        Assert.NotEqual(healthy.Id, flag.EnterpriseId);
        Assert.Contains("1.33", flag.Explanation);
    }
}
