using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Reporting;
using ProcurementAudit.Core.Tests.Risk;

namespace ProcurementAudit.Core.Tests.Reporting;

/// <summary>The report models built from a real SQLite database, as auditors and as a monitor of one enterprise.</summary>
public sealed class ReportQueryTests : IAsyncLifetime
{
    private readonly RiskTestDatabase database = new();
    private static readonly DateTime Day = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);
    private int conglomerate, plantA, plantB, tenderA, tenderB, tenderOld, competition;

    private static ICurrentActor Auditor() => new RequesterActor("auditor-1", [Roles.Auditor], []);

    private ICurrentActor MonitorOfA() => new RequesterActor("monitor-a", [Roles.Monitor],
        [new UserAccess { UserId = "monitor-a", Kind = AccessKind.MonitorOfEnterprise, TargetId = plantA, GrantedBy = "test" }]);

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await database.Db(async db =>
        {
            var holding = new Organisation { Kind = OrganisationKind.Conglomerate, Name = "ДК «Тестовий холдинг»", Edrpou = "80000000" };
            var a = new Organisation { Kind = OrganisationKind.Enterprise, Parent = holding, Name = "ДП «Завод А»", Edrpou = "80000001" };
            var b = new Organisation { Kind = OrganisationKind.Enterprise, Parent = holding, Name = "ДП «Завод Б»", Edrpou = "80000002" };
            var party = new Party { Name = "ТОВ «Учасник»", IdentifierScheme = "UA-EDR", IdentifierId = "81000001" };
            db.AddRange(holding, a, b, party);
            await db.SaveChangesAsync();
            Tender T(Organisation e, DateTime start, DateTime end) => new()
            {
                EnterpriseId = e.Id, Title = "Закупівля", Method = ProcurementMethod.Open, Status = TenderStatus.Active, EstimatedValueMinor = 1_000_00,
                TenderPeriodStart = start, TenderPeriodEnd = end, CreatedAt = start, UpdatedAt = start,
                Bids = [new Bid { TendererPartyId = party.Id, AmountMinor = 990_00, SubmittedAt = start.AddDays(1), Status = BidStatus.Valid }],
            };
            var ta = T(a, Day, Day.AddDays(5));
            var tb = T(b, Day, Day.AddDays(5));
            var old = T(a, Day.AddYears(-2), Day.AddYears(-2).AddDays(5));
            var c = new Competition
            {
                EnterpriseId = a.Id, Post = "Директор ДП «Завод А»", Status = CompetitionStatus.Decided, CreatedAt = Day, AnnouncedAt = Day,
                Candidates = [new Candidate { FullName = "Петренко Марія Іванівна", AppliedAt = Day.AddDays(1), Eligibility = EligibilityDecision.Eligible }],
                Observers = [new CompetitionObserver { OrganisationName = "ГО «Прозорість»", Kind = ObserverKind.Ngo, UserId = "observer-1", AccreditedAt = Day }],
            };
            db.AddRange(ta, tb, old, c);
            await db.SaveChangesAsync();
            db.ObserverOpinions.Add(new ObserverOpinion
            {
                CompetitionId = c.Id, ObserverId = c.Observers[0].Id, Kind = OpinionKind.Concern, Text = "Критерії змінено після оголошення.",
                FiledAt = Day.AddDays(3), AnswerDueAt = Day.AddDays(17), Answer = "Зміну погоджено наглядовою радою.", AnsweredAt = Day.AddDays(5),
            });
            Flag F(ProcedureKind kind, int id, int enterprise, DateTime date, FlagStatus status = FlagStatus.Open) => new()
            {
                Code = kind == ProcedureKind.Tender ? "R018" : "C-FEWAPPLICANTS", IndicatorVersion = 1, ProcedureKind = kind, ProcedureId = id, EnterpriseId = enterprise,
                ProcedureDate = date, ParametersJson = "{}", EvidenceJson = """{"bids":1,"estimate":100000}""", Explanation = "Лише одна пропозиція.",
                Status = status, RaisedAt = Day,
            };
            db.Flags.AddRange(F(ProcedureKind.Tender, ta.Id, a.Id, Day), F(ProcedureKind.Tender, tb.Id, b.Id, Day),
                F(ProcedureKind.Tender, old.Id, a.Id, old.TenderPeriodStart!.Value),
                F(ProcedureKind.Competition, c.Id, a.Id, Day, FlagStatus.Cleared));
            await db.SaveChangesAsync();
            (conglomerate, plantA, plantB, tenderA, tenderB, tenderOld, competition) = (holding.Id, a.Id, b.Id, ta.Id, tb.Id, old.Id, c.Id);
        });
    }

    public Task DisposeAsync() => database.DisposeAsync();

    private Task<Reports.Models.OversightReportModel> Oversight(ICurrentActor actor, ReportScopeKind kind, int id) =>
        database.Send(new BuildOversightReport.Query(kind, id, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), actor));

    [Fact]
    public async Task An_auditors_conglomerate_report_holds_the_flagged_procedures_of_the_period_with_evidence()
    {
        var model = await Oversight(Auditor(), ReportScopeKind.Conglomerate, conglomerate);
        Assert.Equal("ДК «Тестовий холдинг»", model.ScopeName);
        Assert.Equal([$"T-{tenderA}", $"T-{tenderB}"], model.FlaggedProcedures.Select(p => p.ProcedureId).Order().ToArray());
        // The two-year-old tender is outside the period; the competition's flag was cleared.
        Assert.DoesNotContain(model.FlaggedProcedures, p => p.ProcedureId == $"T-{tenderOld}" || p.ProcedureId == $"C-{competition}");
        var row = model.FlaggedProcedures.Single(p => p.ProcedureId == $"T-{tenderA}");
        Assert.Equal("ДП «Завод А»", row.Enterprise);
        Assert.Equal(["R018"], row.FlagCodes);
        Assert.Equal(1_000_00, row.Value!.Value.Minor);
        Assert.Equal("Відкритий", row.ReviewStatus);
        var summary = Assert.Single(model.FlagsByCode);
        Assert.Equal(("R018", 2, 2), (summary.Code, summary.Total, summary.Open));
        var evidence = model.Evidence[0];
        Assert.Contains(evidence.Evidence, e => e.Label == "bids" && e.Value == "1");
        var opinion = Assert.Single(model.Opinions);
        Assert.Equal(("ГО «Прозорість»", "Зміну погоджено наглядовою радою."), (opinion.Author, opinion.Answer));
        Assert.Contains(model.Headlines, h => h.Label.StartsWith("Процедур з прапорцями", StringComparison.Ordinal) && h.Value == "2");
    }

    [Fact]
    public async Task A_monitors_report_holds_only_their_enterprises_and_other_scopes_do_not_exist_for_them()
    {
        var model = await Oversight(MonitorOfA(), ReportScopeKind.Conglomerate, conglomerate);
        Assert.Equal([$"T-{tenderA}"], model.FlaggedProcedures.Select(p => p.ProcedureId).ToArray());
        Assert.DoesNotContain(model.Evidence, e => e.ProcedureId.StartsWith($"T-{tenderB}", StringComparison.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() => Oversight(MonitorOfA(), ReportScopeKind.Enterprise, plantB));
        await Assert.ThrowsAsync<NotFoundException>(() => database.Send(new BuildProcedureDossier.Query(ProcedureKind.Tender, tenderB, MonitorOfA())));
        // An enterprise id is not a conglomerate.
        await Assert.ThrowsAsync<NotFoundException>(() => Oversight(Auditor(), ReportScopeKind.Conglomerate, plantA));
    }

    [Fact]
    public async Task A_competition_dossier_names_candidates_only_for_roles_that_may_see_personal_data()
    {
        var forAuditor = await database.Send(new BuildProcedureDossier.Query(ProcedureKind.Competition, competition, Auditor()));
        Assert.Equal("Петренко Марія Іванівна", Assert.Single(forAuditor.Scores!.Rows).Candidate);
        var forMonitor = await database.Send(new BuildProcedureDossier.Query(ProcedureKind.Competition, competition, MonitorOfA()));
        Assert.Equal("Кандидат 1", Assert.Single(forMonitor.Scores!.Rows).Candidate);
        Assert.Contains(forMonitor.Observations, o => o.Text == "Критерії змінено після оголошення.");
    }

    [Fact]
    public async Task A_tender_dossier_has_its_timeline_bids_and_flags_and_hides_sealed_amounts_before_the_deadline()
    {
        database.Clock.SetUtcNow(new DateTimeOffset(Day.AddDays(2)));
        var open = await database.Send(new BuildProcedureDossier.Query(ProcedureKind.Tender, tenderA, Auditor()));
        Assert.Null(Assert.Single(open.Bids).Amount);
        Assert.Equal("R018", Assert.Single(open.Flags).Code);
        Assert.Contains(open.Timeline, t => t.Event == "Кінцевий строк подання пропозицій");
        database.Clock.SetUtcNow(new DateTimeOffset(Day.AddDays(6)));
        var closed = await database.Send(new BuildProcedureDossier.Query(ProcedureKind.Tender, tenderA, Auditor()));
        Assert.Equal(990_00, Assert.Single(closed.Bids).Amount!.Value.Minor);
    }

    [Fact]
    public async Task The_observer_report_lists_observers_and_opinions_with_answers()
    {
        var model = await database.Send(new BuildObserverReport.Query(competition, MonitorOfA()));
        var observer = Assert.Single(model.Observers);
        Assert.Equal("ГО «Прозорість»", observer.Organisation);
        Assert.Null(observer.Representative); // a monitor of the enterprise is not an accredited observer of this competition
        Assert.Equal("Зміну погоджено наглядовою радою.", Assert.Single(model.Opinions).Answer);
        Assert.Empty(model.Flags); // the only flag was cleared
    }

    [Fact]
    public async Task Rendering_a_queued_report_stores_the_pdf_and_its_sha256_and_a_withdrawn_scope_fails_it()
    {
        var id = await database.Db(async db =>
        {
            var report = new Report
            {
                Id = Guid.NewGuid(), Kind = ReportKind.Oversight, ScopeKind = ReportScopeKind.Enterprise, ScopeId = plantA,
                PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 12, 31), RequestedBy = "auditor-1", RequesterRoles = Roles.Auditor,
                CreatedAt = Day,
            };
            db.Reports.Add(report);
            db.Reports.Add(new Report
            {
                Id = Guid.NewGuid(), Kind = ReportKind.Oversight, ScopeKind = ReportScopeKind.Enterprise, ScopeId = plantB,
                PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 12, 31), RequestedBy = "monitor-a", RequesterRoles = Roles.Monitor,
                CreatedAt = Day,
            });
            await db.SaveChangesAsync();
            return report.Id;
        });
        var done = await database.Send(new RenderReport.Command(id));
        Assert.Equal(ReportStatus.Done, done.Status);
        var stored = await database.Db(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(stored.Pdf!, 0, 5));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Pdf!)), stored.Sha256);
        var verified = await database.Send(new VerifyReport.Command(stored.Pdf));
        Assert.True(verified.Produced);

        // monitor-a has no grant in this database at all: the job, acting as them, cannot build enterprise B's report.
        var other = await database.Db(db => db.Reports.AsNoTracking().Where(r => r.ScopeId == plantB).Select(r => r.Id).SingleAsync());
        var failed = await database.Send(new RenderReport.Command(other));
        Assert.Equal(ReportStatus.Failed, failed.Status);
        Assert.Null(await database.Db(db => db.Reports.AsNoTracking().Where(r => r.Id == other).Select(r => r.Pdf).SingleAsync()));
    }
}
