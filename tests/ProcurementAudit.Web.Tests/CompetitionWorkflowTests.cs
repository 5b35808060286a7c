using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Tests;

/// <summary>The director-competition workflow through HTTP: each rule with the request that breaks it.</summary>
public sealed class CompetitionWorkflowTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient officer = api.OfficerClient();

    private DateTime Now => api.Clock.GetUtcNow().UtcDateTime;

    private HttpClient Member(string user) => api.ClientAs(user, Roles.CommissionMember);

    private HttpClient Observer(string user) => api.ClientAs(user, Roles.Monitor);

    private HttpClient Auditor() => api.ClientAs("auditor-1", Roles.Auditor);

    private static readonly object[] Criteria = [new { name = "Досвід управління", weight = 60m, maxScore = 10 }, new { name = "Бізнес-план", weight = 40m, maxScore = 10 }];

    private async Task<int> CreateAsync(int windowDays = 30)
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: Random.Shared.Next(10_000_000, 99_999_999).ToString());
        var created = await officer.PostJson("/api/competitions", new
        {
            enterpriseId, post = "Генеральний директор", applicationDeadline = Now.AddDays(windowDays), plannedDecisionDate = Now.AddDays(windowDays + 30),
            criteria = Criteria,
        }).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private async Task<int> CreateAnnouncedAsync(int windowDays = 30)
    {
        var id = await CreateAsync(windowDays);
        await officer.PostJson($"/api/competitions/{id}/announce", new { }).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    private async Task<int> ApplyAsync(int id, string name, bool consentToPublish = true) =>
        (await officer.PostJson($"/api/competitions/{id}/candidates", new
        {
            fullName = name, email = $"{Guid.NewGuid():N}@example.ua", phone = "+380 44 123 45 67", address = "м. Київ", consentToProcessing = true, consentToPublish,
        }).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private async Task<int> SeatAsync(int id, string user, string name)
    {
        var member = await officer.PostJson($"/api/competitions/{id}/commission", new { fullName = name, userId = user }).ExpectAsync(HttpStatusCode.Created);
        return member.GetProperty("id").GetInt32();
    }

    private async Task<int[]> CriterionIdsAsync(int id)
    {
        var competition = await officer.GetAsync($"/api/competitions/{id}").ExpectAsync(HttpStatusCode.OK);
        return competition.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToArray();
    }

    /// <summary>An announced competition with eligible candidates and declared members, the deadline passed.</summary>
    private async Task<(int Id, int[] Candidates, int[] Members, string[] Users, int[] Criteria)> ReadyToScoreAsync(int candidates = 3, int members = 3,
        bool[]? consent = null)
    {
        var id = await CreateAnnouncedAsync();
        var candidateIds = new int[candidates];
        for (var i = 0; i < candidates; i++)
        {
            candidateIds[i] = await ApplyAsync(id, $"Кандидат Номер{i + 1}", consent?[i] ?? true);
            await officer.PostJson($"/api/competitions/{id}/candidates/{candidateIds[i]}/eligibility", new { decision = "Eligible", reason = "Відповідає вимогам" })
                .ExpectAsync(HttpStatusCode.OK);
        }
        var users = Enumerable.Range(1, members).Select(i => $"member-{id}-{i}").ToArray();
        var memberIds = new int[members];
        for (var i = 0; i < members; i++)
        {
            memberIds[i] = await SeatAsync(id, users[i], $"Член комісії {i + 1}");
            await Member(users[i]).PostJson($"/api/competitions/{id}/commission/{memberIds[i]}/declaration", new { statement = "Конфлікту інтересів немає" })
                .ExpectAsync(HttpStatusCode.OK);
        }
        api.Clock.Advance(TimeSpan.FromDays(31));
        return (id, candidateIds, memberIds, users, await CriterionIdsAsync(id));
    }

    private static object Scores(int[] candidates, int[] criteria, Func<int, int, int> value) => new
    {
        scores = candidates.SelectMany((c, ci) => criteria.Select((k, ki) => new { candidateId = c, criterionId = k, value = value(ci, ki) })).ToArray(),
    };

    [Fact]
    public async Task Criteria_are_replaced_in_draft_and_versioned_after_the_announcement()
    {
        var id = await CreateAsync();
        var replaced = await officer.PutJson($"/api/competitions/{id}/criteria", new { criteria = new[] { new { name = "Досвід управління", weight = 50m, maxScore = 10 }, new { name = "Бізнес-план", weight = 50m, maxScore = 10 } } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, replaced.GetProperty("criteriaVersion").GetInt32());
        Assert.False(replaced.GetProperty("changedAfterAnnouncement").GetBoolean());

        var announced = await officer.PostJson($"/api/competitions/{id}/announce", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, announced.GetProperty("announcedCriteriaVersion").GetInt32());
        var changed = await officer.PutJson($"/api/competitions/{id}/criteria", new { criteria = new[] { new { name = "Досвід управління", weight = 30m, maxScore = 10 }, new { name = "Бізнес-план", weight = 70m, maxScore = 10 } } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, changed.GetProperty("criteriaVersion").GetInt32());
        Assert.True(changed.GetProperty("changedAfterAnnouncement").GetBoolean());

        var history = await officer.GetAsync($"/api/competitions/{id}/criteria/history").ExpectAsync(HttpStatusCode.OK);
        var versions = history.GetProperty("versions");
        Assert.Equal(2, versions.GetArrayLength());
        Assert.True(versions[0].GetProperty("announced").GetBoolean());
        Assert.Equal(50m, versions[0].GetProperty("criteria")[0].GetProperty("weight").GetDecimal());
        Assert.True(versions[1].GetProperty("changedAfterAnnouncement").GetBoolean());
        Assert.Equal(70m, versions[1].GetProperty("criteria")[1].GetProperty("weight").GetDecimal());

        await officer.PutJson($"/api/competitions/{id}/criteria", new { criteria = new[] { new { name = "Один", weight = 90m, maxScore = 10 } } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        await officer.PostJson($"/api/competitions/{id}/announce", new { }).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Applications_are_accepted_only_within_the_window_and_with_consent()
    {
        var id = await CreateAsync(windowDays: 10);
        var early = await officer.PostJson($"/api/competitions/{id}/candidates", new { fullName = "Рання Заявка", consentToProcessing = true, consentToPublish = false })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("not been announced", early.GetProperty("detail").GetString());
        await officer.PostJson($"/api/competitions/{id}/announce", new { }).ExpectAsync(HttpStatusCode.OK);

        var noConsent = await officer.PostJson($"/api/competitions/{id}/candidates", new { fullName = "Без Згоди", consentToProcessing = false, consentToPublish = false })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(noConsent.GetProperty("errors").TryGetProperty("consentToProcessing", out _));
        await ApplyAsync(id, "Вчасна Заявка");

        api.Clock.Advance(TimeSpan.FromDays(11));
        await officer.PostJson($"/api/competitions/{id}/candidates", new { fullName = "Пізня Заявка", consentToProcessing = true, consentToPublish = true })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await api.WithDbAsync(db => db.Candidates.CountAsync(c => c.CompetitionId == id)));
    }

    [Fact]
    public async Task Eligibility_decisions_need_a_reason()
    {
        var id = await CreateAnnouncedAsync();
        var candidate = await ApplyAsync(id, "Іван Петренко");
        var problem = await officer.PostJson($"/api/competitions/{id}/candidates/{candidate}/eligibility", new { decision = "Ineligible", reason = "" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        await officer.PostJson($"/api/competitions/{id}/candidates/{candidate}/eligibility", new { decision = "Ineligible", reason = "Немає 5 років управлінського досвіду" })
            .ExpectAsync(HttpStatusCode.OK);
        var list = await Auditor().GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Ineligible", list[0].GetProperty("eligibility").GetString());
        Assert.Equal("Немає 5 років управлінського досвіду", list[0].GetProperty("eligibilityReason").GetString());
    }

    [Fact]
    public async Task Members_see_applications_only_after_declaring_and_personal_data_only_reaches_the_allowed()
    {
        var id = await CreateAnnouncedAsync();
        await ApplyAsync(id, "Олена Коваленко");
        var memberId = await SeatAsync(id, "member-declare", "Петро Сидоренко");
        var member = Member("member-declare");

        var refused = await member.GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("declaration", refused.GetProperty("detail").GetString());
        // Only the member files their own declaration.
        await officer.PostJson($"/api/competitions/{id}/commission/{memberId}/declaration", new { statement = "Немає" }).ExpectAsync(HttpStatusCode.Forbidden);
        await member.PostJson($"/api/competitions/{id}/commission/{memberId}/declaration", new { statement = "Немає" }).ExpectAsync(HttpStatusCode.OK);
        await member.PostJson($"/api/competitions/{id}/commission/{memberId}/declaration", new { statement = "Немає" }).ExpectAsync(HttpStatusCode.Conflict);

        var seen = await member.GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Олена Коваленко", seen[0].GetProperty("fullName").GetString());

        // The organiser sees labels, not personal data; an accredited observer and an auditor see names.
        var organiserView = await officer.GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, organiserView[0].GetProperty("fullName").ValueKind);
        Assert.Equal(JsonValueKind.Null, organiserView[0].GetProperty("email").ValueKind);
        Assert.Equal("Candidate 1", organiserView[0].GetProperty("label").GetString());
        await officer.PostJson($"/api/competitions/{id}/observers", new { organisationName = "Transparency International Ukraine", kind = "Ngo", userId = "observer-privacy" })
            .ExpectAsync(HttpStatusCode.Created);
        var observed = await Observer("observer-privacy").GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Олена Коваленко", observed[0].GetProperty("fullName").GetString());
        var audited = await Auditor().GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, audited[0].GetProperty("email").ValueKind);

        // A monitor without accreditation does not learn the competition exists; anonymous callers are not let in.
        await Observer("observer-elsewhere").GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/competitions/{id}/candidates")).StatusCode);

        // Recusal takes the access away again.
        await member.PostJson($"/api/competitions/{id}/commission/{memberId}/recusal", new { reason = "Колишній колега кандидатки" }).ExpectAsync(HttpStatusCode.OK);
        await member.GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Scoring_is_blind_until_a_member_has_scored_everything_and_a_submitted_score_is_immutable()
    {
        var (id, candidates, members, users, criteria) = await ReadyToScoreAsync(candidates: 2, members: 2);
        var first = Member(users[0]);
        var second = Member(users[1]);

        await second.PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 7)).ExpectAsync(HttpStatusCode.OK);
        var partial = await first.PostJson($"/api/competitions/{id}/scores", Scores(candidates[..1], criteria, (c, k) => 9)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, partial.GetProperty("remaining").GetInt32());

        var sealedView = await first.GetAsync($"/api/competitions/{id}/scores").ExpectAsync(HttpStatusCode.OK);
        Assert.True(sealedView.GetProperty("othersSealed").GetBoolean());
        Assert.All(sealedView.GetProperty("scores").EnumerateArray(), s => Assert.Equal(members[0], s.GetProperty("memberId").GetInt32()));
        await first.GetAsync($"/api/competitions/{id}/ranking").ExpectAsync(HttpStatusCode.Forbidden);

        // Scoring the same candidate and criterion again is refused, and nothing of the batch is written.
        var again = Scores(candidates, criteria, (c, k) => 3);
        await first.PostJson($"/api/competitions/{id}/scores", again).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, await api.WithDbAsync(db => db.CandidateScores.CountAsync(s => s.MemberId == members[0])));
        Assert.Equal(9, await api.WithDbAsync(db => db.CandidateScores.Where(s => s.MemberId == members[0]).MaxAsync(s => s.Value)));

        await first.PostJson($"/api/competitions/{id}/scores", Scores(candidates[1..], criteria, (c, k) => 5)).ExpectAsync(HttpStatusCode.OK);
        var open = await first.GetAsync($"/api/competitions/{id}/scores").ExpectAsync(HttpStatusCode.OK);
        Assert.False(open.GetProperty("othersSealed").GetBoolean());
        Assert.Contains(open.GetProperty("scores").EnumerateArray(), s => s.GetProperty("memberId").GetInt32() == members[1]);

        // Out-of-range values and criteria outside the version in force are field errors.
        await second.PostJson($"/api/competitions/{id}/scores", new { scores = new[] { new { candidateId = candidates[0], criterionId = criteria[0], value = 11 } } })
            .ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_declared_voting_members_who_are_not_recused_score()
    {
        var (id, candidates, members, users, criteria) = await ReadyToScoreAsync(candidates: 1, members: 2);
        await Member(users[1]).PostJson($"/api/competitions/{id}/commission/{members[1]}/recusal", new { reason = "Родич кандидата" }).ExpectAsync(HttpStatusCode.OK);
        var recused = await Member(users[1]).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 8)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("recused", recused.GetProperty("detail").GetString());
        var stranger = await api.ClientAs("someone-else", Roles.CommissionMember).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 8))
            .ExpectAsync(HttpStatusCode.NotFound);
        Assert.NotNull(stranger.GetProperty("detail").GetString());

        var undeclaredUser = $"member-{id}-late";
        await SeatAsync(id, undeclaredUser, "Пізній Член");
        await Member(undeclaredUser).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 8)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await api.WithDbAsync(db => db.CandidateScores.CountAsync(s => s.CompetitionId == id)));
    }

    [Fact]
    public async Task The_ranking_is_weighted_and_a_decision_against_it_needs_a_written_reason()
    {
        var (id, candidates, _, users, criteria) = await ReadyToScoreAsync(candidates: 2, members: 2);
        // Candidate 1: experience 9, plan 4 -> 60*0.9 + 40*0.4 = 70. Candidate 2: experience 6, plan 10 -> 36 + 40 = 76.
        foreach (var user in users)
            await Member(user).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => (c, k) switch { (0, 0) => 9, (0, _) => 4, (_, 0) => 6, _ => 10 }))
                .ExpectAsync(HttpStatusCode.OK);
        var ranking = await Auditor().GetAsync($"/api/competitions/{id}/ranking").ExpectAsync(HttpStatusCode.OK);
        var entries = ranking.GetProperty("ranking");
        Assert.Equal(candidates[1], entries[0].GetProperty("candidateId").GetInt32());
        Assert.Equal(76m, entries[0].GetProperty("weightedScore").GetDecimal());
        Assert.Equal(70m, entries[1].GetProperty("weightedScore").GetDecimal());
        Assert.Equal(2, entries[1].GetProperty("rank").GetInt32());
        var organiserRanking = await officer.GetAsync($"/api/competitions/{id}/ranking").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, organiserRanking.GetProperty("ranking")[0].GetProperty("fullName").ValueKind);

        var problem = await officer.PostJson($"/api/competitions/{id}/decision", new { appointedCandidateId = candidates[0], appointingBody = "Наглядова рада" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("departureReason", out _));
        Assert.False(await api.WithDbAsync(db => db.CompetitionDecisions.AnyAsync(d => d.CompetitionId == id)));

        var decided = await officer.PostJson($"/api/competitions/{id}/decision", new
        {
            appointedCandidateId = candidates[0], appointingBody = "Наглядова рада", departureReason = "Переможець рейтингу відкликав заяву до призначення.",
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(decided.GetProperty("departsFromRanking").GetBoolean());
        await officer.PostJson($"/api/competitions/{id}/decision", new { appointedCandidateId = candidates[1], appointingBody = "Наглядова рада" })
            .ExpectAsync(HttpStatusCode.Conflict);
        // After the decision nobody scores any more.
        await Member(users[0]).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 1)).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_public_view_names_only_the_winner_and_the_finalists_who_consented()
    {
        var (id, candidates, _, users, criteria) = await ReadyToScoreAsync(candidates: 3, members: 1, consent: [true, false, false]);
        await Member(users[0]).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 9 - c)).ExpectAsync(HttpStatusCode.OK);
        await officer.PutJson($"/api/competitions/{id}/shortlist", new { candidateIds = candidates }).ExpectAsync(HttpStatusCode.OK);

        var anonymous = api.CreateClient();
        var before = await anonymous.GetAsync($"/api/public/competitions/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("result").ValueKind);
        Assert.Equal(3, before.GetProperty("applicants").GetInt32());

        // The winner (top-ranked) did not consent to publication of the others; candidate 1 did.
        await officer.PostJson($"/api/competitions/{id}/decision", new { appointedCandidateId = candidates[0], appointingBody = "Наглядова рада" }).ExpectAsync(HttpStatusCode.OK);
        await officer.PostJson($"/api/competitions/{id}/publish", new { }).ExpectAsync(HttpStatusCode.OK);
        await officer.PostJson($"/api/competitions/{id}/publish", new { }).ExpectAsync(HttpStatusCode.Conflict);

        var response = await anonymous.GetAsync($"/api/public/competitions/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        var result = view.GetProperty("result");
        Assert.Equal("Кандидат Номер1", result.GetProperty("winnerName").GetString());
        Assert.Equal(1, result.GetProperty("finalists").GetArrayLength());
        Assert.Equal(2, result.GetProperty("finalistsNotNamed").GetInt32());
        Assert.DoesNotContain("Кандидат Номер2", text);
        Assert.DoesNotContain("Кандидат Номер3", text);
        Assert.DoesNotContain("@example.ua", text);
        Assert.DoesNotContain("+380", text);

        var draft = await CreateAsync();
        await anonymous.GetAsync($"/api/public/competitions/{draft}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_shortlist_takes_eligible_candidates_only()
    {
        var id = await CreateAnnouncedAsync();
        var candidate = await ApplyAsync(id, "Не Перевірений");
        var problem = await officer.PutJson($"/api/competitions/{id}/shortlist", new { candidateIds = new[] { candidate } }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("candidateIds", out _));
    }

    [Fact]
    public async Task Appeals_and_a_later_dismissal_are_recorded()
    {
        var (id, candidates, _, users, criteria) = await ReadyToScoreAsync(candidates: 2, members: 1);
        await Member(users[0]).PostJson($"/api/competitions/{id}/scores", Scores(candidates, criteria, (c, k) => 8 - c)).ExpectAsync(HttpStatusCode.OK);
        await officer.PostJson($"/api/competitions/{id}/decision/dismissal", new { dismissedAt = Now }).ExpectAsync(HttpStatusCode.Conflict);
        await officer.PostJson($"/api/competitions/{id}/decision", new { appointedCandidateId = candidates[0], appointingBody = "Міністерство" }).ExpectAsync(HttpStatusCode.OK);

        var appeal = await officer.PostJson($"/api/competitions/{id}/appeals", new { candidateId = candidates[1], grounds = "Порушено порядок співбесіди" })
            .ExpectAsync(HttpStatusCode.Created);
        var appealId = appeal.GetProperty("id").GetInt32();
        await officer.PostJson($"/api/competitions/{id}/appeals/{appealId}/decision", new { outcome = "Відхилено" }).ExpectAsync(HttpStatusCode.OK);
        await officer.PostJson($"/api/competitions/{id}/appeals/{appealId}/decision", new { outcome = "Задоволено" }).ExpectAsync(HttpStatusCode.Conflict);
        var appeals = await Auditor().GetAsync($"/api/competitions/{id}/appeals").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Відхилено", appeals[0].GetProperty("outcome").GetString());

        api.Clock.Advance(TimeSpan.FromDays(90));
        await officer.PostJson($"/api/competitions/{id}/decision/dismissal", new { dismissedAt = Now.AddDays(1) }).ExpectAsync(HttpStatusCode.BadRequest);
        var dismissal = await officer.PostJson($"/api/competitions/{id}/decision/dismissal", new { dismissedAt = Now }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(90, dismissal.GetProperty("tenureDays").GetInt32());
    }

    [Fact]
    public async Task Only_the_organiser_changes_the_competition()
    {
        var id = await CreateAnnouncedAsync();
        var monitor = await Observer("observer-writer").PutJson($"/api/competitions/{id}/criteria", new { criteria = Criteria });
        Assert.Equal(HttpStatusCode.Forbidden, monitor.StatusCode);
        // An officer of another enterprise may not write to it (a write out of scope is 403).
        await api.ClientAs("officer-other", Roles.ProcurementOfficer).PostJson($"/api/competitions/{id}/candidates",
            new { fullName = "Хтось", consentToProcessing = true, consentToPublish = false }).ExpectAsync(HttpStatusCode.Forbidden);
        // ...nor read it (a read out of scope is 404).
        await api.ClientAs("officer-other", Roles.ProcurementOfficer).GetAsync($"/api/competitions/{id}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nothing_personal_reaches_the_logs()
    {
        var id = await CreateAnnouncedAsync();
        await officer.PostJson($"/api/competitions/{id}/candidates", new
        {
            fullName = "Секретна Особа", email = "secret.person@example.ua", phone = "+380 67 765 43 21", address = "вул. Таємна, 7", consentToProcessing = true, consentToPublish = false,
        }).ExpectAsync(HttpStatusCode.Created);
        await officer.PostJson($"/api/competitions/{id}/candidates", new { fullName = "Секретна Друга", email = "not-an-email", consentToProcessing = true, consentToPublish = false })
            .ExpectAsync(HttpStatusCode.BadRequest);
        await Auditor().GetAsync($"/api/competitions/{id}/candidates").ExpectAsync(HttpStatusCode.OK);

        var all = string.Join("\n", api.Logs.Messages);
        Assert.Contains("SubmitApplication.Command", all); // the sink did capture the use cases
        Assert.DoesNotContain("Секретна", all);
        Assert.DoesNotContain("secret.person", all);
        Assert.DoesNotContain("765 43 21", all);
        Assert.DoesNotContain("Таємна", all);
    }
}
