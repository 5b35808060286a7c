using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Web.Tests;

/// <summary>
/// Every API endpoint x every role x in-scope / out-of-scope target, asserted by status. An endpoint that is not in
/// this matrix, or that carries no authorization metadata, fails <see cref="Every_api_endpoint_is_in_the_matrix_and_has_a_policy"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    /// <summary>Who may do what, as profiles; each endpoint names one.</summary>
    public enum Access
    {
        /// <summary>Any role; lists are filtered, nothing to hide.</summary>
        AnyRole,
        /// <summary>Any role, but a single item out of the caller's scope is 404.</summary>
        ScopedRead,
        /// <summary>Procurement officers of the item's enterprise; other officers 403, other roles 403.</summary>
        OfficerWrite,
        AuditorOnly,
        AdministratorOnly,
        /// <summary>Anyone, signed in or not.</summary>
        Public,
        /// <summary>Like ScopedRead, and a commission member reads the competition they sit in.</summary>
        CompetitionRead,
        ScoreRead,
        MemberScoreRead,
        /// <summary>Procurement officers, whatever their enterprises (OCDS imports); everyone else 403.</summary>
        AnyOfficer,
        /// <summary>As AnyOfficer, for an import id that does not exist: officers get 404.</summary>
        AnyOfficerNotFound,
        /// <summary>Only the commission member holding the seat; nobody else may act for them.</summary>
        MemberOnly,
        /// <summary>The member themselves or the organiser (officer of the enterprise).</summary>
        MemberOrOrganiser,
        /// <summary>Accrediting observers: the organiser or an administrator.</summary>
        OrganiserOrAdministrator,
        /// <summary>Opinions: only observers accredited to the competition.</summary>
        AccreditedObserver,
        /// <summary>Monitors in scope and auditors (comments, observations); a monitor out of scope gets 404.</summary>
        ObserverWrite,
        /// <summary>Reports: the requester (the in-scope item is the monitor's own), auditors and administrators; others 404.</summary>
        RequesterRead,
    }

    public sealed record Row(string Method, string Pattern, string Url, Access Access, Func<MatrixFixture, bool, object?>? Body = null);

    /// <summary>{scope} in a URL becomes the in-scope or out-of-scope item of the kind named before it.</summary>
    public static readonly Row[] Rows =
    [
        new("GET", "/api/enterprises/", "/api/enterprises", Access.AnyRole),
        new("GET", "/api/enterprises/{id:int}", "/api/enterprises/{enterprise}", Access.AnyRole),
        new("GET", "/api/tenders/", "/api/tenders", Access.AnyRole),
        new("GET", "/api/tenders/{id:int}", "/api/tenders/{tender}", Access.ScopedRead),
        new("GET", "/api/tenders/{id:int}/bids", "/api/tenders/{tender}/bids", Access.ScopedRead),
        new("POST", "/api/tenders/", "/api/tenders", Access.OfficerWrite, (f, a) => new { enterpriseId = f.Enterprise(a), title = "Матричний тендер", method = "Open", category = "Goods" }),
        new("PUT", "/api/tenders/{id:int}", "/api/tenders/{tender}", Access.OfficerWrite, (f, a) => new { version = 0, title = "Оновлено", method = "Open", category = "Goods" }),
        new("POST", "/api/tenders/{id:int}/cancel", "/api/tenders/{tender}/cancel", Access.OfficerWrite, (f, a) => new { version = 0, reason = "матриця" }),
        new("POST", "/api/tenders/{id:int}/bids", "/api/tenders/{tender}/bids", Access.OfficerWrite, (f, a) => new { tenderer = new { name = "ТОВ «Матриця»", identifierId = "77700001" }, amount = 10m }),
        new("PUT", "/api/tenders/{id:int}/bids/{bidId:int}/status", "/api/tenders/{tender}/bids/{bid}/status", Access.OfficerWrite, (f, a) => new { status = "Valid" }),
        new("POST", "/api/tenders/{id:int}/awards", "/api/tenders/{tender}/awards", Access.OfficerWrite, (f, a) => new { supplierPartyId = f.SupplierId, value = 10m }),
        new("POST", "/api/tenders/{id:int}/contracts", "/api/tenders/{tender}/contracts", Access.OfficerWrite, (f, a) => new { awardId = f.AwardId(a), contractNumber = "М-1", value = 10m, signedAt = ApiFactory.Start.UtcDateTime }),
        new("POST", "/api/tenders/{id:int}/contracts/{contractId:int}/amendments", "/api/tenders/{tender}/contracts/{contract}/amendments", Access.OfficerWrite, (f, a) => new { date = ApiFactory.Start.UtcDateTime, rationale = "матриця" }),
        new("GET", "/api/auctions/", "/api/auctions", Access.AnyRole),
        new("GET", "/api/auctions/{id:int}", "/api/auctions/{auction}", Access.ScopedRead),
        new("POST", "/api/auctions/", "/api/auctions", Access.OfficerWrite, (f, a) => new
        {
            enterpriseId = f.Enterprise(a), asset = new { description = "Приміщення", areaSquareMetres = 10m, address = "м. Київ", appraisedValue = 100_000m },
            method = "English", startingMonthlyRent = 1_000m, minimumStep = 10m, guaranteeDeposit = 0m,
            announcedAt = ApiFactory.Start.UtcDateTime, bidDeadline = ApiFactory.Start.UtcDateTime.AddDays(20),
        }),
        new("POST", "/api/auctions/assets", "/api/auctions/assets", Access.OfficerWrite, (f, a) => new
        {
            enterpriseId = f.Enterprise(a), description = "Приміщення", areaSquareMetres = 10m, address = "м. Київ", appraisedValue = 100_000m,
        }),
        new("GET", "/api/auctions/assets/{id:int}", "/api/auctions/assets/{asset}", Access.ScopedRead),
        new("POST", "/api/auctions/{id:int}/participants", "/api/auctions/{auction}/participants", Access.OfficerWrite, (f, a) => new
        {
            party = new { name = "ТОВ «Орендар»", identifierId = $"62{Random.Shared.Next(1_000_000, 9_999_999)}" }, depositPaid = true,
        }),
        new("PUT", "/api/auctions/{id:int}/participants/{participantId:int}", "/api/auctions/{auction}/participants/{participant}", Access.OfficerWrite,
            (f, a) => new { depositPaid = true, qualified = true }),
        new("POST", "/api/auctions/{id:int}/bids", "/api/auctions/{auction}/bids", Access.OfficerWrite, (f, a) => new { participantId = f.Participant(a), amount = 100m }),
        new("POST", "/api/auctions/{id:int}/result", "/api/auctions/{auction}/result", Access.OfficerWrite, (f, a) => new { failed = true, reason = "матриця" }),
        new("POST", "/api/auctions/{id:int}/relist", "/api/auctions/{auction}/relist", Access.OfficerWrite, (f, a) => new { bidDeadline = ApiFactory.Start.UtcDateTime.AddDays(40) }),
        new("POST", "/api/auctions/{id:int}/contract", "/api/auctions/{auction}/contract", Access.OfficerWrite, (f, a) => new { termMonths = 12 }),
        new("POST", "/api/auctions/{id:int}/refusal", "/api/auctions/{auction}/refusal", Access.OfficerWrite, (f, a) => new { }),
        new("GET", "/api/competitions/", "/api/competitions", Access.AnyRole),
        new("GET", "/api/competitions/{id:int}", "/api/competitions/{competition}", Access.CompetitionRead),
        new("POST", "/api/competitions/", "/api/competitions", Access.OfficerWrite, (f, a) => new
        {
            enterpriseId = f.Enterprise(a), post = "Директор", criteria = new[] { new { name = "Досвід", weight = 100m, maxScore = 10 } },
        }),
        new("PUT", "/api/competitions/{id:int}/criteria", "/api/competitions/{competition}/criteria", Access.OfficerWrite, (f, a) => new { criteria = new[] { new { name = "Досвід", weight = 100m, maxScore = 10 } } }),
        new("GET", "/api/competitions/{id:int}/criteria/history", "/api/competitions/{competition}/criteria/history", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/announce", "/api/competitions/{competition}/announce", Access.OfficerWrite, (f, a) => new { applicationDeadline = ApiFactory.Start.UtcDateTime.AddDays(40), plannedDecisionDate = ApiFactory.Start.UtcDateTime.AddDays(70) }),
        new("GET", "/api/competitions/{id:int}/candidates", "/api/competitions/{competition}/candidates", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/candidates", "/api/competitions/{competition}/candidates", Access.OfficerWrite, (f, a) => new { fullName = "Кандидат Матриці", email = "c@example.ua", consentToProcessing = true, consentToPublish = true }),
        new("POST", "/api/competitions/{id:int}/candidates/{candidateId:int}/eligibility", "/api/competitions/{competition}/candidates/{candidate}/eligibility", Access.OfficerWrite, (f, a) => new { decision = "Eligible", reason = "Відповідає вимогам" }),
        new("PUT", "/api/competitions/{id:int}/shortlist", "/api/competitions/{competition}/shortlist", Access.OfficerWrite, (f, a) => new { candidateIds = new[] { f.Id("candidate", a) } }),
        new("GET", "/api/competitions/{id:int}/commission", "/api/competitions/{competition}/commission", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/commission", "/api/competitions/{competition}/commission", Access.OfficerWrite, (f, a) => new { fullName = "Член Комісії", userId = $"member-{Guid.NewGuid():N}" }),
        new("POST", "/api/competitions/{id:int}/commission/{memberId:int}/declaration", "/api/competitions/{competition}/commission/{member}/declaration", Access.MemberOnly, (f, a) => new { statement = "Конфлікту інтересів немає" }),
        new("POST", "/api/competitions/{id:int}/commission/{memberId:int}/recusal", "/api/competitions/{competition}/commission/{member2}/recusal", Access.MemberOrOrganiser, (f, a) => new { reason = "Самовідвід" }),
        new("GET", "/api/competitions/{id:int}/scores", "/api/competitions/{competition}/scores", Access.MemberScoreRead),
        new("POST", "/api/competitions/{id:int}/scores", "/api/competitions/{competition}/scores", Access.MemberOnly, (f, a) => new { scores = new[] { new { candidateId = f.Id("candidate", a), criterionId = f.Id("criterion", a), value = 7 } } }),
        new("GET", "/api/competitions/{id:int}/ranking", "/api/competitions/{competition}/ranking", Access.ScoreRead),
        new("POST", "/api/competitions/{id:int}/decision", "/api/competitions/{competition}/decision", Access.OfficerWrite, (f, a) => new { appointedCandidateId = f.Id("candidate", a), appointingBody = "Наглядова рада", departureReason = "Матриця" }),
        new("POST", "/api/competitions/{id:int}/decision/dismissal", "/api/competitions/{competition}/decision/dismissal", Access.OfficerWrite, (f, a) => new { dismissedAt = ApiFactory.Start.UtcDateTime }),
        new("POST", "/api/competitions/{id:int}/publish", "/api/competitions/{competition}/publish", Access.OfficerWrite),
        new("GET", "/api/competitions/{id:int}/appeals", "/api/competitions/{competition}/appeals", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/appeals", "/api/competitions/{competition}/appeals", Access.OfficerWrite, (f, a) => new { grounds = "Порушення процедури" }),
        new("POST", "/api/competitions/{id:int}/appeals/{appealId:int}/decision", "/api/competitions/{competition}/appeals/1/decision", Access.OfficerWrite, (f, a) => new { outcome = "Відхилено" }),
        new("GET", "/api/competitions/{id:int}/observers", "/api/competitions/{competition}/observers", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/observers", "/api/competitions/{competition}/observers", Access.OrganiserOrAdministrator, (f, a) => new { organisationName = "ГО «Прозорість»", kind = "Ngo", userId = $"observer-{Guid.NewGuid():N}" }),
        new("GET", "/api/competitions/{id:int}/meetings", "/api/competitions/{competition}/meetings", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/meetings", "/api/competitions/{competition}/meetings", Access.OfficerWrite, (f, a) => new { scheduledAt = ApiFactory.Start.UtcDateTime.AddDays(5), agenda = "Співбесіди" }),
        new("POST", "/api/competitions/{id:int}/meetings/{meetingId:int}/attendance", "/api/competitions/{competition}/meetings/1/attendance", Access.OfficerWrite, (f, a) => new { entries = new[] { new { memberId = f.Id("member", a), present = true } } }),
        new("GET", "/api/competitions/{id:int}/opinions", "/api/competitions/{competition}/opinions", Access.CompetitionRead),
        new("POST", "/api/competitions/{id:int}/opinions", "/api/competitions/{competition}/opinions", Access.AccreditedObserver, (f, a) => new { kind = "Concern", text = "Стислі строки" }),
        new("POST", "/api/competitions/{id:int}/opinions/{opinionId:int}/answer", "/api/competitions/{competition}/opinions/1/answer", Access.OfficerWrite, (f, a) => new { answer = "Відповідь" }),
        new("GET", "/api/public/competitions/{id:int}", "/api/public/competitions/{announced}", Access.Public),
        new("POST", "/api/imports/ocds", "/api/imports/ocds", Access.AnyOfficer, (f, a) => new { ocid = "ocds-matrix-1", id = "1", date = "2026-03-01T00:00:00Z", tag = new[] { "tender" }, tender = new { id = "t", title = "Матриця" } }),
        new("GET", "/api/imports/{id:int}", "/api/imports/999999", Access.AnyOfficerNotFound),
        new("GET", "/api/audit/", "/api/audit", Access.AuditorOnly),
        new("GET", "/api/audit/verify", "/api/audit/verify", Access.AuditorOnly),
        new("GET", "/api/admin/access", "/api/admin/access", Access.AdministratorOnly),
        new("POST", "/api/admin/access", "/api/admin/access", Access.AdministratorOnly, (f, a) => new { userId = $"new-{Guid.NewGuid():N}", kind = "MonitorOfEnterprise", targetId = f.Enterprise(a) }),
        new("DELETE", "/api/admin/access/{id:int}", "/api/admin/access/{grant}", Access.AdministratorOnly),
        new("GET", "/api/flags/", "/api/flags", Access.AnyRole),
        new("GET", "/api/flags/{id:long}", "/api/flags/{flag}", Access.ScopedRead),
        new("POST", "/api/flags/{id:long}/comments", "/api/flags/{flag}/comments", Access.ObserverWrite, (f, a) => new { text = "Прошу пояснити" }),
        new("POST", "/api/flags/{id:long}/review", "/api/flags/{flag}/review", Access.AuditorOnly, (f, a) => new { decision = "confirm", reason = "Підтверджено перевіркою" }),
        new("GET", "/api/indicators/", "/api/indicators", Access.AnyRole),
        new("GET", "/api/indicators/{code}/settings", "/api/indicators/P-SWEEP/settings", Access.AnyRole),
        new("PUT", "/api/indicators/{code}/settings", "/api/indicators/P-SWEEP/settings?conglomerateId={conglomerate}", Access.AuditorOnly, (f, a) => new { parameters = new Dictionary<string, decimal> { ["MinLots"] = 6 } }),
        new("GET", "/api/indicators/{code}/settings/history", "/api/indicators/P-SWEEP/settings/history?conglomerateId={conglomerate}", Access.AnyRole),
        new("GET", "/api/enterprises/{id:int}/risk", "/api/enterprises/{enterprise}/risk", Access.ScopedRead),
        new("GET", "/api/procedures/{kind}/{id:int}/risk", "/api/procedures/Tender/{tender}/risk", Access.ScopedRead),
        new("POST", "/api/reports/", "/api/reports", Access.ObserverWrite, (f, a) => new
        {
            kind = "oversight", scope = new { kind = "enterprise", id = f.Enterprise(a) }, period = new { from = "2026-01-01", to = "2026-12-31" },
        }),
        new("GET", "/api/reports/{id:guid}", "/api/reports/{report}", Access.RequesterRead),
        new("GET", "/api/reports/{id:guid}/pdf", "/api/reports/{report}/pdf", Access.RequesterRead),
        new("POST", "/api/reports/verify", "/api/reports/verify", Access.AnyRole, (f, a) => new { }),
        new("GET", "/api/public/tenders", "/api/public/tenders", Access.Public),
        new("GET", "/api/public/summary", "/api/public/summary", Access.Public),
    ];

    public static readonly string[] Users = ["anonymous", Roles.Administrator, Roles.Auditor, Roles.Monitor, Roles.ProcurementOfficer, Roles.CommissionMember];

    public static TheoryData<int, string, bool> Cases()
    {
        var data = new TheoryData<int, string, bool>();
        for (var i = 0; i < Rows.Length; i++)
            foreach (var user in Users)
                foreach (var inScope in new[] { true, false })
                    data.Add(i, user, inScope);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Status_matches_role_and_scope(int row, string user, bool inScope)
    {
        var r = Rows[row];
        var client = fixture.ClientFor(user);
        var url = fixture.Resolve(r.Url, inScope);
        using var request = new HttpRequestMessage(new HttpMethod(r.Method), url);
        if (r.Body is not null) request.Content = JsonContent.Create(r.Body(fixture, inScope), options: ApiFactory.Json);
        var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var expected = Expected(r.Access, user, inScope);
        var body = await response.Content.ReadAsStringAsync();
        if (expected == Allowed)
            Assert.True(status is >= 200 and < 300 or 400 or 409, $"{r.Method} {url} as {user} ({(inScope ? "in" : "out of")} scope): expected to be let through, got {status} {body}");
        else
            Assert.True(status == expected, $"{r.Method} {url} as {user} ({(inScope ? "in" : "out of")} scope): expected {expected}, got {status} {body}");
    }

    private const int Allowed = 0;

    private static int Expected(Access access, string user, bool inScope)
    {
        if (access == Access.Public) return Allowed;
        if (user == "anonymous") return 401;
        var readsAll = user is Roles.Administrator or Roles.Auditor;
        var hasScope = inScope && user is Roles.Monitor or Roles.ProcurementOfficer;
        return access switch
        {
            Access.AnyRole => Allowed,
            Access.ScopedRead => readsAll || hasScope ? Allowed : 404,
            Access.OfficerWrite => user == Roles.ProcurementOfficer && inScope ? Allowed : 403,
            Access.AuditorOnly => user == Roles.Auditor ? Allowed : 403,
            Access.CompetitionRead => readsAll || hasScope || (user == Roles.CommissionMember && inScope) ? Allowed : 404,
            Access.MemberOnly => user == Roles.CommissionMember ? (inScope ? Allowed : 404) : readsAll ? 403 : inScope ? 403 : 404,
            Access.MemberOrOrganiser => user == Roles.ProcurementOfficer && inScope ? Allowed : 403,
            Access.OrganiserOrAdministrator => user == Roles.Administrator || (user == Roles.ProcurementOfficer && inScope) ? Allowed : 403,
            // Scores and the ranking: auditors, the organiser, monitors in scope; members see their own scores (the
            // ranking only once scoring is over); administrators manage users, not procedures.
            Access.AnyOfficer => user == Roles.ProcurementOfficer ? Allowed : 403,
            Access.AnyOfficerNotFound => user == Roles.ProcurementOfficer ? 404 : 403,
            Access.ScoreRead => user == Roles.Auditor || (inScope && user is Roles.Monitor or Roles.ProcurementOfficer) ? Allowed
                : user == Roles.Administrator ? 403 : user == Roles.CommissionMember && inScope ? 403 : 404,
            Access.MemberScoreRead => user == Roles.Auditor || (inScope && user is Roles.Monitor or Roles.ProcurementOfficer or Roles.CommissionMember) ? Allowed
                : user == Roles.Administrator ? 403 : 404,
            Access.AccreditedObserver => user == Roles.Monitor && inScope ? Allowed : readsAll ? 403 : inScope ? 403 : 404,
            Access.ObserverWrite => user == Roles.Auditor || (user == Roles.Monitor && inScope) ? Allowed : user == Roles.Monitor ? 404 : 403,
            Access.AdministratorOnly => user == Roles.Administrator ? Allowed : 403,
            Access.RequesterRead => readsAll || (user == Roles.Monitor && inScope) ? Allowed : 404,
            _ => throw new ArgumentOutOfRangeException(nameof(access)),
        };
    }

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix_and_has_a_policy()
    {
        var endpoints = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!, Endpoint: e)))
            .ToList();
        Assert.NotEmpty(endpoints);
        var known = Rows.Select(r => $"{r.Method} {r.Pattern.TrimEnd('/')}").ToHashSet();
        var missing = endpoints.Select(e => $"{e.Method} {e.Pattern.Replace("//", "/").TrimEnd('/')}").Where(k => !known.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Endpoints missing from the authorization matrix: " + string.Join(", ", missing));
        var unguarded = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => $"{e.Method} {e.Pattern}").ToList();
        Assert.True(unguarded.Count == 0, "Endpoints without an authorization policy: " + string.Join(", ", unguarded));
    }
}

/// <summary>Enterprise A (the officer's and monitor's scope) and B (nobody's), each with a tender, an auction and a competition.</summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    public ApiFactory Api { get; } = new();
    private readonly Dictionary<string, (int In, int Out)> ids = [];
    private (Guid In, Guid Out) reports;
    public int SupplierId { get; private set; }

    public int Enterprise(bool inScope) => inScope ? ids["enterprise"].In : ids["enterprise"].Out;

    public int Id(string name, bool inScope) => inScope ? ids[name].In : ids[name].Out;

    public int AwardId(bool inScope) => inScope ? ids["award"].In : ids["award"].Out;

    public int Participant(bool inScope) => inScope ? ids["participant"].In : ids["participant"].Out;

    public string Resolve(string url, bool inScope)
    {
        foreach (var (name, pair) in ids) url = url.Replace($"{{{name}}}", (inScope ? pair.In : pair.Out).ToString());
        url = url.Replace("{report}", (inScope ? reports.In : reports.Out).ToString());
        return url;
    }

    public HttpClient ClientFor(string user) => user == "anonymous" ? Api.CreateClient() : user switch
    {
        Roles.ProcurementOfficer => Api.ClientAs(ApiFactory.Officer, user),
        Roles.Monitor => Api.ClientAs("monitor-a", user),
        _ => Api.ClientAs($"user-{user.ToLowerInvariant()}", user),
    };

    public async Task InitializeAsync()
    {
        var a = await Api.AddEnterpriseAsync("ДП «Матриця А»", "60000001");
        var b = await Api.AddEnterpriseAsync("ДП «Матриця Б»", "60000002", grantOfficer: false);
        await Api.GrantAsync("monitor-a", AccessKind.MonitorOfEnterprise, a);
        // Two grants for the administrator to revoke (the in-scope and the out-of-scope call each remove one).
        await Api.GrantAsync("revocable-1", AccessKind.MonitorOfEnterprise, a);
        await Api.GrantAsync("revocable-2", AccessKind.MonitorOfEnterprise, b);
        var grants = await Api.WithDbAsync(db => Task.FromResult(db.UserAccess.Where(g => g.UserId.StartsWith("revocable-")).OrderBy(g => g.UserId).Select(g => g.Id).ToList()));
        ids["grant"] = (grants[0], grants[1]);
        var start = ApiFactory.Start.UtcDateTime;
        var created = await Api.WithDbAsync(async db =>
        {
            var supplier = new Party { Name = "ТОВ «Постачальник»", IdentifierScheme = "UA-EDR", IdentifierId = "61000001" };
            Tender TenderFor(int enterprise) => new()
            {
                EnterpriseId = enterprise, Title = "Тендер матриці", Method = ProcurementMethod.Open, Status = TenderStatus.Active,
                TenderPeriodStart = start.AddDays(-20), TenderPeriodEnd = start.AddDays(-5), CreatedAt = start, UpdatedAt = start,
                Bids = [new Bid { Tenderer = supplier, AmountMinor = 1000, SubmittedAt = start.AddDays(-10), Status = BidStatus.Valid }],
                Awards = [new Award { Supplier = supplier, ValueMinor = 1000, Status = AwardStatus.Active, Date = start.AddDays(-4) }],
                Contracts = [new Contract { ContractNumber = "М-0", ValueMinor = 1000, SignedAt = start.AddDays(-3), Status = ContractStatus.Active }],
            };
            LeaseAuction AuctionFor(int enterprise) => new()
            {
                EnterpriseId = enterprise, Asset = new Asset { EnterpriseId = enterprise, Description = "Склад", Address = "м. Київ", AreaSquareMetres = 10, AppraisedValueMinor = 1_000_000 },
                StartingRentMinor = 10_000, MinimumStepMinor = 100, AnnouncedAt = start, BidDeadline = start.AddDays(10), CreatedAt = start,
                Participants = [new AuctionParticipant { Party = supplier, DepositPaid = true, Qualified = true, RegisteredAt = start }],
            };
            // Announced, with one criterion, one eligible candidate, the commission user's declared seat (in A only),
            // a second member, and monitor-a accredited as an observer of A.
            Competition CompetitionFor(int enterprise, bool inScope) => new()
            {
                EnterpriseId = enterprise, Post = "Директор", CreatedAt = start, Status = CompetitionStatus.Announced, AnnouncedAt = start.AddDays(-10),
                ApplicationDeadline = start.AddDays(25), PlannedDecisionDate = start.AddDays(60), AnnouncedCriteriaVersion = 1,
                Criteria = [new CompetitionCriterion { CriteriaVersion = 1, Name = "Досвід", Weight = 100, MaxScore = 10, CreatedAt = start }],
                Candidates = [new Candidate { FullName = "Кандидат Перший", AppliedAt = start.AddDays(-5), ConsentToProcessing = true, Eligibility = EligibilityDecision.Eligible, EligibilityReason = "так" }],
                Commission =
                [
                    new CommissionMember { FullName = "Член Один", UserId = inScope ? "user-commissionmember" : "someone-else", DeclarationFiledAt = start.AddDays(-1) },
                    new CommissionMember { FullName = "Член Два", UserId = "member-two" },
                ],
                Observers = inScope ? [new CompetitionObserver { OrganisationName = "ГО «Прозорість»", Kind = ObserverKind.Ngo, UserId = "monitor-a", AccreditedAt = start }] : [],
            };
            var tenders = (TenderFor(a), TenderFor(b));
            var auctions = (AuctionFor(a), AuctionFor(b));
            var competitions = (CompetitionFor(a, true), CompetitionFor(b, false));
            db.AddRange(tenders.Item1, tenders.Item2, auctions.Item1, auctions.Item2, competitions.Item1, competitions.Item2);
            await db.SaveChangesAsync();
            SupplierId = supplier.Id;
            return (tenders, auctions, competitions);
        });
        ids["enterprise"] = (a, b);
        ids["tender"] = (created.tenders.Item1.Id, created.tenders.Item2.Id);
        ids["bid"] = (created.tenders.Item1.Bids[0].Id, created.tenders.Item2.Bids[0].Id);
        ids["award"] = (created.tenders.Item1.Awards[0].Id, created.tenders.Item2.Awards[0].Id);
        ids["contract"] = (created.tenders.Item1.Contracts[0].Id, created.tenders.Item2.Contracts[0].Id);
        ids["auction"] = (created.auctions.Item1.Id, created.auctions.Item2.Id);
        var flags = await Api.WithDbAsync(async db =>
        {
            Flag FlagOn(Tender t) => new()
            {
                Code = "R018", IndicatorVersion = 1, ProcedureKind = ProcedureKind.Tender, ProcedureId = t.Id, EnterpriseId = t.EnterpriseId,
                ParametersJson = "{}", EvidenceJson = "{}", Explanation = "Одна пропозиція.", RaisedAt = start,
            };
            var pair = (FlagOn(created.tenders.Item1), FlagOn(created.tenders.Item2));
            db.Flags.AddRange(pair.Item1, pair.Item2);
            await db.SaveChangesAsync();
            return pair;
        });
        ids["flag"] = ((int)flags.Item1.Id, (int)flags.Item2.Id);
        var conglomerate = await Api.WithDbAsync(db => Task.FromResult(db.Organisations.Single(o => o.Kind == OrganisationKind.Conglomerate).Id));
        ids["conglomerate"] = (conglomerate, conglomerate);
        ids["asset"] = (created.auctions.Item1.AssetId, created.auctions.Item2.AssetId);
        ids["participant"] = (created.auctions.Item1.Participants[0].Id, created.auctions.Item2.Participants[0].Id);
        ids["competition"] = (created.competitions.Item1.Id, created.competitions.Item2.Id);
        ids["announced"] = (created.competitions.Item1.Id, created.competitions.Item1.Id);
        ids["candidate"] = (created.competitions.Item1.Candidates[0].Id, created.competitions.Item2.Candidates[0].Id);
        ids["criterion"] = (created.competitions.Item1.Criteria[0].Id, created.competitions.Item2.Criteria[0].Id);
        ids["member"] = (created.competitions.Item1.Commission[0].Id, created.competitions.Item2.Commission[0].Id);
        ids["member2"] = (created.competitions.Item1.Commission[1].Id, created.competitions.Item2.Commission[1].Id);
        // A finished report of the monitor's (in scope) and one of another user's (out of scope).
        reports = await Api.WithDbAsync(async db =>
        {
            Report Done(string requester, int enterprise) => new()
            {
                Id = Guid.NewGuid(), Kind = ReportKind.Oversight, ScopeKind = ReportScopeKind.Enterprise, ScopeId = enterprise,
                PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 12, 31), RequestedBy = requester, RequesterRoles = Roles.Monitor,
                Status = ReportStatus.Done, CreatedAt = start, CompletedAt = start, FileName = "oversight-matrix.pdf", Pdf = "%PDF-1.4 matrix"u8.ToArray(), Sha256 = "00",
            };
            var pair = (Done("monitor-a", a), Done("monitor-other", b));
            db.Reports.AddRange(pair.Item1, pair.Item2);
            await db.SaveChangesAsync();
            return (pair.Item1.Id, pair.Item2.Id);
        });
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
