using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Core.Reporting;

/// <summary>
/// The observer report of one director competition: who observed, who attended which session, what they said and
/// what the organiser answered, the competition's flags. Readable where the competition is (scope, accreditation,
/// a commission seat); the appointee's name only for those who may see personal data.
/// </summary>
public static class BuildObserverReport
{
    public sealed record Query(int CompetitionId, ICurrentActor? As = null) : IRequest<ObserverReportModel>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.CompetitionId).GreaterThan(0);
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor current, TimeProvider clock) : IRequestHandler<Query, ObserverReportModel>
    {
        public async Task<ObserverReportModel> Handle(Query q, CancellationToken ct)
        {
            var actor = q.As ?? current;
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, q.CompetitionId, ct);
            var c = await db.Competitions.AsNoTracking().AsSplitQuery().Include(x => x.Enterprise).Include(x => x.Candidates)
                .Include(x => x.Observers).Include(x => x.Opinions).Include(x => x.Meetings).ThenInclude(m => m.Attendance)
                .Include(x => x.Decision).SingleAsync(x => x.Id == q.CompetitionId, ct);
            var labels = BuildProcedureDossier.CandidateLabels(c.Candidates, viewer.SeesPersonalData);
            var observers = c.Observers.OrderBy(o => o.AccreditedAt).ThenBy(o => o.Id).ToList();
            var names = observers.ToDictionary(o => o.Id, o => o.OrganisationName);
            var reference = ReportText.ProcedureRef(ProcedureKind.Competition, c.Id);

            var facts = new List<LabeledValue>
            {
                new("Вікно подання заяв / Application window", $"{Date(c.AnnouncedAt)} – {Date(c.ApplicationDeadline)}"),
                new("Версія критеріїв / Criteria version", c.CriteriaVersion.ToString(ReportText.Uk)
                    + (c.AnnouncedCriteriaVersion is { } v && v != c.CriteriaVersion ? $" (оголошено версію {v})" : "")),
                new("Кандидатів / Candidates", c.Candidates.Count.ToString(ReportText.Uk)),
                new("Допущено / Eligible", c.Candidates.Count(x => x.Eligibility == EligibilityDecision.Eligible).ToString(ReportText.Uk)),
                new("Запланована дата рішення / Planned decision", Date(c.PlannedDecisionDate)),
                new("Рішення / Decision", c.Decision is { } d ? $"{d.AppointingBody}, {Date(d.DecidedAt)}: {labels.GetValueOrDefault(d.AppointedCandidateId, "—")}" : "ще не ухвалено"),
            };
            if (c.Decision?.DepartureReason is { Length: > 0 } departure) facts.Add(new("Відступ від рейтингу / Departure from ranking", departure));

            var attendance = c.Meetings.OrderBy(m => m.ScheduledAt).ThenBy(m => m.Id).SelectMany(m =>
                observers.Select(o => new AttendanceRow(m.Agenda, DateOnly.FromDateTime(m.ScheduledAt), o.OrganisationName,
                    m.Attendance.Any(a => a.ObserverId == o.Id && a.Present),
                    m.Attendance.Any(a => a.ObserverId == o.Id) ? null : "не зазначено"))).ToList();

            var flags = await db.Flags.AsNoTracking()
                .Where(f => f.ProcedureKind == ProcedureKind.Competition && f.ProcedureId == c.Id && f.Status != FlagStatus.Cleared)
                .OrderBy(f => f.Code).ThenBy(f => f.SubjectKey).ToListAsync(ct);

            return new ObserverReportModel
            {
                CompetitionId = reference,
                Enterprise = c.Enterprise?.Name ?? "—",
                Post = c.Post,
                Status = ReportText.Stage(c.Status),
                GeneratedAt = clock.GetUtcNow(),
                DataAsOf = await ReportText.DataAsOfAsync(db, clock, ct),
                RequestedBy = ReportText.Requester(actor),
                Facts = facts,
                // The representative's account id is personal data of the observer organisation's staff.
                Observers = [.. observers.Select(o => new ObserverRow(o.OrganisationName, ReportText.Observer(o.Kind),
                    viewer.SeesPersonalData ? o.UserId : null, Date(o.AccreditedAt)))],
                Attendance = attendance,
                Opinions = [.. c.Opinions.OrderBy(o => o.FiledAt).ThenBy(o => o.Id).Select(o => new OpinionEntry(reference, names.GetValueOrDefault(o.ObserverId, "—"),
                    ReportText.Utc(o.FiledAt), ReportText.Opinion(o.Kind), o.Text, o.Answer,
                    o.AnsweredAt is { } at ? ReportText.Utc(at) : null, o.Answer is null ? null : "Організатор"))],
                Flags = [.. flags.Select(ReportText.ToEvidence)],
            };
        }

        private static string Date(DateTime? value) => value is { } v ? v.ToString("dd.MM.yyyy", ReportText.Uk) : "—";
    }
}
