using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Import.Tests;

public sealed class ImportApiFactory : WebApplicationFactory<Program>
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pa-import-api", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:DataFolder", Folder);
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseEnvironment("Development");
        // Signed tokens through the production JwtBearer pipeline, as `dotnet user-jwts` would make them.
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey));
    }

    private const string Issuer = "dotnet-user-jwts";
    private const string Audience = "http://localhost:5080";
    private static readonly byte[] SigningKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>Every client of these tests acts as a procurement officer (imports are theirs to run).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        var token = new System.IdentityModel.Tokens.Jwt.JwtSecurityToken(Issuer, Audience,
            [new System.Security.Claims.Claim("sub", "importing-officer"), new System.Security.Claims.Claim("role", "ProcurementOfficer")],
            notBefore: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddHours(1),
            signingCredentials: new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(SigningKey), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().WriteToken(token));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public class ImportApiTests(ImportApiFactory factory) : IClassFixture<ImportApiFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly string Jsonl = SharedData.File("ukraine-prozorro/compiled-releases.jsonl");

    [Fact]
    public async Task Small_jsonl_body_imports_synchronously_and_returns_the_summary()
    {
        var client = factory.CreateClient();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(Jsonl));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await client.PostAsync("/api/imports/ocds", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        var summary = body!["summary"]!;
        Assert.Equal(11, summary["read"]!.GetValue<int>());
        Assert.Equal(11, summary["imported"]!.GetValue<int>() + summary["updated"]!.GetValue<int>());
        Assert.Empty(summary["skipped"]!.AsArray());
    }

    [Fact]
    public async Task Multipart_upload_of_gzip_imports()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(await File.ReadAllBytesAsync(SharedData.File("fictional/ocds-213czf-000-00001.json")));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(compressed.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        form.Add(file, "file", "fictional.json.gz");

        var response = await factory.CreateClient().PostAsync("/api/imports/ocds", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        Assert.Equal("fictional.json.gz", body!["fileName"]!.GetValue<string>());
        Assert.Equal(6, body["summary"]!["read"]!.GetValue<int>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        Assert.True(await db.Tenders.AnyAsync(t => t.Ocid == "ocds-213czf-000-00001" && t.Currency == "GBP"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("hello, this is plain text", "not JSON")]
    [InlineData("{\"ocid\": ", "Malformed JSON")]
    public async Task Bad_body_is_a_400_problem(string text, string expected)
    {
        var content = new StringContent(text, Encoding.UTF8, "application/json");
        var response = await factory.CreateClient().PostAsync("/api/imports/ocds", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        Assert.Contains(expected, problem!["errors"]!["body"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Multipart_without_file_field_is_a_400_problem()
    {
        var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var response = await factory.CreateClient().PostAsync("/api/imports/ocds", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        Assert.NotNull(problem!["errors"]!["file"]);
    }

    [Fact]
    public async Task Large_body_runs_as_a_background_job_with_a_status_resource()
    {
        // Eight copies of the ProZorro lines under new ocids: more than 1 MB, so the import is queued.
        var lines = (await File.ReadAllLinesAsync(Jsonl)).Where(l => l.Length > 0).ToList();
        var builder = new StringBuilder();
        for (var copy = 0; copy < 8; copy++)
            foreach (var line in lines)
                builder.Append(line.Replace("\"ocid\": \"ocds-be6bcu-", $"\"ocid\": \"ocds-be6bcu-copy{copy}-").Replace("\"ocid\":\"ocds-be6bcu-", $"\"ocid\":\"ocds-be6bcu-copy{copy}-")).Append('\n');
        builder.Append("{ broken line }\n");
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        Assert.True(bytes.Length > 1024 * 1024);

        var client = factory.CreateClient();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await client.PostAsync("/api/imports/ocds", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Matches("^/api/imports/[0-9]+$", location.OriginalString.Replace("http://localhost", ""));

        JsonObject? status = null;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            status = await client.GetFromJsonAsync<JsonObject>(location, Json);
            if (status!["status"]!.GetValue<string>() is "Succeeded" or "Failed") break;
            await Task.Delay(100);
        }
        Assert.Equal("Succeeded", status!["status"]!.GetValue<string>());
        var summary = status["summary"]!;
        Assert.Equal(88, summary["imported"]!.GetValue<int>() + summary["updated"]!.GetValue<int>());
        var skipped = Assert.Single(summary["skipped"]!.AsArray());
        Assert.Equal(89, skipped!["line"]!.GetValue<long>());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.Folder, "imports")));
    }

    [Fact]
    public async Task Unknown_import_is_404()
    {
        var response = await factory.CreateClient().GetAsync("/api/imports/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
