using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-EARLYDISMISSAL: the appointee was dismissed soon after the appointment.</summary>
internal sealed class CEarlyDismissal : IIndicator
{
    public string Code => "C-EARLYDISMISSAL";
    public string Title => "Appointee dismissed early";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "The appointee's dismissal came fewer than MinTenureDays days after the appointment.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinTenureDays", ParameterKind.Count, 180m, "The shortest tenure that does not raise questions, in days.", 3650m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minTenure = run.Parameters.Count("MinTenureDays");
        var rows = await run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.Decision != null && c.Decision.AppointeeDismissedAt != null)
            .Select(c => new
            {
                c.Id, c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt, c.Decision!.DecidedAt, DismissedAt = c.Decision.AppointeeDismissedAt!.Value,
                c.Decision.AppointedCandidateId, c.Decision.AppointingBody,
            })
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var c in rows)
        {
            var tenure = c.DismissedAt - c.DecidedAt;
            if (tenure >= TimeSpan.FromDays(minTenure)) continue;
            var days = (int)Math.Floor(tenure.TotalDays);
            yield return new Finding(c.Id, "", c.EnterpriseId, c.Date, [],
                new Dictionary<string, object?>
                {
                    ["appointedCandidateId"] = c.AppointedCandidateId,
                    ["decidedAt"] = c.DecidedAt,
                    ["dismissedAt"] = c.DismissedAt,
                    ["tenureDays"] = days,
                    ["minTenureDays"] = minTenure,
                },
                $"The appointee (candidate #{c.AppointedCandidateId}) was dismissed {days} days after the appointment by {c.AppointingBody}; fewer than {minTenure}.");
        }
    }
}
