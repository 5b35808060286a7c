using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ProcurementAudit.Web.Tests;

/// <summary>
/// The real web host with its Hangfire server (in-memory storage) over a temporary SQLite file; callers authenticate
/// with signed test tokens through the production JwtBearer pipeline.
/// </summary>
public sealed class RiskWebFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pa-web-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataFolder", folder);
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Risk:Weights:R018", "2");
        ApiFactory.UseTestTokens(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A client for the user with these roles; no user means anonymous.</summary>
    public HttpClient ClientAs(string? user, params string[] roles)
    {
        var client = CreateClient();
        if (user is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiFactory.TokenFor(user, roles));
        return client;
    }
}
