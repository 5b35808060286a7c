using System.Net;

namespace ProcurementAudit.Web.Tests;

public sealed class AuctionAndCompetitionApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = api.OfficerClient();

    private DateTime Now => api.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task An_auction_is_created_with_its_asset_and_listed()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: "50000001");
        var created = await client.PostJson("/api/auctions", new
        {
            enterpriseId,
            asset = new { description = "Нежитлове приміщення, 1 поверх", areaSquareMetres = 120.5m, address = "м. Київ, вул. Лугова, 12", appraisedValue = 2_400_000m },
            method = "English", startingMonthlyRent = 24_000m, minimumStep = 240m, guaranteeDeposit = 48_000m,
            announcedAt = Now, bidDeadline = Now.AddDays(20),
        }).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var auction = await client.GetAsync($"/api/auctions/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(24_000m, auction.GetProperty("startingMonthlyRent").GetDecimal());
        Assert.Equal(120.5m, auction.GetProperty("asset").GetProperty("areaSquareMetres").GetDecimal());
        Assert.Equal(2, auction.GetProperty("minimumQualifiedBidders").GetInt32());
        var list = await client.GetAsync($"/api/auctions?enterpriseId={enterpriseId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_auction_whose_deadline_precedes_its_announcement_is_a_400()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: "50000002");
        var problem = await client.PostJson("/api/auctions", new
        {
            enterpriseId,
            asset = new { description = "Склад", areaSquareMetres = 300m, address = "м. Харків", appraisedValue = 900_000m },
            method = "English", startingMonthlyRent = 9_000m, minimumStep = 90m, guaranteeDeposit = 0m,
            announcedAt = Now, bidDeadline = Now.AddDays(-1),
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("bidDeadline", out _));
    }

    [Fact]
    public async Task A_competition_is_created_in_draft_with_its_criteria()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: "50000003");
        var created = await client.PostJson("/api/competitions", new
        {
            enterpriseId, post = "Генеральний директор",
            applicationDeadline = Now.AddDays(30), plannedDecisionDate = Now.AddDays(60),
            criteria = new[] { new { name = "Досвід управління", weight = 60m, maxScore = 10 }, new { name = "Бізнес-план", weight = 40m, maxScore = 10 } },
        }).ExpectAsync(HttpStatusCode.Created);
        var competition = await client.GetAsync($"/api/competitions/{created.GetProperty("id").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Draft", competition.GetProperty("status").GetString());
        Assert.Equal(2, competition.GetProperty("criteria").GetArrayLength());
        var list = await client.GetAsync($"/api/competitions?enterpriseId={enterpriseId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Criteria_weights_that_do_not_add_up_to_100_are_a_400()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: "50000004");
        var problem = await client.PostJson("/api/competitions", new
        {
            enterpriseId, post = "Директор",
            criteria = new[] { new { name = "Досвід", weight = 50m, maxScore = 10 }, new { name = "План", weight = 30m, maxScore = 10 } },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("criteria", out _));
    }

    [Fact]
    public async Task Enterprises_are_listed_and_read()
    {
        var enterpriseId = await api.AddEnterpriseAsync("ДП «Харківський бронетанковий завод»", "50000005");
        var list = await client.GetAsync("/api/enterprises?search=бронетанковий").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(enterpriseId, list.GetProperty("items")[0].GetProperty("id").GetInt32());
        var one = await client.GetAsync($"/api/enterprises/{enterpriseId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("50000005", one.GetProperty("edrpou").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_Scalar_UI_are_served()
    {
        var doc = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/tenders/{id}/contracts/{contractId}/amendments", out _));
        var scalar = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("scalar", await scalar.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
