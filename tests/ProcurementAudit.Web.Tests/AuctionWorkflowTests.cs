using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Tests;

/// <summary>The officer's lease-auction workflow through the API, one test per rule, against a real SQLite database.</summary>
public sealed class AuctionWorkflowTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly HttpClient client = api.OfficerClient();

    private DateTime Now => api.Clock.GetUtcNow().UtcDateTime;

    private static string NewCode() => Random.Shared.Next(10_000_000, 99_999_999).ToString();

    private async Task<int> RegisterAssetAsync(int enterpriseId, decimal appraised = 2_400_000m, decimal area = 120.5m)
    {
        var asset = await client.PostJson("/api/auctions/assets", new
        {
            enterpriseId, description = "Нежитлове приміщення, 1 поверх", areaSquareMetres = area, address = "м. Київ, вул. Лугова, 12",
            appraisedValue = appraised, documents = new[] { new { title = "Звіт про оцінку", sha256 = Hash } },
        }).ExpectAsync(HttpStatusCode.Created);
        return asset.GetProperty("id").GetInt32();
    }

    private async Task<int> AnnounceAsync(string method = "English", decimal start = 24_000m, decimal step = 240m, int minimumBidders = 2, int days = 10)
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: NewCode());
        var assetId = await RegisterAssetAsync(enterpriseId);
        var created = await client.PostJson("/api/auctions", new
        {
            enterpriseId, assetId, method, startingMonthlyRent = start, minimumStep = step, guaranteeDeposit = 48_000m,
            announcedAt = Now, bidDeadline = Now.AddDays(days), minimumQualifiedBidders = minimumBidders,
        }).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private async Task<int> RegisterAsync(int auctionId, string name, bool depositPaid = true, string? ownerTax = null)
    {
        var participant = await client.PostJson($"/api/auctions/{auctionId}/participants", new
        {
            party = new
            {
                name, identifierId = NewCode(), contactEmail = $"{NewCode()}@example.ua",
                beneficialOwners = new[] { new { fullName = "Петренко Олег Іванович", taxNumber = ownerTax ?? NewCode() + "00", sharePercent = 100m } },
            },
            depositPaid,
        }).ExpectAsync(HttpStatusCode.Created);
        return participant.GetProperty("id").GetInt32();
    }

    private Task<HttpResponseMessage> Bid(int auctionId, int participantId, decimal amount) =>
        client.PostJson($"/api/auctions/{auctionId}/bids", new { participantId, amount });

    private Task<JsonElement> GetAsync(int auctionId) => client.GetAsync($"/api/auctions/{auctionId}").ExpectAsync(HttpStatusCode.OK);

    private Task<int> CountBidsAsync(int auctionId) => api.WithDbAsync(db => db.AuctionBids.CountAsync(b => b.AuctionId == auctionId));

    /// <summary>An English auction with two qualified bidders at 24 240 and 24 480; the deadline has passed.</summary>
    private async Task<(int Auction, int First, int Second)> ClosedEnglishAuctionAsync()
    {
        var auction = await AnnounceAsync();
        var first = await RegisterAsync(auction, "ТОВ «Перший»");
        var second = await RegisterAsync(auction, "ТОВ «Другий»");
        await Bid(auction, first, 24_240m).ExpectAsync(HttpStatusCode.Created);
        await Bid(auction, second, 24_480m).ExpectAsync(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromDays(11));
        return (auction, first, second);
    }

    [Fact]
    public async Task An_asset_is_registered_with_its_document_hashes()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: NewCode());
        var assetId = await RegisterAssetAsync(enterpriseId, area: 310.25m);
        var asset = await client.GetAsync($"/api/auctions/assets/{assetId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(310.25m, asset.GetProperty("areaSquareMetres").GetDecimal());
        Assert.Equal(Hash, asset.GetProperty("documents")[0].GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")] // uppercase
    [InlineData("9f86d081884c7d659a2feaa0c55ad015")]                                 // too short
    [InlineData("zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")] // not hex
    public async Task A_document_hash_that_is_not_64_lowercase_hex_is_a_400_and_nothing_is_written(string sha256)
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: NewCode());
        var problem = await client.PostJson("/api/auctions/assets", new
        {
            enterpriseId, description = "Склад", areaSquareMetres = 300m, address = "м. Харків", appraisedValue = 900_000m,
            documents = new[] { new { title = "Технічний паспорт", sha256 } },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("documents[0].sha256", out _), problem.ToString());
        Assert.False(await api.WithDbAsync(db => db.Assets.AnyAsync(a => a.EnterpriseId == enterpriseId)));
    }

    [Fact]
    public async Task The_whole_English_workflow_with_bids_sealed_until_the_deadline()
    {
        var auction = await AnnounceAsync();
        var first = await RegisterAsync(auction, "ТОВ «Перший»");
        var second = await RegisterAsync(auction, "ТОВ «Другий»");
        var bid = await Bid(auction, first, 24_000m).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, bid.GetProperty("amount").ValueKind);
        await Bid(auction, second, 24_720m).ExpectAsync(HttpStatusCode.Created);

        var sealedView = await GetAsync(auction);
        Assert.True(sealedView.GetProperty("bidsSealed").GetBoolean());
        Assert.All(sealedView.GetProperty("bids").EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("amount").ValueKind));
        await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = second, finalRent = 24_720m })
            .ExpectAsync(HttpStatusCode.Conflict);

        api.Clock.Advance(TimeSpan.FromDays(11));
        var open = await GetAsync(auction);
        Assert.False(open.GetProperty("bidsSealed").GetBoolean());
        Assert.Equal(24_720m, open.GetProperty("bids")[1].GetProperty("amount").GetDecimal());

        var result = await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = second, finalRent = 24_720m })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Concluded", result.GetProperty("status").GetString());
        var contract = await client.PostJson($"/api/auctions/{auction}/contract", new { termMonths = 60 }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(24_720m, contract.GetProperty("monthlyRent").GetDecimal());

        var done = await GetAsync(auction);
        Assert.Equal(second, done.GetProperty("winnerParticipantId").GetInt32());
        Assert.Equal(60, done.GetProperty("leaseContract").GetProperty("termMonths").GetInt32());
        Assert.Equal(done.GetProperty("participants")[1].GetProperty("party").GetProperty("id").GetInt32(),
            done.GetProperty("leaseContract").GetProperty("lesseePartyId").GetInt32());
        await client.PostJson($"/api/auctions/{auction}/contract", new { termMonths = 60 }).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(23_760, "at least the starting rent")]       // below the start
    [InlineData(24_100, "whole number of minimum steps")]    // off the step grid
    public async Task A_first_bid_off_the_English_rules_is_a_400_and_nothing_is_written(int amount, string message)
    {
        var auction = await AnnounceAsync();
        var participant = await RegisterAsync(auction, "ТОВ «Учасник»");
        var problem = await Bid(auction, participant, amount).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("amount")[0].GetString());
        Assert.Equal(0, await CountBidsAsync(auction));
    }

    [Fact]
    public async Task An_English_bid_must_raise_the_current_price_by_whole_steps()
    {
        var auction = await AnnounceAsync();
        var first = await RegisterAsync(auction, "ТОВ «Перший»");
        var second = await RegisterAsync(auction, "ТОВ «Другий»");
        await Bid(auction, first, 24_480m).ExpectAsync(HttpStatusCode.Created);
        await Bid(auction, second, 24_480m).ExpectAsync(HttpStatusCode.BadRequest); // does not raise
        await Bid(auction, second, 24_600m).ExpectAsync(HttpStatusCode.BadRequest); // half a step
        await Bid(auction, second, 24_960m).ExpectAsync(HttpStatusCode.Created);    // two steps
        Assert.Equal(2, await CountBidsAsync(auction));
    }

    [Fact]
    public async Task A_descending_bid_accepts_a_price_stepped_down_from_the_start()
    {
        var auction = await AnnounceAsync(method: "Descending", start: 10_000m, step: 500m);
        var participant = await RegisterAsync(auction, "ТОВ «Голландець»");
        await Bid(auction, participant, 10_500m).ExpectAsync(HttpStatusCode.BadRequest);
        await Bid(auction, participant, 9_700m).ExpectAsync(HttpStatusCode.BadRequest);
        await Bid(auction, participant, 9_000m).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_bid_after_the_deadline_is_a_409_and_nothing_is_written()
    {
        var auction = await AnnounceAsync(days: 2);
        var participant = await RegisterAsync(auction, "ТОВ «Запізнілий»");
        api.Clock.Advance(TimeSpan.FromDays(3));
        var problem = await Bid(auction, participant, 24_000m).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("deadline", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountBidsAsync(auction));
    }

    [Fact]
    public async Task A_participant_without_a_paid_deposit_cannot_bid_or_be_qualified()
    {
        var auction = await AnnounceAsync();
        var unpaid = await RegisterAsync(auction, "ТОВ «Без застави»", depositPaid: false);
        var problem = await Bid(auction, unpaid, 24_000m).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("deposit", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountBidsAsync(auction));

        await client.PutJson($"/api/auctions/{auction}/participants/{unpaid}", new { depositPaid = false, qualified = true })
            .ExpectAsync(HttpStatusCode.BadRequest);
        await client.PutJson($"/api/auctions/{auction}/participants/{unpaid}", new { depositPaid = true, qualified = true })
            .ExpectAsync(HttpStatusCode.OK);
        await Bid(auction, unpaid, 24_000m).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_result_that_does_not_match_the_bids_is_a_400_and_changes_nothing()
    {
        var (auction, first, second) = await ClosedEnglishAuctionAsync();
        var wrongWinner = await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = first, finalRent = 24_240m })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongWinner.GetProperty("errors").TryGetProperty("winnerParticipantId", out _));
        var wrongRent = await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = second, finalRent = 24_000m })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongRent.GetProperty("errors").TryGetProperty("finalRent", out _));
        var unchanged = await GetAsync(auction);
        Assert.Equal("Announced", unchanged.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("winnerParticipantId").ValueKind);
    }

    [Fact]
    public async Task Fewer_qualified_bidders_than_the_minimum_must_be_recorded_as_failed()
    {
        var auction = await AnnounceAsync();
        var only = await RegisterAsync(auction, "ТОВ «Єдиний»");
        await Bid(auction, only, 24_000m).ExpectAsync(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromDays(11));
        var problem = await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = only, finalRent = 24_000m })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("failed", problem.GetProperty("detail").GetString());
        await client.PostJson($"/api/auctions/{auction}/result", new { failed = true }).ExpectAsync(HttpStatusCode.BadRequest); // no reason
        var failed = await client.PostJson($"/api/auctions/{auction}/result", new { failed = true, reason = "Один учасник" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Relisting_an_auction_that_did_not_fail_is_a_409()
    {
        var auction = await AnnounceAsync();
        var problem = await client.PostJson($"/api/auctions/{auction}/relist", new { bidDeadline = Now.AddDays(20) }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("failed", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await api.WithDbAsync(db => db.LeaseAuctions.CountAsync(a => a.Id == auction || a.PreviousAttemptId == auction)));
    }

    [Fact]
    public async Task Relisting_cuts_the_starting_rent_by_the_method_and_keeps_the_chain()
    {
        var first = await AnnounceAsync(method: "PriceReduction", start: 20_000m, step: 200m, days: 5);
        api.Clock.Advance(TimeSpan.FromDays(6));
        await client.PostJson($"/api/auctions/{first}/result", new { failed = true, reason = "Жодної заявки" }).ExpectAsync(HttpStatusCode.OK);

        // Default cut: 10% per attempt.
        var second = await client.PostJson($"/api/auctions/{first}/relist", new { bidDeadline = Now.AddDays(5) }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(18_000m, second.GetProperty("startingMonthlyRent").GetDecimal());
        Assert.Equal(2, second.GetProperty("attemptNumber").GetInt32());
        await client.PostJson($"/api/auctions/{first}/relist", new { bidDeadline = Now.AddDays(5) }).ExpectAsync(HttpStatusCode.Conflict);

        var secondId = second.GetProperty("id").GetInt32();
        api.Clock.Advance(TimeSpan.FromDays(6));
        await client.PostJson($"/api/auctions/{secondId}/result", new { failed = true, reason = "Жодної заявки" }).ExpectAsync(HttpStatusCode.OK);
        var tooDeep = await client.PostJson($"/api/auctions/{secondId}/relist", new { bidDeadline = Now.AddDays(5), reductionPercent = 60m })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(tooDeep.GetProperty("errors").TryGetProperty("reductionPercent", out _));
        await client.PostJson($"/api/auctions/{secondId}/relist", new { bidDeadline = Now.AddDays(5), method = "English", reductionPercent = 10m })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var third = await client.PostJson($"/api/auctions/{secondId}/relist", new { bidDeadline = Now.AddDays(5), reductionPercent = 25m })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(13_500m, third.GetProperty("startingMonthlyRent").GetDecimal());

        var view = await GetAsync(third.GetProperty("id").GetInt32());
        Assert.Equal(secondId, view.GetProperty("previousAttemptId").GetInt32());
        var chain = view.GetProperty("chain").EnumerateArray().ToList();
        Assert.Equal([first, secondId, third.GetProperty("id").GetInt32()], chain.Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal([1, 2, 3], chain.Select(a => a.GetProperty("attemptNumber").GetInt32()));
        Assert.Equal([20_000m, 18_000m, 13_500m], chain.Select(a => a.GetProperty("startingMonthlyRent").GetDecimal()));
        // The first attempt shows the same chain.
        Assert.Equal(3, (await GetAsync(first)).GetProperty("chain").GetArrayLength());
    }

    [Fact]
    public async Task An_English_auction_is_relisted_at_the_same_starting_rent()
    {
        var first = await AnnounceAsync(start: 24_000m, days: 5);
        api.Clock.Advance(TimeSpan.FromDays(6));
        await client.PostJson($"/api/auctions/{first}/result", new { failed = true, reason = "Жодної заявки" }).ExpectAsync(HttpStatusCode.OK);
        var second = await client.PostJson($"/api/auctions/{first}/relist", new { bidDeadline = Now.AddDays(5) }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(24_000m, second.GetProperty("startingMonthlyRent").GetDecimal());
        Assert.Equal("English", second.GetProperty("method").GetString());
    }

    [Fact]
    public async Task A_refusal_passes_the_lease_to_the_next_bidder_at_their_bid()
    {
        var (auction, first, second) = await ClosedEnglishAuctionAsync();
        await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = second, finalRent = 24_480m }).ExpectAsync(HttpStatusCode.OK);
        var wrongNext = await client.PostJson($"/api/auctions/{auction}/refusal", new { nextParticipantId = second }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongNext.GetProperty("errors").TryGetProperty("nextParticipantId", out _));

        var refusal = await client.PostJson($"/api/auctions/{auction}/refusal", new { nextParticipantId = first }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(first, refusal.GetProperty("winnerParticipantId").GetInt32());
        Assert.Equal(24_240m, refusal.GetProperty("finalMonthlyRent").GetDecimal());
        await client.PostJson($"/api/auctions/{auction}/refusal", new { }).ExpectAsync(HttpStatusCode.Conflict);

        var contract = await client.PostJson($"/api/auctions/{auction}/contract", new { termMonths = 36 }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(24_240m, contract.GetProperty("monthlyRent").GetDecimal());
        var view = await GetAsync(auction);
        Assert.Equal(second, view.GetProperty("refusedParticipantId").GetInt32());
        Assert.Equal(view.GetProperty("participants")[0].GetProperty("party").GetProperty("id").GetInt32(),
            view.GetProperty("leaseContract").GetProperty("lesseePartyId").GetInt32());
    }

    [Fact]
    public async Task A_signed_lease_cannot_be_refused()
    {
        var (auction, _, second) = await ClosedEnglishAuctionAsync();
        await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = second, finalRent = 24_480m }).ExpectAsync(HttpStatusCode.OK);
        await client.PostJson($"/api/auctions/{auction}/contract", new { termMonths = 12, monthlyRent = 20_000m }).ExpectAsync(HttpStatusCode.BadRequest);
        await client.PostJson($"/api/auctions/{auction}/contract", new { termMonths = 12 }).ExpectAsync(HttpStatusCode.Created);
        await client.PostJson($"/api/auctions/{auction}/refusal", new { }).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_refusal_with_nobody_left_fails_the_auction_so_it_can_be_relisted()
    {
        var auction = await AnnounceAsync(minimumBidders: 1);
        var only = await RegisterAsync(auction, "ТОВ «Єдиний»");
        await Bid(auction, only, 24_000m).ExpectAsync(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromDays(11));
        await client.PostJson($"/api/auctions/{auction}/result", new { winnerParticipantId = only, finalRent = 24_000m }).ExpectAsync(HttpStatusCode.OK);
        var refusal = await client.PostJson($"/api/auctions/{auction}/refusal", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Failed", refusal.GetProperty("status").GetString());
        await client.PostJson($"/api/auctions/{auction}/relist", new { bidDeadline = Now.AddDays(10) }).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_the_enterprise_officers_may_change_an_auction()
    {
        var auction = await AnnounceAsync();
        var participant = await RegisterAsync(auction, "ТОВ «Учасник»");
        var auditor = api.ClientAs("auditor-1", Roles.Auditor);
        await auditor.PostJson($"/api/auctions/{auction}/bids", new { participantId = participant, amount = 24_000m }).ExpectAsync(HttpStatusCode.Forbidden);
        await auditor.GetAsync($"/api/auctions/{auction}").ExpectAsync(HttpStatusCode.OK);
        // An officer of another enterprise may neither change it nor see it.
        var stranger = api.ClientAs("officer-2", Roles.ProcurementOfficer);
        await stranger.PostJson($"/api/auctions/{auction}/bids", new { participantId = participant, amount = 24_000m }).ExpectAsync(HttpStatusCode.Forbidden);
        await stranger.GetAsync($"/api/auctions/{auction}").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await CountBidsAsync(auction));
    }
}
