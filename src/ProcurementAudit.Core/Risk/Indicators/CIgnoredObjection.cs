using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// C-IGNOREDOBJECTION: an observer's objection was not answered within the deadline (working days after filing,
/// weekends and configured public holidays excluded), or the appointment was made while it stood unanswered.
/// One flag per objection.
/// </summary>
internal sealed class CIgnoredObjection(TimeProvider clock, CompetitionOptions options) : IIndicator
{
    public string Code => "C-IGNOREDOBJECTION";
    public string Title => "Observer objection ignored";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "An objection went unanswered for more than AnswerWorkingDays working days, or the appointment was made while it was unanswered.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("AnswerWorkingDays", ParameterKind.Count, 10m, "Working days the organiser has to answer an objection.", 100m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var days = run.Parameters.Count("AnswerWorkingDays");
        var calendar = options.Calendar();
        var now = clock.GetUtcNow().UtcDateTime;
        var competitions = run.Db.Competitions.AsNoTracking().InScope(run.Scope).Select(c => c.Id);
        var rows = await run.Db.ObserverOpinions.AsNoTracking()
            .Where(o => o.Kind == OpinionKind.Objection && competitions.Contains(o.CompetitionId))
            .Select(o => new
            {
                o.Id, o.CompetitionId, o.ObserverId, o.FiledAt, o.AnsweredAt,
                Observer = run.Db.CompetitionObservers.Where(x => x.Id == o.ObserverId).Select(x => x.OrganisationName).First(),
                Competition = run.Db.Competitions.Where(c => c.Id == o.CompetitionId)
                    .Select(c => new { c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt, DecidedAt = c.Decision != null ? (DateTime?)c.Decision.DecidedAt : null }).First(),
            })
            .OrderBy(o => o.CompetitionId).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);
        foreach (var o in rows)
        {
            var deadline = calendar.DeadlineAfter(o.FiledAt, days);
            var reasons = new List<string>();
            if (o.AnsweredAt is null && now > deadline) reasons.Add("unanswered by the deadline");
            if (o.AnsweredAt is { } answered && answered > deadline) reasons.Add("answered late");
            if (o.Competition.DecidedAt is { } decided && decided >= o.FiledAt && (o.AnsweredAt is null || o.AnsweredAt > decided))
                reasons.Add("appointment made while it was unanswered");
            if (reasons.Count == 0) continue;
            yield return new Finding(o.CompetitionId, $"opinion:{o.Id}", o.Competition.EnterpriseId, o.Competition.Date, [],
                new Dictionary<string, object?>
                {
                    ["opinionId"] = o.Id,
                    ["observerId"] = o.ObserverId,
                    ["observer"] = o.Observer,
                    ["filedAt"] = o.FiledAt,
                    ["answerDeadline"] = deadline,
                    ["answerWorkingDays"] = days,
                    ["answeredAt"] = o.AnsweredAt,
                    ["decidedAt"] = o.Competition.DecidedAt,
                    ["reasons"] = reasons,
                },
                $"The objection of {o.Observer} filed {CompetitionQueries.Date(o.FiledAt)} (answer due by the end of {CompetitionQueries.Date(deadline.AddTicks(-1))}, {days} working days): {string.Join("; ", reasons)}.");
        }
    }
}
