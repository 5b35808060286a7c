using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>Each C-* indicator with a competition that fires it and a close one that does not (real SQLite, full scan).</summary>
public sealed class CompetitionIndicatorTests : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private static JsonElement Evidence(Flag flag) => JsonDocument.Parse(flag.EvidenceJson).RootElement.Clone();

    private async Task<Flag> SingleFlagAsync(string code, int competitionId, int otherCompetitionId)
    {
        await db.Scan(code);
        var flags = await db.Flags(code);
        var flag = Assert.Single(flags);
        Assert.Equal(ProcedureKind.Competition, flag.ProcedureKind);
        Assert.Equal(competitionId, flag.ProcedureId);
        Assert.DoesNotContain(flags, f => f.ProcedureId == otherCompetitionId);
        return flag;
    }

    [Fact]
    public async Task C_SHORTWINDOW_fires_below_30_days_not_at_30()
    {
        var (shortOne, normal) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            return (await data.CompetitionAsync(e.Id, windowDays: 29), await data.CompetitionAsync(e.Id, windowDays: 30));
        });
        var flag = await SingleFlagAsync("C-SHORTWINDOW", shortOne.Id, normal.Id);
        Assert.Equal(29m, Evidence(flag).GetProperty("windowDays").GetDecimal());
        Assert.Equal(30, Evidence(flag).GetProperty("minDays").GetInt32());
    }

    [Fact]
    public async Task C_FEWAPPLICANTS_fires_with_two_eligible_not_with_three()
    {
        var (few, enough) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            return (await data.CompetitionAsync(e.Id, eligible: 2, ineligible: 3), await data.CompetitionAsync(e.Id, eligible: 3));
        });
        var flag = await SingleFlagAsync("C-FEWAPPLICANTS", few.Id, enough.Id);
        Assert.Equal(2, Evidence(flag).GetProperty("eligible").GetInt32());
        Assert.Equal(5, Evidence(flag).GetProperty("applicants").GetInt32());
    }

    [Fact]
    public async Task C_FEWAPPLICANTS_waits_for_pending_eligibility_decisions()
    {
        await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var c = await data.CompetitionAsync(e.Id, eligible: 1);
            c.Candidates.Add(new Candidate { FullName = "Undecided", AppliedAt = CompetitionData.Announced, ConsentToProcessing = true });
            await ctx.SaveChangesAsync();
            return c;
        });
        await db.Scan("C-FEWAPPLICANTS");
        Assert.Empty(await db.Flags("C-FEWAPPLICANTS"));
    }

    [Fact]
    public async Task C_SINGLEFINALIST_fires_on_a_shortlist_of_one_not_of_two()
    {
        var (single, pair) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.CompetitionAsync(e.Id);
            var b = await data.CompetitionAsync(e.Id);
            a.Candidates[0].Shortlisted = true;
            b.Candidates[0].Shortlisted = true;
            b.Candidates[1].Shortlisted = true;
            await ctx.SaveChangesAsync();
            return (a, b);
        });
        var flag = await SingleFlagAsync("C-SINGLEFINALIST", single.Id, pair.Id);
        Assert.Equal(1, Evidence(flag).GetProperty("finalists").GetInt32());
    }

    [Fact]
    public async Task C_CRITERIACHANGED_fires_on_a_version_after_the_announcement_with_the_weight_changes()
    {
        var (changed, unchanged) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.CompetitionAsync(e.Id);
            var b = await data.CompetitionAsync(e.Id);
            a.CriteriaVersion = 2;
            ctx.CompetitionCriteria.AddRange(
                new CompetitionCriterion { CompetitionId = a.Id, CriteriaVersion = 2, Name = "Experience", Weight = 30, MaxScore = 10, CreatedAt = CompetitionData.Announced.AddDays(10) },
                new CompetitionCriterion { CompetitionId = a.Id, CriteriaVersion = 2, Name = "Plan", Weight = 70, MaxScore = 10, CreatedAt = CompetitionData.Announced.AddDays(10) });
            await ctx.SaveChangesAsync();
            return (a, b);
        });
        var flag = await SingleFlagAsync("C-CRITERIACHANGED", changed.Id, unchanged.Id);
        var evidence = Evidence(flag);
        Assert.Equal(1, evidence.GetProperty("announcedVersion").GetInt32());
        Assert.Equal(2, evidence.GetProperty("currentVersion").GetInt32());
        Assert.Equal(2, evidence.GetProperty("changes").GetArrayLength());
        Assert.Contains("'Plan' 40% to 70%", flag.Explanation);
    }

    [Fact]
    public async Task C_COI_fires_on_a_voting_member_related_to_a_candidate_not_once_recused()
    {
        var (linked, recusedCase) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var member = await data.PersonAsync("Member Person");
            var brother = await data.PersonAsync("Brother Person");
            ctx.Relatives.Add(new PersonRelative { PersonId = member.Id, RelativeId = brother.Id, Relation = "brother" });
            await ctx.SaveChangesAsync();

            var a = await data.CompetitionAsync(e.Id);
            a.Candidates[1].PersonId = brother.Id;
            await data.MemberAsync(a, "Voting Member", personId: member.Id);
            await data.MemberAsync(a, "Clean Member");

            var b = await data.CompetitionAsync(e.Id);
            b.Candidates[1].PersonId = brother.Id;
            await data.MemberAsync(b, "Recused Member", personId: member.Id, recused: true);
            await ctx.SaveChangesAsync();
            return (a, b);
        });
        var flag = await SingleFlagAsync("C-COI", linked.Id, recusedCase.Id);
        var evidence = Evidence(flag);
        Assert.Equal(linked.Candidates[1].Id, evidence.GetProperty("candidateId").GetInt32());
        Assert.Equal("relative", evidence.GetProperty("links")[0].GetProperty("link").GetString());
        Assert.Contains("Voting Member", flag.Explanation);
        // Candidates' names are personal data: never in a flag.
        Assert.DoesNotContain("Brother Person", flag.EvidenceJson + flag.Explanation);
        Assert.DoesNotContain("Candidate 2", flag.EvidenceJson + flag.Explanation);
    }

    [Fact]
    public async Task C_COI_fires_on_a_declared_conflict_and_on_shared_ownership()
    {
        var competition = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var c = await data.CompetitionAsync(e.Id);
            await data.MemberAsync(c, "Declared Member", declaredConflict: c.Candidates[0].Id);
            var partner = await data.PersonAsync("Partner A");
            var candidatePerson = await data.PersonAsync("Partner B");
            var firm = await new TenderData(ctx).PartyAsync("Joint Firm LLC");
            ctx.BeneficialOwners.AddRange(
                new BeneficialOwner { PartyId = firm.Id, PersonId = partner.Id, FullName = "Partner A" },
                new BeneficialOwner { PartyId = firm.Id, PersonId = candidatePerson.Id, FullName = "Partner B" });
            c.Candidates[2].PersonId = candidatePerson.Id;
            await ctx.SaveChangesAsync();
            await data.MemberAsync(c, "Co-owner Member", personId: partner.Id);
            return c;
        });
        await db.Scan("C-COI");
        var flags = await db.Flags("C-COI");
        Assert.Equal(2, flags.Count);
        Assert.Contains(flags, f => f.SubjectKey.EndsWith($"candidate:{competition.Candidates[0].Id}") && f.Explanation.Contains("declared"));
        var owned = Assert.Single(flags, f => f.SubjectKey.EndsWith($"candidate:{competition.Candidates[2].Id}"));
        Assert.Contains("Joint Firm LLC", owned.Explanation);
        Assert.False(string.IsNullOrEmpty(owned.PartyIds));
    }

    [Fact]
    public async Task C_OUTLIER_fires_beyond_25_percent_of_the_scale_from_the_median_not_at_25()
    {
        var (outlier, close) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.CompetitionAsync(e.Id, eligible: 2);
            var a1 = await data.MemberAsync(a, "A1"); var a2 = await data.MemberAsync(a, "A2"); var a3 = await data.MemberAsync(a, "A3");
            await data.ScoreAsync(a, a1, (8, 7), (6, 6));
            await data.ScoreAsync(a, a2, (8, 8), (6, 5));
            await data.ScoreAsync(a, a3, (2, 7), (6, 6)); // 2 vs median 8: 60% of the scale

            var b = await data.CompetitionAsync(e.Id, eligible: 2);
            var b1 = await data.MemberAsync(b, "B1"); var b2 = await data.MemberAsync(b, "B2"); var b3 = await data.MemberAsync(b, "B3");
            await data.ScoreAsync(b, b1, (8, 7), (6, 6));
            await data.ScoreAsync(b, b2, (8, 8), (6, 5));
            await data.ScoreAsync(b, b3, (5, 7), (6, 4)); // 3 of 10 from the median is 30%
            return (a, b);
        });
        await db.Scan("C-OUTLIER");
        var flags = await db.Flags("C-OUTLIER");
        var flag = Assert.Single(flags, f => f.ProcedureId == outlier.Id);
        Assert.Contains("A3", flag.Explanation);
        var criterion = Evidence(flag).GetProperty("criteria")[0];
        Assert.Equal(2, criterion.GetProperty("score").GetInt32());
        Assert.Equal(8m, criterion.GetProperty("median").GetDecimal());
        Assert.Equal(60m, criterion.GetProperty("deviationPercent").GetDecimal());
        // ...so B3 fires once on experience (30%), but not on the plan score 4 vs median 5 (10%).
        var b3 = Assert.Single(flags, f => f.ProcedureId == close.Id);
        Assert.Equal(1, Evidence(b3).GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task C_OUTLIER_does_not_fire_at_exactly_25_percent_and_fires_once_beyond()
    {
        await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var c = await data.CompetitionAsync(e.Id, eligible: 1);
            var m1 = await data.MemberAsync(c, "M1"); var m2 = await data.MemberAsync(c, "M2");
            var m3 = await data.MemberAsync(c, "M3"); var m4 = await data.MemberAsync(c, "M4");
            await data.ScoreAsync(c, m1, (8, 6));
            await data.ScoreAsync(c, m2, (9, 6));
            await data.ScoreAsync(c, m3, (9, 6));
            await data.ScoreAsync(c, m4, (6, 6)); // median 8.5: 2.5 of 10 is exactly 25%
            return c;
        });
        await db.Scan("C-OUTLIER");
        Assert.Empty(await db.Flags("C-OUTLIER"));

        await db.Db(async ctx =>
        {
            var score = await ctx.CandidateScores.SingleAsync(s => s.Value == 6 && ctx.CommissionMembers.Any(m => m.Id == s.MemberId && m.FullName == "M4")
                && ctx.CompetitionCriteria.Any(x => x.Id == s.CriterionId && x.Name == "Experience"));
            score.Value = 5; // 3.5 from the median: 35%
            await ctx.SaveChangesAsync();
            return 0;
        });
        await db.Scan("C-OUTLIER");
        var flag = Assert.Single(await db.Flags("C-OUTLIER"));
        Assert.Contains("M4", flag.Explanation);
        Assert.Equal(35m, Evidence(flag).GetProperty("criteria")[0].GetProperty("deviationPercent").GetDecimal());
    }

    [Fact]
    public async Task C_IDENTICAL_fires_on_two_identical_complete_sheets_not_on_one_differing_score()
    {
        var (identical, differing) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.CompetitionAsync(e.Id, eligible: 3);
            var a1 = await data.MemberAsync(a, "Twin One"); var a2 = await data.MemberAsync(a, "Twin Two"); var a3 = await data.MemberAsync(a, "Other");
            await data.ScoreAsync(a, a1, (8, 7), (6, 6), (5, 9));
            await data.ScoreAsync(a, a2, (8, 7), (6, 6), (5, 9));
            await data.ScoreAsync(a, a3, (7, 7), (6, 6), (5, 9));

            var b = await data.CompetitionAsync(e.Id, eligible: 3);
            var b1 = await data.MemberAsync(b, "B1"); var b2 = await data.MemberAsync(b, "B2");
            await data.ScoreAsync(b, b1, (8, 7), (6, 6), (5, 9));
            await data.ScoreAsync(b, b2, (8, 7), (6, 6), (5, 8));
            return (a, b);
        });
        var flag = await SingleFlagAsync("C-IDENTICAL", identical.Id, differing.Id);
        Assert.Contains("Twin One", flag.Explanation);
        Assert.Contains("Twin Two", flag.Explanation);
        Assert.Equal(6, Evidence(flag).GetProperty("identicalScores").GetInt32());
    }

    [Fact]
    public async Task C_NOTTOP_fires_when_a_lower_ranked_appointee_has_no_reason_not_when_a_reason_is_written()
    {
        var (noReason, withReason, top) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            async Task<Competition> Scored()
            {
                var c = await data.CompetitionAsync(e.Id, eligible: 2);
                var m1 = await data.MemberAsync(c, "M1"); var m2 = await data.MemberAsync(c, "M2");
                await data.ScoreAsync(c, m1, (9, 9), (5, 5));
                await data.ScoreAsync(c, m2, (9, 8), (6, 5));
                return c;
            }
            var a = await Scored(); await data.DecideAsync(a, 1);
            var b = await Scored(); await data.DecideAsync(b, 1, reason: "The top candidate withdrew before the appointment.");
            var c = await Scored(); await data.DecideAsync(c, 0);
            return (a, b, c);
        });
        await db.Scan("C-NOTTOP");
        var flag = Assert.Single(await db.Flags("C-NOTTOP"));
        Assert.Equal(noReason.Id, flag.ProcedureId);
        var evidence = Evidence(flag);
        Assert.Equal(2, evidence.GetProperty("appointeeRank").GetInt32());
        Assert.Equal(noReason.Candidates[0].Id, evidence.GetProperty("topCandidateIds")[0].GetInt32());
        Assert.NotEqual(withReason.Id, flag.ProcedureId);
        Assert.NotEqual(top.Id, flag.ProcedureId);
    }

    [Fact]
    public async Task C_IGNOREDOBJECTION_fires_on_an_objection_unanswered_after_10_working_days_not_on_one_answered_in_time()
    {
        // The clock stands at 2025-06-01 (a Sunday). Filed 2025-05-15 (Thu): due by the end of 2025-05-29. Filed 2025-05-20: due 2025-06-03.
        var (ignored, answered, recent) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.CompetitionAsync(e.Id); await data.ObjectionAsync(a, new DateTime(2025, 5, 15, 9, 0, 0, DateTimeKind.Utc));
            var b = await data.CompetitionAsync(e.Id); await data.ObjectionAsync(b, new DateTime(2025, 5, 15, 9, 0, 0, DateTimeKind.Utc), answeredAt: new DateTime(2025, 5, 29, 15, 0, 0, DateTimeKind.Utc));
            var c = await data.CompetitionAsync(e.Id); await data.ObjectionAsync(c, new DateTime(2025, 5, 20, 9, 0, 0, DateTimeKind.Utc));
            return (a, b, c);
        });
        await db.Scan("C-IGNOREDOBJECTION");
        var flag = Assert.Single(await db.Flags("C-IGNOREDOBJECTION"));
        Assert.Equal(ignored.Id, flag.ProcedureId);
        Assert.Equal(new DateTime(2025, 5, 29, 21, 0, 0, DateTimeKind.Utc), Evidence(flag).GetProperty("answerDeadline").GetDateTime().ToUniversalTime());
        Assert.Equal("unanswered by the deadline", Evidence(flag).GetProperty("reasons")[0].GetString());
        Assert.NotEqual(answered.Id, flag.ProcedureId);
        Assert.NotEqual(recent.Id, flag.ProcedureId);
    }

    [Fact]
    public async Task C_IGNOREDOBJECTION_fires_on_an_appointment_made_while_the_objection_stood_unanswered()
    {
        var competition = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var c = await data.CompetitionAsync(e.Id, eligible: 1);
            await data.ObjectionAsync(c, new DateTime(2025, 5, 27, 9, 0, 0, DateTimeKind.Utc), answeredAt: new DateTime(2025, 5, 30, 9, 0, 0, DateTimeKind.Utc));
            await data.DecideAsync(c, 0, decidedAt: new DateTime(2025, 5, 28, 9, 0, 0, DateTimeKind.Utc));
            return c;
        });
        await db.Scan("C-IGNOREDOBJECTION");
        var flag = Assert.Single(await db.Flags("C-IGNOREDOBJECTION"));
        Assert.Equal(competition.Id, flag.ProcedureId);
        Assert.Contains("appointment made while it was unanswered", flag.Explanation);
    }

    [Fact]
    public async Task C_STALLED_fires_20_working_days_after_the_planned_decision_not_before()
    {
        // Now 2025-06-01. Planned 2025-04-25: 20 working days end 2025-05-23, stalled. Planned 2025-05-12: ends 2025-06-09, not yet.
        var (stalled, pending, published) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.CompetitionAsync(e.Id, planned: new DateTime(2025, 4, 25, 9, 0, 0, DateTimeKind.Utc));
            var b = await data.CompetitionAsync(e.Id, planned: new DateTime(2025, 5, 12, 9, 0, 0, DateTimeKind.Utc));
            var c = await data.CompetitionAsync(e.Id, planned: new DateTime(2025, 4, 25, 9, 0, 0, DateTimeKind.Utc), status: CompetitionStatus.Published);
            return (a, b, c);
        });
        await db.Scan("C-STALLED");
        var flag = Assert.Single(await db.Flags("C-STALLED"));
        Assert.Equal(stalled.Id, flag.ProcedureId);
        Assert.NotEqual(pending.Id, flag.ProcedureId);
        Assert.NotEqual(published.Id, flag.ProcedureId);
        Assert.Equal(20, Evidence(flag).GetProperty("graceWorkingDays").GetInt32());
    }

    [Fact]
    public async Task C_EARLYDISMISSAL_fires_below_180_days_of_tenure_not_at_180()
    {
        var (early, normal) = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var decided = new DateTime(2024, 9, 1, 9, 0, 0, DateTimeKind.Utc);
            var a = await data.CompetitionAsync(e.Id, eligible: 1); await data.DecideAsync(a, 0, decidedAt: decided, dismissedAt: decided.AddDays(90));
            var b = await data.CompetitionAsync(e.Id, eligible: 1); await data.DecideAsync(b, 0, decidedAt: decided, dismissedAt: decided.AddDays(180));
            return (a, b);
        });
        var flag = await SingleFlagAsync("C-EARLYDISMISSAL", early.Id, normal.Id);
        Assert.Equal(90, Evidence(flag).GetProperty("tenureDays").GetInt32());
    }

    [Fact]
    public async Task Thresholds_are_configurable_per_conglomerate()
    {
        var competition = await db.Db(async ctx =>
        {
            var data = new CompetitionData(ctx);
            var e = await data.EnterpriseAsync();
            var c = await data.CompetitionAsync(e.Id, windowDays: 29);
            ctx.IndicatorSettings.Add(new IndicatorSettings
            {
                ConglomerateId = e.ParentId!.Value, Code = "C-SHORTWINDOW", SettingsVersion = 1, ParametersJson = "{\"MinDays\":20}",
                ChangedAt = CompetitionData.Announced, ChangedBy = "auditor-1",
            });
            await ctx.SaveChangesAsync();
            return c;
        });
        await db.Scan("C-SHORTWINDOW");
        Assert.Empty(await db.Flags("C-SHORTWINDOW"));
        Assert.True(competition.Id > 0);
    }
}
