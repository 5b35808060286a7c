using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Domain;
using UglyToad.PdfPig;

namespace ProcurementAudit.Web.Tests;

/// <summary>
/// Reports end to end with the real Hangfire server: request -> poll -> download -> read the PDF back; verification of
/// a download and of a copy with one byte changed; bad input stores nothing; a monitor cannot reach out of scope.
/// </summary>
public sealed class ReportApiTests(ReportApiFixture fixture) : IClassFixture<ReportApiFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private ApiFactory Api => fixture.Api;

    private HttpClient Auditor() => Api.ClientAs("auditor-r", Roles.Auditor);
    private HttpClient Monitor() => Api.ClientAs(ReportApiFixture.MonitorId, Roles.Monitor);

    private object Oversight(int enterprise, string from = "2026-01-01", string to = "2026-12-31") =>
        new { kind = "oversight", scope = new { kind = "enterprise", id = enterprise }, period = new { from, to } };

    private static async Task<JsonElement> WaitDoneAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(location);
            var s = status.GetProperty("status").GetString();
            if (s == "Done") return status;
            Assert.NotEqual("Failed", s);
            if (DateTime.UtcNow > deadline) Assert.Fail($"The report was not done within {Patience.TotalSeconds} s: {status}");
            await Task.Delay(100);
        }
    }

    private async Task<(Uri Location, byte[] Pdf, HttpResponseMessage Response)> RequestAndDownloadAsync(HttpClient client, object body)
    {
        var response = await client.PostJson("/api/reports", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Matches("^/api/reports/[0-9a-f-]{36}$", location.ToString());
        await WaitDoneAsync(client, location);
        var download = await client.GetAsync(location + "/pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        return (location, await download.Content.ReadAsByteArrayAsync(), download);
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text.Replace('\u00A0', ' ')));
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task An_auditor_requests_an_oversight_report_downloads_it_and_reads_ukrainian_text_back()
    {
        var (_, pdf, download) = await RequestAndDownloadAsync(Auditor(), Oversight(fixture.EnterpriseA));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"oversight-enterprise-{fixture.EnterpriseA}-2026-01-01-2026-12-31.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = Squash(Text(pdf));
        Assert.Contains(Squash("Звіт про нагляд"), text);
        Assert.Contains(Squash(ReportApiFixture.EnterpriseAName), text);
        Assert.Contains(Squash(ReportApiFixture.Explanation), text);
        Assert.Contains($"T-{fixture.TenderA}", text);
        // The other enterprise's procedure is not in a report on enterprise A.
        Assert.DoesNotContain($"T-{fixture.TenderB}", text);
    }

    [Fact]
    public async Task Verify_accepts_the_download_and_rejects_it_after_one_byte_changes()
    {
        var (location, pdf, _) = await RequestAndDownloadAsync(Auditor(), Oversight(fixture.EnterpriseA, "2026-02-01", "2026-06-30"));
        var id = location.ToString().Split('/').Last();
        var client = Monitor();

        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "report.pdf");
            var ok = await (await client.PostAsync("/api/reports/verify", form)).ReadJsonAsync();
            Assert.True(ok.GetProperty("produced").GetBoolean(), ok.ToString());
            Assert.Equal(id, ok.GetProperty("reportId").GetString());
            Assert.False(string.IsNullOrEmpty(ok.GetProperty("generatedAt").GetString()));
        }

        var changed = pdf.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        var raw = new ByteArrayContent(changed);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await client.PostAsync("/api/reports/verify", raw);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        Assert.False(answer.GetProperty("produced").GetBoolean(), answer.ToString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("reportId").ValueKind);
    }

    [Fact]
    public async Task A_monitor_gets_a_report_of_their_scope_and_may_not_request_or_read_out_of_scope()
    {
        var monitor = Monitor();
        var (location, pdf, _) = await RequestAndDownloadAsync(monitor, Oversight(fixture.EnterpriseA));
        Assert.Contains($"T-{fixture.TenderA}", Squash(Text(pdf)));

        var before = await Api.WithDbAsync(db => Task.FromResult(db.Reports.Count()));
        var outOfScope = await monitor.PostJson("/api/reports", Oversight(fixture.EnterpriseB));
        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        var dossier = await monitor.PostJson("/api/reports", new { kind = "dossier", scope = new { kind = "tender", id = fixture.TenderB } });
        Assert.Equal(HttpStatusCode.NotFound, dossier.StatusCode);
        Assert.Equal(before, await Api.WithDbAsync(db => Task.FromResult(db.Reports.Count())));

        // Another monitor does not see this monitor's report; an officer may not request reports at all.
        Assert.Equal(HttpStatusCode.NotFound, (await Api.ClientAs("monitor-z", Roles.Monitor).GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.OfficerClient().PostJson("/api/reports", Oversight(fixture.EnterpriseA))).StatusCode);
    }

    [Fact]
    public async Task A_dossier_of_a_tender_holds_its_bids_and_flags()
    {
        var (_, pdf, download) = await RequestAndDownloadAsync(Auditor(), new { kind = "dossier", scope = new { kind = "tender", id = fixture.TenderA } });
        Assert.Equal($"dossier-tender-{fixture.TenderA}.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = Squash(Text(pdf));
        Assert.Contains(Squash("ТОВ «Єдиний учасник»"), text);
        Assert.Contains("R018", text);
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { """{"kind":"horoscope","scope":{"kind":"enterprise","id":1},"period":{"from":"2026-01-01","to":"2026-12-31"}}""", "Kind" },
        { """{"kind":"oversight","scope":{"kind":"planet","id":1},"period":{"from":"2026-01-01","to":"2026-12-31"}}""", "scope.kind" },
        { """{"kind":"observer","scope":{"kind":"enterprise","id":1}}""", "scope.kind" },
        { """{"kind":"oversight","scope":{"kind":"enterprise","id":1},"period":{"from":"2026-12-31","to":"2026-01-01"}}""", "period.to" },
        { """{"kind":"oversight","scope":{"kind":"enterprise","id":1}}""", "period.from" },
        { """{"kind":"oversight","scope":{"kind":"enterprise"},"period":{"from":"2026-01-01","to":"2026-12-31"}}""", "scope.id" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_400_with_the_field_and_store_nothing(string json, string field)
    {
        var before = await Api.WithDbAsync(db => Task.FromResult(db.Reports.Count()));
        var response = await Auditor().PostAsync("/api/reports", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(errors, e => string.Equals(e, field, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await Api.WithDbAsync(db => Task.FromResult(db.Reports.Count())));
    }

    [Fact]
    public async Task An_unknown_scope_id_is_404_and_stores_nothing()
    {
        var response = await Auditor().PostJson("/api/reports", Oversight(999_999));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is plain text, not a PDF")]
    public async Task Verify_rejects_an_empty_or_non_pdf_upload(string body)
    {
        var before = await Api.WithDbAsync(db => Task.FromResult(db.Reports.Count()));
        var raw = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await Monitor().PostAsync("/api/reports/verify", raw);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("file", out _));

        using var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)), "file", "x.pdf" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await Monitor().PostAsync("/api/reports/verify", form)).StatusCode);
        Assert.Equal(before, await Api.WithDbAsync(db => Task.FromResult(db.Reports.Count())));
    }
}

/// <summary>Enterprise A (the monitor's scope) and B, each with a single-bid tender flagged R018 in 2026.</summary>
public sealed class ReportApiFixture : IAsyncLifetime
{
    public const string MonitorId = "monitor-reports";
    public const string EnterpriseAName = "ДП «Звітний завод»";
    public const string Explanation = "Єдина пропозиція у відкритих торгах: конкуренції не було.";

    public ApiFactory Api { get; } = new();
    public int EnterpriseA { get; private set; }
    public int EnterpriseB { get; private set; }
    public int TenderA { get; private set; }
    public int TenderB { get; private set; }

    public async Task InitializeAsync()
    {
        EnterpriseA = await Api.AddEnterpriseAsync(EnterpriseAName, "70000001");
        EnterpriseB = await Api.AddEnterpriseAsync("ДП «Інший завод»", "70000002", grantOfficer: false);
        await Api.GrantAsync(MonitorId, AccessKind.MonitorOfEnterprise, EnterpriseA);
        var start = ApiFactory.Start.UtcDateTime;
        (TenderA, TenderB) = await Api.WithDbAsync(async db =>
        {
            var party = new Party { Name = "ТОВ «Єдиний учасник»", IdentifierScheme = "UA-EDR", IdentifierId = "71000001" };
            Tender For(int enterprise) => new()
            {
                EnterpriseId = enterprise, Title = "Закупівля труб", Method = ProcurementMethod.Open, Status = TenderStatus.Complete,
                EstimatedValueMinor = 1_250_000_00, TenderPeriodStart = start.AddDays(-30), TenderPeriodEnd = start.AddDays(-10), CreatedAt = start.AddDays(-31), UpdatedAt = start,
                Bids = [new Bid { Tenderer = party, AmountMinor = 1_200_000_00, SubmittedAt = start.AddDays(-12), Status = BidStatus.Valid }],
            };
            var a = For(EnterpriseA);
            var b = For(EnterpriseB);
            db.Tenders.AddRange(a, b);
            await db.SaveChangesAsync();
            Flag FlagOn(Tender t) => new()
            {
                Code = "R018", IndicatorVersion = 1, ProcedureKind = ProcedureKind.Tender, ProcedureId = t.Id, EnterpriseId = t.EnterpriseId,
                ProcedureDate = t.TenderPeriodStart, ParametersJson = "{}", EvidenceJson = """{"bids":1,"method":"Open"}""", Explanation = Explanation, RaisedAt = start,
            };
            db.Flags.AddRange(FlagOn(a), FlagOn(b));
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
