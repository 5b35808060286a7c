using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Web.Tests;

/// <summary>The real web host on a fresh SQLite file (schema from the migrations) and a clock the test controls.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "pa-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The officer every test enterprise is granted to; <see cref="CreateClient()"/> acts as them.</summary>
    public const string Officer = "officer-1";

    public int PublicPermitsPerMinute { get; init; } = 100_000;

    public const string Issuer = "dotnet-user-jwts";
    public const string Audience = "http://localhost:5080";
    private static readonly byte[] SigningKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataFolder", dataFolder);
        builder.UseSetting("Database:SeedDemoData", "false");
        // The same JwtBearer set-up `dotnet user-jwts` feeds in Development, with a key only this test run knows.
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey));
        builder.UseSetting("RateLimiting:PublicPermitsPerMinute", PublicPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A signed token as `dotnet user-jwts create --name user --role role` would make it.</summary>
    public static string TokenFor(string userId, params string[] roles)
    {
        var claims = new List<System.Security.Claims.Claim> { new("sub", userId), new("name", userId) };
        claims.AddRange(roles.Select(r => new System.Security.Claims.Claim("role", r)));
        var token = new System.IdentityModel.Tokens.Jwt.JwtSecurityToken(Issuer, Audience, claims,
            notBefore: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddHours(1),
            signingCredentials: new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(SigningKey), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256));
        return new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().WriteToken(token);
    }

    public HttpClient ClientAs(string userId, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenFor(userId, roles));
        return client;
    }

    public HttpClient OfficerClient() => ClientAs(Officer, Core.Common.Roles.ProcurementOfficer);

    public Task GrantAsync(string userId, AccessKind kind, int targetId) => WithDbAsync(async db =>
    {
        db.UserAccess.Add(new UserAccess { UserId = userId, Kind = kind, TargetId = targetId, GrantedAt = DateTime.UtcNow, GrantedBy = "test" });
        return await db.SaveChangesAsync();
    });

    public async Task<T> WithDbAsync<T>(Func<AuditDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    /// <summary>A conglomerate with one enterprise; returns the enterprise id.</summary>
    public Task<int> AddEnterpriseAsync(string name = "ДП «Завод Арсенал»", string edrpou = "14307529", bool grantOfficer = true) => WithDbAsync(async db =>
    {
        var holding = db.Organisations.Local.FirstOrDefault(o => o.Kind == OrganisationKind.Conglomerate)
            ?? db.Organisations.FirstOrDefault(o => o.Kind == OrganisationKind.Conglomerate)
            ?? db.Organisations.Add(new Organisation { Kind = OrganisationKind.Conglomerate, Name = "ДК «Оборонні системи»", Edrpou = "00000001" }).Entity;
        var enterprise = new Organisation { Kind = OrganisationKind.Enterprise, Parent = holding, Name = name, Edrpou = edrpou };
        db.Organisations.Add(enterprise);
        await db.SaveChangesAsync();
        if (!grantOfficer) return enterprise.Id;
        db.UserAccess.Add(new UserAccess { UserId = Officer, Kind = AccessKind.OfficerOfEnterprise, TargetId = enterprise.Id, GrantedAt = DateTime.UtcNow, GrantedBy = "test" });
        await db.SaveChangesAsync();
        return enterprise.Id;
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }
}

internal static class HttpAssertions
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> call, System.Net.HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, ApiFactory.Json);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body, ApiFactory.Json);
}
