using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Web.Tests;

/// <summary>
/// End to end with a real Hangfire server: data changes publish ProcedureChanged (as the use cases do), the rescan
/// job runs, and the flags follow without anyone calling a scan.
/// </summary>
public sealed class RiskEngineEndToEndTests(RiskWebFactory factory) : IClassFixture<RiskWebFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<T> InScope<T>(Func<AuditDbContext, IMediator, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuditDbContext>(), scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private static int counter;
    private static string Code() => Interlocked.Increment(ref counter).ToString("D8");

    /// <summary>An enterprise and an open tender logged by <paramref name="officer"/> with one bid; publishes the change.</summary>
    private Task<(int EnterpriseId, int TenderId)> LogSingleBidTenderAsync(string officer) => InScope(async (db, mediator) =>
    {
        var conglomerate = new Organisation { Kind = OrganisationKind.Conglomerate, Name = "Holding " + Code(), Edrpou = Code() };
        db.Organisations.Add(conglomerate);
        await db.SaveChangesAsync();
        var enterprise = new Organisation { Kind = OrganisationKind.Enterprise, ParentId = conglomerate.Id, Name = "Plant " + Code(), Edrpou = Code() };
        var party = new Party { Name = "Sole Bidder LLC", IdentifierScheme = "UA-EDR", IdentifierId = Code() };
        db.AddRange(enterprise, party);
        await db.SaveChangesAsync();
        var tender = new Tender
        {
            EnterpriseId = enterprise.Id, Title = "Steel pipes", Method = ProcurementMethod.Open, Category = ProcurementCategory.Goods,
            Status = TenderStatus.Active, EstimatedValueMinor = 500_000_00, CreatedAt = DateTime.UtcNow, CreatedBy = officer,
            TenderPeriodStart = new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        tender.Bids.Add(new Bid { TendererPartyId = party.Id, AmountMinor = 490_000_00, Status = BidStatus.Valid });
        db.Tenders.Add(tender);
        await db.SaveChangesAsync();
        await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tender.Id));
        return (enterprise.Id, tender.Id);
    });

    private async Task<JsonElement> WaitForFlagAsync(HttpClient client, int tenderId, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/flags?procedureKind=Tender&procedureId={tenderId}&code=R018");
            var items = page.GetProperty("items");
            if (items.GetArrayLength() == 1 && items[0].GetProperty("status").GetString() == status) return items[0];
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"No R018 flag with status {status} on tender {tenderId} within {Patience.TotalSeconds} s; last page: {page}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_single_bid_tender_is_flagged_by_the_rescan_job_and_cleared_when_a_second_bid_arrives()
    {
        var client = factory.ClientAs("auditor-1", "Auditor");
        var (enterpriseId, tenderId) = await LogSingleBidTenderAsync("officer-1");

        var flag = await WaitForFlagAsync(client, tenderId, "Open");
        Assert.Contains("Sole Bidder LLC", flag.GetProperty("explanation").GetString());
        var risk = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises/{enterpriseId}/risk?from=2025-01-01&to=2026-01-01");
        Assert.Equal(2m, risk.GetProperty("score").GetDecimal());

        // Correct the data: a second tenderer bid as well.
        await InScope(async (db, mediator) =>
        {
            var other = new Party { Name = "Second Bidder LLC", IdentifierScheme = "UA-EDR", IdentifierId = Code() };
            db.Parties.Add(other);
            await db.SaveChangesAsync();
            db.Bids.Add(new Bid { TenderId = tenderId, TendererPartyId = other.Id, AmountMinor = 480_000_00, Status = BidStatus.Valid });
            await db.SaveChangesAsync();
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, tenderId));
            return 0;
        });
        var cleared = await WaitForFlagAsync(client, tenderId, "Cleared");
        Assert.NotEqual(JsonValueKind.Null, cleared.GetProperty("clearedAt").ValueKind);

        var details = await client.GetFromJsonAsync<JsonElement>($"/api/flags/{cleared.GetProperty("id").GetInt64()}");
        Assert.Equal(["Raised", "Cleared"], details.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.StartsWith("system:job:", details.GetProperty("history")[0].GetProperty("actor").GetString());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/flags?procedureId={tenderId}&code=R018")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Reviews_need_a_reason_are_refused_to_the_logging_officer_and_happen_once()
    {
        var (_, tenderId) = await LogSingleBidTenderAsync("officer-2");
        var auditor = factory.ClientAs("auditor-2", "Auditor");
        var flagId = (await WaitForFlagAsync(auditor, tenderId, "Open")).GetProperty("id").GetInt64();

        var noReason = await auditor.PostAsJsonAsync($"/api/flags/{flagId}/review", new { decision = "confirm", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var problem = await noReason.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Reason", out _), problem.ToString());

        var badDecision = await auditor.PostAsJsonAsync($"/api/flags/{flagId}/review", new { decision = "maybe", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badDecision.StatusCode);

        var officer = factory.ClientAs("officer-2", "Auditor");
        var self = await officer.PostAsJsonAsync($"/api/flags/{flagId}/review", new { decision = "dismiss", reason = "Fine by me" });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);

        var confirmed = await auditor.PostAsJsonAsync($"/api/flags/{flagId}/review", new { decision = "confirm", reason = "Only one bidder for a common product." });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var twice = await auditor.PostAsJsonAsync($"/api/flags/{flagId}/review", new { decision = "dismiss", reason = "Changed my mind" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var comment = await factory.ClientAs("monitor-1", "Monitor").PostAsJsonAsync($"/api/flags/{flagId}/comments", new { text = "We saw the same pattern last year." });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        var emptyComment = await auditor.PostAsJsonAsync($"/api/flags/{flagId}/comments", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, emptyComment.StatusCode);

        var details = await auditor.GetFromJsonAsync<JsonElement>($"/api/flags/{flagId}");
        Assert.Equal("Confirmed", details.GetProperty("status").GetString());
        Assert.Equal("auditor-2", details.GetProperty("reviewedBy").GetString());
        Assert.Equal(["Raised", "Confirmed", "Commented"], details.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.PostAsJsonAsync("/api/flags/999999/review", new { decision = "confirm", reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Indicator_settings_refuse_unknown_codes_and_out_of_range_values_and_keep_every_version()
    {
        var client = factory.ClientAs("auditor-3", "Auditor");
        var conglomerateId = await InScope(async (db, _) =>
        {
            var c = new Organisation { Kind = OrganisationKind.Conglomerate, Name = "Settings Holding", Edrpou = Code() };
            db.Organisations.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var indicators = await client.GetFromJsonAsync<JsonElement>("/api/indicators");
        var codes = indicators.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        foreach (var code in new[] { "R018", "P-SPLIT", "P-NEARTHRESH", "P-OVERESTIMATE", "P-SHAREDCONTACT", "P-CAPTIVE", "P-SWEEP", "P-AMENDINFLATE", "P-LOWCOMPETITION" })
            Assert.Contains(code, codes);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/indicators/P-NOPE/settings?conglomerateId={conglomerateId}", new { parameters = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/indicators/P-NOPE/settings")).StatusCode);
        var bad = await client.PutAsJsonAsync($"/api/indicators/P-SPLIT/settings?conglomerateId={conglomerateId}",
            new { parameters = new Dictionary<string, decimal> { ["GoodsServicesThreshold"] = -5m, ["MinPurchases"] = 1.5m } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("parameters.GoodsServicesThreshold", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("parameters.MinPurchases", out _), errors.ToString());
        var percent = await client.PutAsJsonAsync($"/api/indicators/P-OVERESTIMATE/settings?conglomerateId={conglomerateId}",
            new { parameters = new Dictionary<string, decimal> { ["DiscountPercent"] = 101m } });
        Assert.Equal(HttpStatusCode.BadRequest, percent.StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/indicators/P-SPLIT/settings/history?conglomerateId={conglomerateId}")).GetArrayLength());

        for (var threshold = 300_000; threshold <= 350_000; threshold += 50_000)
        {
            var ok = await client.PutAsJsonAsync($"/api/indicators/P-SPLIT/settings?conglomerateId={conglomerateId}",
                new { parameters = new Dictionary<string, decimal> { ["GoodsServicesThreshold"] = threshold } });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/indicators/P-SPLIT/settings?conglomerateId={conglomerateId}");
        Assert.Equal(2, current.GetProperty("settingsVersion").GetInt32());
        Assert.Equal(350_000m, current.GetProperty("parameters").GetProperty("GoodsServicesThreshold").GetDecimal());
        Assert.Equal(1_500_000m, current.GetProperty("parameters").GetProperty("WorksThreshold").GetDecimal());
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/indicators/P-SPLIT/settings/history?conglomerateId={conglomerateId}");
        Assert.Equal([2, 1], history.EnumerateArray().Select(h => h.GetProperty("settingsVersion").GetInt32()));
        Assert.Equal("auditor-3", history[0].GetProperty("changedBy").GetString());
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_administrators_and_read_only_for_auditors_never_anonymous()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientAs(null).GetAsync("/ops/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientAs("monitor-9", "Monitor").GetAsync("/ops/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientAs("auditor-9", "Auditor").GetAsync("/ops/jobs")).StatusCode);
        var admin = await factory.ClientAs("admin-9", "Administrator").GetAsync("/ops/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var html = await admin.Content.ReadAsStringAsync();
        Assert.Contains("risk-full-scan", html);

        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "risk-full-scan");
        Assert.Equal("0 2 * * *", recurring.Cron);
    }
}
