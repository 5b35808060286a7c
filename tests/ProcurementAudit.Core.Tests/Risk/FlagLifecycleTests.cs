using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>Raise, update, clear, reopen; idempotent scans; per-conglomerate settings; reviews and comments.</summary>
public sealed class FlagLifecycleTests : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<(Organisation Conglomerate, Organisation Enterprise, Party A, Party B, Tender Tender)> SingleBidTenderAsync() =>
        await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (c, e) = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha");
            var b = await data.PartyAsync("Beta");
            return (c, e, a, b, await data.TenderAsync(e.Id, bidders: [a], supplier: a, estimate: 1_000_000_00, awardValue: 650_000_00));
        });

    [Fact]
    public async Task A_flag_is_raised_once_cleared_when_the_data_changes_and_reopened_when_it_fires_again()
    {
        var (_, _, _, b, tender) = await SingleBidTenderAsync();
        await db.Scan();
        await db.Scan();
        await db.Rescan(tender.Id);
        var flag = Assert.Single(await db.Flags("R018"));
        Assert.Equal(FlagStatus.Open, flag.Status);

        await db.Db(async ctx =>
        {
            ctx.Bids.Add(new Bid { TenderId = tender.Id, TendererPartyId = b.Id, AmountMinor = 1, Status = BidStatus.Valid });
            await ctx.SaveChangesAsync();
        });
        db.Clock.Advance(TimeSpan.FromHours(1));
        var report = await db.Rescan(tender.Id);
        Assert.Equal(1, report.Indicators.Single(i => i.Code == "R018").Counts.Cleared);
        flag = Assert.Single(await db.Flags("R018"));
        Assert.Equal(FlagStatus.Cleared, flag.Status);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, flag.ClearedAt);

        await db.Db(async ctx =>
        {
            await ctx.Bids.Where(x => x.TenderId == tender.Id && x.TendererPartyId == b.Id).ExecuteDeleteAsync();
        });
        await db.Scan("R018");
        flag = Assert.Single(await db.Flags("R018"));
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Null(flag.ClearedAt);
        var history = await db.Db(ctx => ctx.FlagEvents.Where(e => e.FlagId == flag.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([FlagEventKind.Raised, FlagEventKind.Cleared, FlagEventKind.Reopened], history);
    }

    [Fact]
    public async Task A_full_scan_clears_what_no_longer_holds_and_updates_changed_evidence()
    {
        var (_, _, _, _, tender) = await SingleBidTenderAsync();
        await db.Scan("P-OVERESTIMATE");
        var flag = Assert.Single(await db.Flags("P-OVERESTIMATE"));
        Assert.Contains("35%", flag.Explanation);

        await db.Db(ctx => ctx.Awards.Where(a => a.TenderId == tender.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ValueMinor, 600_000_00)));
        var report = await db.Scan("P-OVERESTIMATE");
        Assert.Equal(1, report.Total.Updated);
        flag = Assert.Single(await db.Flags("P-OVERESTIMATE"));
        Assert.Contains("40%", flag.Explanation);

        await db.Db(ctx => ctx.Awards.Where(a => a.TenderId == tender.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ValueMinor, 900_000_00)));
        report = await db.Scan("P-OVERESTIMATE");
        Assert.Equal(1, report.Total.Cleared);
        Assert.Equal(FlagStatus.Cleared, Assert.Single(await db.Flags("P-OVERESTIMATE")).Status);
    }

    [Fact]
    public async Task A_rescan_of_one_member_clears_the_group_flags_of_the_others()
    {
        var (t1, t2) = await db.Db(async ctx =>
        {
            var data = new TenderData(ctx);
            var (_, e) = await data.EnterpriseAsync();
            var s = await data.PartyAsync("Near");
            return (await data.TenderAsync(e.Id, ProcurementMethod.Direct, supplier: s, awardValue: 399_000_00),
                await data.TenderAsync(e.Id, ProcurementMethod.Direct, supplier: s, awardValue: 390_000_00));
        });
        await db.Scan("P-NEARTHRESH");
        Assert.Equal(2, (await db.Flags("P-NEARTHRESH")).Count(f => f.Status == FlagStatus.Open));

        await db.Db(ctx => ctx.Awards.Where(a => a.TenderId == t2.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ValueMinor, 200_000_00)));
        await db.Rescan(t2.Id);
        var flags = await db.Flags("P-NEARTHRESH");
        Assert.All(flags, f => Assert.Equal(FlagStatus.Cleared, f.Status));
        Assert.Contains(flags, f => f.ProcedureId == t1.Id);
    }

    [Fact]
    public async Task Settings_are_versioned_per_conglomerate_and_used_by_the_next_scan()
    {
        var (conglomerate, _, _, _, _) = await SingleBidTenderAsync();
        await db.Scan("P-OVERESTIMATE");
        Assert.Single(await db.Flags("P-OVERESTIMATE"));

        var v1 = await db.Send(new UpdateIndicatorSettings.Command("P-OVERESTIMATE", conglomerate.Id, new Dictionary<string, decimal> { ["DiscountPercent"] = 50m }));
        Assert.Equal(1, v1.SettingsVersion);
        Assert.Equal(50m, v1.Parameters["DiscountPercent"]);
        await db.Scan("P-OVERESTIMATE");
        Assert.Equal(FlagStatus.Cleared, Assert.Single(await db.Flags("P-OVERESTIMATE")).Status);

        var v2 = await db.Send(new UpdateIndicatorSettings.Command("p-overestimate", conglomerate.Id, new Dictionary<string, decimal> { ["discountpercent"] = 20m }));
        Assert.Equal(2, v2.SettingsVersion);
        await db.Scan("P-OVERESTIMATE");
        var flag = Assert.Single(await db.Flags("P-OVERESTIMATE"));
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Contains("\"DiscountPercent\":20", flag.ParametersJson);

        var history = await db.Send(new GetIndicatorSettingsHistory.Query("P-OVERESTIMATE", conglomerate.Id));
        Assert.Equal([2, 1], history.Select(h => h.SettingsVersion));
    }

    [Fact]
    public async Task Settings_out_of_range_or_unknown_are_refused_with_field_errors_and_nothing_is_written()
    {
        var (conglomerate, _, _, _, _) = await SingleBidTenderAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() => db.Send(new UpdateIndicatorSettings.Command("P-NEARTHRESH", conglomerate.Id,
            new Dictionary<string, decimal> { ["GoodsServicesMarginPercent"] = 101m, ["WorksThreshold"] = -1m, ["Bogus"] = 1m })));
        Assert.Equal(["parameters.Bogus", "parameters.GoodsServicesMarginPercent", "parameters.WorksThreshold"], error.Errors.Select(e => e.PropertyName).Order());
        await Assert.ThrowsAsync<NotFoundException>(() => db.Send(new UpdateIndicatorSettings.Command("P-NOPE", conglomerate.Id, new Dictionary<string, decimal>())));
        Assert.Equal(0, await db.Db(ctx => ctx.IndicatorSettings.CountAsync()));
    }

    [Fact]
    public async Task A_review_needs_a_reason_is_refused_to_the_officer_who_logged_the_tender_and_happens_once()
    {
        var (_, _, _, _, tender) = await SingleBidTenderAsync();
        await db.Scan("R018");
        var flag = Assert.Single(await db.Flags("R018"));

        await Assert.ThrowsAsync<ValidationException>(() => db.Send(new ReviewFlag.Command(flag.Id, "confirm", " ")));
        await Assert.ThrowsAsync<ValidationException>(() => db.Send(new ReviewFlag.Command(flag.Id, "maybe", "because")));
        db.Actor = tender.CreatedBy!;
        await Assert.ThrowsAsync<ForbiddenException>(() => db.Send(new ReviewFlag.Command(flag.Id, "dismiss", "My own tender is fine")));
        db.Actor = "auditor-1";
        var reviewed = await db.Send(new ReviewFlag.Command(flag.Id, "dismiss", "The market has one producer."));
        Assert.Equal(FlagStatus.Dismissed, reviewed.Status);
        await Assert.ThrowsAsync<ConflictException>(() => db.Send(new ReviewFlag.Command(flag.Id, "confirm", "Second opinion")));

        await db.Send(new CommentOnFlag.Command(flag.Id, "Checked the producer register."));
        var details = await db.Send(new GetFlag.Query(flag.Id));
        Assert.Equal([FlagEventKind.Raised, FlagEventKind.Dismissed, FlagEventKind.Commented], details.History.Select(h => h.Kind));
        Assert.Equal("auditor-1", details.ReviewedBy);
        // A rescan keeps the review while the condition still holds.
        await db.Rescan(tender.Id);
        Assert.Equal(FlagStatus.Dismissed, Assert.Single(await db.Flags("R018")).Status);
    }

    [Fact]
    public async Task Risk_scores_sum_the_weights_of_active_flags()
    {
        var (_, enterprise, _, _, tender) = await SingleBidTenderAsync();
        await db.Scan();
        var procedure = await db.Send(new GetProcedureRisk.Query(ProcedureKind.Tender, tender.Id));
        // R018 weighs 2 (configured), P-OVERESTIMATE the default 1.
        Assert.Equal(["P-OVERESTIMATE", "R018"], procedure.Flags.Select(f => f.Code));
        Assert.Equal(3m, procedure.Score);
        var risk = await db.Send(new GetEnterpriseRisk.Query(enterprise.Id, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(3m, risk.Score);
        Assert.Equal(1, risk.FlaggedProcedures);
        var before = await db.Send(new GetEnterpriseRisk.Query(enterprise.Id, null, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(0m, before.Score);
    }
}
