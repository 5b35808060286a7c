using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Tests;

public sealed class SecurityTests
{
    [Fact]
    public async Task The_public_api_is_rate_limited_per_client()
    {
        await using var api = new ApiFactory { PublicPermitsPerMinute = 3 };
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/public/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/public/summary")).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        await using var api = new ApiFactory();
        var response = await api.CreateClient().GetAsync("/api/public/summary");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient();
        var forged = ApiFactory.TokenFor("auditor", Roles.Auditor);
        forged = forged[..^4] + (forged[^4..] == "AAAA" ? "BBBB" : "AAAA");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tenders")).StatusCode);
    }

    [Fact]
    public async Task Local_sign_in_posts_need_the_antiforgery_token()
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var withoutToken = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("user", "auditor")]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("user", "auditor"), new("__RequestVerificationToken", token), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tenders")).StatusCode);
    }

    [Fact]
    public async Task Outside_Development_without_Entra_ID_the_service_refuses_to_start()
    {
        await using var api = new ProductionWithoutEntra();
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("AzureAd", error.ToString());
    }

    private sealed class ProductionWithoutEntra : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }
}

public sealed class AuditTrailTests
{
    [Fact]
    public async Task Commands_append_a_hash_chain_that_verify_accepts_and_a_direct_row_change_breaks()
    {
        await using var api = new ApiFactory();
        var enterpriseId = await api.AddEnterpriseAsync();
        var officer = api.OfficerClient();
        var created = await officer.PostJson("/api/tenders", new { enterpriseId, title = "Закупівля паперу", method = "Open", category = "Goods", estimatedValue = 10_000m })
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await officer.PutJson($"/api/tenders/{id}", new { version = created.GetProperty("version").GetInt32(), title = "Закупівля паперу А4", method = "Open", category = "Goods", estimatedValue = 12_000m })
            .ExpectAsync(HttpStatusCode.OK);

        var auditor = api.ClientAs("auditor-1", Roles.Auditor);
        var trail = await auditor.GetAsync($"/api/audit?entityType=Tender&entityId={id}").ExpectAsync(HttpStatusCode.OK);
        var entries = trail.GetProperty("items");
        Assert.Equal(2, entries.GetArrayLength());
        var update = entries[0];
        Assert.Equal("UpdateTender.Command", update.GetProperty("action").GetString());
        Assert.Equal(ApiFactory.Officer, update.GetProperty("actor").GetString());
        Assert.Contains("Закупівля паперу А4", update.GetProperty("changesJson").GetString());
        Assert.Contains("1200000", update.GetProperty("changesJson").GetString()); // before/after of the changed field

        var verify = await auditor.GetAsync("/api/audit/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.True(verify.GetProperty("intact").GetBoolean());

        var tampered = await api.WithDbAsync(async db =>
        {
            var entry = await db.AuditTrail.OrderBy(e => e.Sequence).Skip(1).FirstAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE AuditTrail SET Actor = 'someone-else' WHERE Id = {entry.Id}");
            return entry.Sequence;
        });
        verify = await auditor.GetAsync("/api/audit/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(tampered, verify.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task A_refused_command_leaves_no_audit_entry_and_personal_data_is_never_in_the_trail()
    {
        await using var api = new ApiFactory();
        var enterpriseId = await api.AddEnterpriseAsync();
        var before = await api.WithDbAsync(db => db.AuditTrail.CountAsync());
        await api.OfficerClient().PostJson("/api/tenders", new { enterpriseId, title = "", method = "Open", category = "Goods" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.WithDbAsync(db => db.AuditTrail.CountAsync()));

        await api.WithDbAsync(async db =>
        {
            db.Persons.Add(new Core.Domain.Person { FullName = "Іваненко Іван Іванович", TaxNumber = "1234567890" });
            return await db.SaveChangesAsync();
        });
        var json = await api.WithDbAsync(db => db.AuditTrail.Where(e => e.EntityType == "Person").Select(e => e.ChangesJson).SingleAsync());
        Assert.DoesNotContain("Іваненко", json);
        Assert.DoesNotContain("1234567890", json);
        Assert.Contains("[personal]", json);
    }
}
