using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-STALLED: no result published more than a number of working days after the planned decision date.</summary>
internal sealed class CStalled(TimeProvider clock, CompetitionOptions options) : IIndicator
{
    public string Code => "C-STALLED";
    public string Title => "Stalled competition";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "The result is not published although more than GraceWorkingDays working days have passed since the planned decision date.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("GraceWorkingDays", ParameterKind.Count, 20m, "Working days after the planned decision date before a competition counts as stalled.", 250m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grace = run.Parameters.Count("GraceWorkingDays");
        var calendar = options.Calendar();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.PlannedDecisionDate != null && c.Status != CompetitionStatus.Published && c.Status != CompetitionStatus.Cancelled
                        && c.Status != CompetitionStatus.Draft && c.PlannedDecisionDate < now)
            .Select(c => new { c.Id, c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt, Planned = c.PlannedDecisionDate!.Value, c.Status })
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var c in rows)
        {
            var stalledAfter = calendar.DeadlineAfter(c.Planned, grace);
            if (now <= stalledAfter) continue;
            yield return new Finding(c.Id, "", c.EnterpriseId, c.Date, [],
                new Dictionary<string, object?>
                {
                    ["plannedDecisionDate"] = c.Planned,
                    ["graceWorkingDays"] = grace,
                    ["stalledAfter"] = stalledAfter,
                    ["status"] = c.Status.ToString(),
                },
                $"The decision was planned for {CompetitionQueries.Date(c.Planned)}; more than {grace} working days later the result is still not published (status {c.Status}).");
        }
    }
}
