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

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataFolder", dataFolder);
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<T> WithDbAsync<T>(Func<AuditDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    /// <summary>A conglomerate with one enterprise; returns the enterprise id.</summary>
    public Task<int> AddEnterpriseAsync(string name = "ДП «Завод Арсенал»", string edrpou = "14307529") => WithDbAsync(async db =>
    {
        var holding = db.Organisations.Local.FirstOrDefault(o => o.Kind == OrganisationKind.Conglomerate)
            ?? db.Organisations.FirstOrDefault(o => o.Kind == OrganisationKind.Conglomerate)
            ?? db.Organisations.Add(new Organisation { Kind = OrganisationKind.Conglomerate, Name = "ДК «Оборонні системи»", Edrpou = "00000001" }).Entity;
        var enterprise = new Organisation { Kind = OrganisationKind.Enterprise, Parent = holding, Name = name, Edrpou = edrpou };
        db.Organisations.Add(enterprise);
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
