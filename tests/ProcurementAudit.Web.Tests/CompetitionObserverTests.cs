using System.Net;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Tests;

/// <summary>Observers: accreditation, the meeting calendar with attendance, and opinions with a working-day deadline.</summary>
public sealed class CompetitionObserverTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient officer = api.OfficerClient();

    private DateTime Now => api.Clock.GetUtcNow().UtcDateTime;

    private async Task<int> AnnouncedAsync()
    {
        var enterpriseId = await api.AddEnterpriseAsync(edrpou: Random.Shared.Next(10_000_000, 99_999_999).ToString());
        var created = await officer.PostJson("/api/competitions", new
        {
            enterpriseId, post = "Директор", applicationDeadline = Now.AddDays(30),
            criteria = new[] { new { name = "Досвід", weight = 100m, maxScore = 10 } },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await officer.PostJson($"/api/competitions/{id}/announce", new { }).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task Opinions_are_due_in_10_working_days_skipping_weekends_and_configured_holidays_and_are_answered_once()
    {
        // The clock starts on Monday 2 March 2026, 09:00 UTC (11:00 in Kyiv); appsettings.json lists 9 March 2026 as a holiday.
        Assert.Equal(ApiFactory.Start.UtcDateTime, Now);
        var id = await AnnouncedAsync();
        await officer.PostJson($"/api/competitions/{id}/observers", new { organisationName = "Посольство Королівства Нідерландів", kind = "Embassy", userId = "embassy-1" })
            .ExpectAsync(HttpStatusCode.Created);
        var observer = api.ClientAs("embassy-1", Roles.Monitor);

        var opinion = await observer.PostJson($"/api/competitions/{id}/opinions", new { kind = "Objection", text = "Строк подання заяв закороткий." })
            .ExpectAsync(HttpStatusCode.Created);
        // 3-6 March (4), 10-13 March (8, the 9th is a holiday), 16-17 March (10): due by the end of 17 March in Kyiv.
        Assert.Equal(new DateTime(2026, 3, 17, 22, 0, 0, DateTimeKind.Utc), opinion.GetProperty("answerDueAt").GetDateTime().ToUniversalTime());
        var opinionId = opinion.GetProperty("id").GetInt32();

        await api.ClientAs("monitor-not-accredited", Roles.Monitor).PostJson($"/api/competitions/{id}/opinions", new { kind = "Support", text = "Підтримуємо" })
            .ExpectAsync(HttpStatusCode.NotFound);
        await officer.PostJson($"/api/competitions/{id}/opinions", new { kind = "Support", text = "Підтримуємо" }).ExpectAsync(HttpStatusCode.Forbidden);
        await observer.PostJson($"/api/competitions/{id}/opinions/{opinionId}/answer", new { answer = "Самі собі" }).ExpectAsync(HttpStatusCode.Forbidden);

        api.Clock.Advance(TimeSpan.FromDays(16)); // 18 March: late
        var answered = await officer.PostJson($"/api/competitions/{id}/opinions/{opinionId}/answer", new { answer = "Строк продовжено до 45 днів." })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(answered.GetProperty("late").GetBoolean());
        await officer.PostJson($"/api/competitions/{id}/opinions/{opinionId}/answer", new { answer = "Ще раз" }).ExpectAsync(HttpStatusCode.Conflict);

        var opinions = await observer.GetAsync($"/api/competitions/{id}/opinions").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Строк продовжено до 45 днів.", opinions[0].GetProperty("answer").GetString());
        Assert.True(opinions[0].GetProperty("overdue").GetBoolean());
        var publicView = await api.CreateClient().GetAsync($"/api/public/competitions/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, publicView.GetProperty("opinions").GetProperty("objection").GetInt32());
        Assert.Equal("Embassy", publicView.GetProperty("observers")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Meetings_are_on_a_calendar_with_an_attendance_log()
    {
        var id = await AnnouncedAsync();
        var observer = await officer.PostJson($"/api/competitions/{id}/observers", new { organisationName = "Верховна Рада, комітет з питань нацбезпеки", kind = "Parliament", userId = "mp-1" })
            .ExpectAsync(HttpStatusCode.Created);
        await officer.PostJson($"/api/competitions/{id}/observers", new { organisationName = "Дубль", kind = "Ngo", userId = "mp-1" }).ExpectAsync(HttpStatusCode.Conflict);
        var member = await officer.PostJson($"/api/competitions/{id}/commission", new { fullName = "Голова Комісії", userId = "chair-1" }).ExpectAsync(HttpStatusCode.Created);
        var meeting = await officer.PostJson($"/api/competitions/{id}/meetings", new { scheduledAt = Now.AddDays(35), agenda = "Співбесіди з кандидатами" })
            .ExpectAsync(HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetInt32();
        var entries = new
        {
            entries = new object[]
            {
                new { observerId = observer.GetProperty("id").GetInt32(), present = true },
                new { memberId = member.GetProperty("id").GetInt32(), present = false },
            },
        };
        await officer.PostJson($"/api/competitions/{id}/meetings/{meetingId}/attendance", entries).ExpectAsync(HttpStatusCode.Conflict);
        api.Clock.Advance(TimeSpan.FromDays(36));
        var log = await officer.PostJson($"/api/competitions/{id}/meetings/{meetingId}/attendance", entries).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, log.GetProperty("present").GetInt32());
        await officer.PostJson($"/api/competitions/{id}/meetings/{meetingId}/attendance", new { entries = new[] { new { observerId = 999_999, present = true } } })
            .ExpectAsync(HttpStatusCode.BadRequest);

        var calendar = await api.ClientAs("mp-1", Roles.Monitor).GetAsync($"/api/competitions/{id}/meetings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Співбесіди з кандидатами", calendar[0].GetProperty("agenda").GetString());
        Assert.Equal(2, calendar[0].GetProperty("attendance").GetArrayLength());
        Assert.Contains(calendar[0].GetProperty("attendance").EnumerateArray(), a => a.GetProperty("name").GetString()!.StartsWith("Верховна Рада") && a.GetProperty("present").GetBoolean());
    }
}
