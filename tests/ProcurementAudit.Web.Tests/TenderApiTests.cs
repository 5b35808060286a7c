using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ProcurementAudit.Web.Tests;

public sealed class TenderApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = api.OfficerClient();

    private DateTime Now => api.Clock.GetUtcNow().UtcDateTime;

    private async Task<(int EnterpriseId, int TenderId)> CreateTenderAsync(string title = "Постачання дизельного палива", int deadlineDays = 10)
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: Random.Shared.Next(10_000_000, 99_999_999).ToString());
        var created = await client.PostJson("/api/tenders", new
        {
            enterpriseId,
            title,
            method = "Open",
            category = "Goods",
            estimatedValue = 1_250_000.50m,
            tenderPeriodStart = Now,
            tenderPeriodEnd = Now.AddDays(deadlineDays),
            items = new[] { new { description = "Паливо дизельне", cpvCode = "09130000-9", quantity = 50000, unit = "л" } },
        }).ExpectAsync(HttpStatusCode.Created);
        return (enterpriseId, created.GetProperty("id").GetInt32());
    }

    private static object Tenderer(string code, string name = "ТОВ «Нафтопостач»") => new { name, identifierId = code, contactEmail = "office@example.ua" };

    [Fact]
    public async Task A_created_tender_is_listed_filtered_and_read_back_with_exact_money()
    {
        var (enterpriseId, tenderId) = await CreateTenderAsync();

        var tender = await client.GetAsync($"/api/tenders/{tenderId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Постачання дизельного палива", tender.GetProperty("title").GetString());
        Assert.Equal(1_250_000.50m, tender.GetProperty("estimatedValue").GetDecimal());
        Assert.Equal("UAH", tender.GetProperty("currency").GetString());
        Assert.Equal("09130000-9", tender.GetProperty("items")[0].GetProperty("cpvCode").GetString());

        var mine = await client.GetAsync($"/api/tenders?enterpriseId={enterpriseId}&status=Active&method=Open").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("totalCount").GetInt32());
        var otherMethod = await client.GetAsync($"/api/tenders?enterpriseId={enterpriseId}&method=Direct").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, otherMethod.GetProperty("totalCount").GetInt32());
        var before = Now.AddDays(-2).ToString("O");
        var outOfRange = await client.GetAsync($"/api/tenders?enterpriseId={enterpriseId}&to={Uri.EscapeDataString(before)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, outOfRange.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Bid_amounts_are_sealed_until_the_deadline_passes()
    {
        var (_, tenderId) = await CreateTenderAsync(deadlineDays: 3);
        var bid = await client.PostJson($"/api/tenders/{tenderId}/bids", new { tenderer = Tenderer("30000001"), amount = 1_100_000m })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.True(bid.GetProperty("sealed").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bid.GetProperty("amount").ValueKind);

        var bids = await client.GetAsync($"/api/tenders/{tenderId}/bids").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bids[0].GetProperty("amount").ValueKind);
        var tender = await client.GetAsync($"/api/tenders/{tenderId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, tender.GetProperty("bids")[0].GetProperty("amount").ValueKind);

        api.Clock.Advance(TimeSpan.FromDays(4));
        bids = await client.GetAsync($"/api/tenders/{tenderId}/bids").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1_100_000m, bids[0].GetProperty("amount").GetDecimal());
        Assert.False(bids[0].GetProperty("sealed").GetBoolean());
    }

    [Fact]
    public async Task A_bid_after_the_deadline_is_refused_and_nothing_is_written()
    {
        var (_, tenderId) = await CreateTenderAsync(deadlineDays: 1);
        api.Clock.Advance(TimeSpan.FromDays(2));
        var problem = await client.PostJson($"/api/tenders/{tenderId}/bids", new { tenderer = Tenderer("30000002", "ТОВ «Пізній»"), amount = 900_000m })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("deadline", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await api.WithDbAsync(db => db.Bids.CountAsync(b => b.TenderId == tenderId)));
        Assert.False(await api.WithDbAsync(db => db.Parties.AnyAsync(p => p.IdentifierId == "30000002")));
    }

    [Fact]
    public async Task Award_contract_and_amendment_complete_the_tender()
    {
        var (_, tenderId) = await CreateTenderAsync(deadlineDays: 2);
        var bid = await client.PostJson($"/api/tenders/{tenderId}/bids", new { tenderer = Tenderer("30000003"), amount = 1_000_000m }).ExpectAsync(HttpStatusCode.Created);
        await client.PostJson($"/api/tenders/{tenderId}/bids", new { tenderer = Tenderer("30000004", "ПП «Другий»"), amount = 1_050_000m }).ExpectAsync(HttpStatusCode.Created);
        var supplierId = bid.GetProperty("tenderer").GetProperty("id").GetInt32();

        // No award while bids are sealed.
        await client.PostJson($"/api/tenders/{tenderId}/awards", new { supplierPartyId = supplierId, value = 1_000_000m }).ExpectAsync(HttpStatusCode.Conflict);
        api.Clock.Advance(TimeSpan.FromDays(3));
        await client.PutJson($"/api/tenders/{tenderId}/bids/{bid.GetProperty("id").GetInt32()}/status", new { status = "Valid" }).ExpectAsync(HttpStatusCode.OK);
        var award = await client.PostJson($"/api/tenders/{tenderId}/awards", new { supplierPartyId = supplierId, value = 1_000_000m }).ExpectAsync(HttpStatusCode.Created);
        var contract = await client.PostJson($"/api/tenders/{tenderId}/contracts", new
        {
            awardId = award.GetProperty("id").GetInt32(), contractNumber = "Д-17/2026", value = 1_000_000m, signedAt = Now,
        }).ExpectAsync(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromDays(30));
        await client.PostJson($"/api/tenders/{tenderId}/contracts/{contract.GetProperty("id").GetInt32()}/amendments", new
        {
            date = Now, rationale = "Зміна ціни за одиницю товару", newValue = 1_099_999.99m,
        }).ExpectAsync(HttpStatusCode.Created);

        var tender = await client.GetAsync($"/api/tenders/{tenderId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Complete", tender.GetProperty("status").GetString());
        var amendments = tender.GetProperty("contracts")[0].GetProperty("amendments");
        Assert.Equal(1_099_999.99m, amendments[0].GetProperty("newValue").GetDecimal());
        Assert.Equal(1_000_000m, tender.GetProperty("contracts")[0].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task An_award_to_a_party_that_did_not_bid_is_refused_and_nothing_is_written()
    {
        var (_, tenderId) = await CreateTenderAsync(deadlineDays: 1);
        await client.PostJson($"/api/tenders/{tenderId}/bids", new { tenderer = Tenderer("30000005"), amount = 500_000m }).ExpectAsync(HttpStatusCode.Created);
        var outsider = await api.WithDbAsync(async db =>
        {
            var party = db.Parties.Add(new Core.Domain.Party { Name = "ТОВ «Сторонній»", IdentifierScheme = "UA-EDR", IdentifierId = "30000006" }).Entity;
            await db.SaveChangesAsync();
            return party.Id;
        });
        api.Clock.Advance(TimeSpan.FromDays(2));
        var problem = await client.PostJson($"/api/tenders/{tenderId}/awards", new { supplierPartyId = outsider, value = 500_000m }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("supplierPartyId", out _));
        Assert.Equal(0, await api.WithDbAsync(db => db.Awards.CountAsync(a => a.TenderId == tenderId)));
    }

    [Fact]
    public async Task A_stale_update_is_a_conflict_and_a_current_one_bumps_the_version()
    {
        var (_, tenderId) = await CreateTenderAsync();
        var read = await client.GetAsync($"/api/tenders/{tenderId}").ExpectAsync(HttpStatusCode.OK);
        var version = read.GetProperty("version").GetInt32();
        object Update(int v, string title) => new { version = v, title, method = "Open", category = "Goods", estimatedValue = 1_300_000m };

        var updated = await client.PutJson($"/api/tenders/{tenderId}", Update(version, "Перша редакція")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(version + 1, updated.GetProperty("version").GetInt32());
        var stale = await client.PutJson($"/api/tenders/{tenderId}", Update(version, "Застаріла редакція")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("changed", stale.GetProperty("detail").GetString());
        var title = await api.WithDbAsync(db => db.Tenders.Where(t => t.Id == tenderId).Select(t => t.Title).SingleAsync());
        Assert.Equal("Перша редакція", title);
    }

    [Fact]
    public async Task Cancelling_records_the_reason_and_a_second_cancel_conflicts()
    {
        var (_, tenderId) = await CreateTenderAsync();
        var version = (await client.GetAsync($"/api/tenders/{tenderId}").ExpectAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        var cancelled = await client.PostJson($"/api/tenders/{tenderId}/cancel", new { version, reason = "Відсутність потреби" }).ExpectAsync(HttpStatusCode.OK);
        await client.PostJson($"/api/tenders/{tenderId}/cancel", new { version = cancelled.GetProperty("version").GetInt32(), reason = "ще раз" })
            .ExpectAsync(HttpStatusCode.Conflict);
        var tender = await client.GetAsync($"/api/tenders/{tenderId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", tender.GetProperty("status").GetString());
        Assert.Equal("Відсутність потреби", tender.GetProperty("cancellationReason").GetString());
    }

    [Theory]
    [InlineData("{\"enterpriseId\":1,", "body")]
    [InlineData("{\"enterpriseId\":1,\"title\":\"x\",\"method\":\"Open\",\"category\":\"Goods\",\"estimatedValue\":\"abc\"}", "estimatedValue")]
    [InlineData("{\"enterpriseId\":1,\"title\":\"x\",\"method\":\"Open\",\"category\":\"Goods\",\"estimatedValue\":-5}", "estimatedValue")]
    [InlineData("{\"enterpriseId\":1,\"title\":\"x\",\"method\":\"Open\",\"category\":\"Goods\",\"estimatedValue\":1.005}", "estimatedValue")]
    [InlineData("{\"enterpriseId\":1,\"title\":\"x\",\"method\":\"Open\",\"category\":\"Goods\",\"tenderPeriodStart\":\"2026-03-10T00:00:00Z\",\"tenderPeriodEnd\":\"2026-03-01T00:00:00Z\"}", "tenderPeriodEnd")]
    [InlineData("{\"enterpriseId\":1,\"title\":\"x\",\"method\":\"Sideways\",\"category\":\"Goods\"}", "method")]
    [InlineData("{\"enterpriseId\":999999,\"title\":\"x\",\"method\":\"Open\",\"category\":\"Goods\"}", "enterpriseId")]
    [InlineData("{\"enterpriseId\":1,\"title\":\"x\",\"method\":\"Open\",\"category\":\"Goods\",\"items\":[{\"description\":\"d\",\"cpvCode\":\"abc\"}]}", "items[0].cpvCode")]
    public async Task Bad_tender_input_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        await api.AddEnterpriseAsync(edrpou: Random.Shared.Next(10_000_000, 99_999_999).ToString());
        var before = await api.WithDbAsync(db => db.Tenders.CountAsync());
        var response = await client.PostAsync("/api/tenders", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Task.FromResult(response).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.Equal(before, await api.WithDbAsync(db => db.Tenders.CountAsync()));
    }

    [Fact]
    public async Task An_over_long_title_is_a_400()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: "40000001");
        var problem = await client.PostJson("/api/tenders", new { enterpriseId, title = new string('я', 1001), method = "Open", category = "Works" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Unknown_ids_are_404_problem_details()
    {
        var problem = await client.GetAsync("/api/tenders/987654").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        await client.PostJson("/api/tenders/987654/bids", new { tenderer = Tenderer("30000009"), amount = 1m }).ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync("/api/tenders/987654/bids").ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync("/api/enterprises/987654").ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync("/api/auctions/987654").ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync("/api/competitions/987654").ExpectAsync(HttpStatusCode.NotFound);
    }
}
