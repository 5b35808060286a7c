using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-SINGLEFINALIST: the shortlist put to the appointing body has fewer than two names.</summary>
internal sealed class CSingleFinalist : IIndicator
{
    public string Code => "C-SINGLEFINALIST";
    public string Title => "Single finalist";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "Once a shortlist is set or a decision made, the shortlist has fewer than MinFinalists candidates.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinFinalists", ParameterKind.Count, 2m, "The smallest acceptable shortlist.", 100m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minFinalists = run.Parameters.Count("MinFinalists");
        var rows = run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.Status != CompetitionStatus.Cancelled)
            .Select(c => new
            {
                c.Id, c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt,
                Finalists = c.Candidates.Count(x => x.Shortlisted),
                Eligible = c.Candidates.Count(x => x.Eligibility == EligibilityDecision.Eligible),
                Decided = c.Decision != null,
            })
            .Where(c => (c.Finalists > 0 || c.Decided) && c.Finalists < minFinalists)
            .AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            yield return new Finding(c.Id, "", c.EnterpriseId, c.Date, [],
                new Dictionary<string, object?> { ["finalists"] = c.Finalists, ["eligible"] = c.Eligible, ["minFinalists"] = minFinalists, ["decided"] = c.Decided },
                $"The shortlist has {c.Finalists} finalist(s) out of {c.Eligible} eligible candidates; at least {minFinalists} are expected.");
        }
    }
}
