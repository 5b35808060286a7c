using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-SHORTWINDOW: the application window (announcement to deadline) is shorter than the norm.</summary>
internal sealed class CShortWindow : IIndicator
{
    public string Code => "C-SHORTWINDOW";
    public string Title => "Short application window";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "An announced competition's application window is shorter than MinDays calendar days.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinDays", ParameterKind.Count, 30m, "The shortest acceptable application window, in calendar days.", 365m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minDays = run.Parameters.Count("MinDays");
        var rows = run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.AnnouncedAt != null && c.ApplicationDeadline != null && c.Status != CompetitionStatus.Draft)
            .Select(c => new { c.Id, c.EnterpriseId, AnnouncedAt = c.AnnouncedAt!.Value, Deadline = c.ApplicationDeadline!.Value })
            .AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            var window = c.Deadline - c.AnnouncedAt;
            if (window >= TimeSpan.FromDays(minDays)) continue;
            var days = decimal.Round((decimal)window.TotalDays, 1);
            yield return new Finding(c.Id, "", c.EnterpriseId, c.AnnouncedAt, [],
                new Dictionary<string, object?>
                {
                    ["announcedAt"] = c.AnnouncedAt,
                    ["applicationDeadline"] = c.Deadline,
                    ["windowDays"] = days,
                    ["minDays"] = minDays,
                },
                $"Applications were open for {Fmt.Num(days)} days (announced {CompetitionQueries.Date(c.AnnouncedAt)}, deadline {CompetitionQueries.Date(c.Deadline)}); the norm is at least {minDays}.");
        }
    }
}
