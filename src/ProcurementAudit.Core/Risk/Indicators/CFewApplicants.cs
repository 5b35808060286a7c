using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-FEWAPPLICANTS: once applications have closed and every eligibility decision is taken, too few are eligible.</summary>
internal sealed class CFewApplicants(TimeProvider clock) : IIndicator
{
    public string Code => "C-FEWAPPLICANTS";
    public string Title => "Few eligible applicants";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "After the application deadline, with no eligibility decision pending, fewer than MinEligible candidates are eligible.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinEligible", ParameterKind.Count, 3m, "The smallest acceptable number of eligible applicants.", 1000m),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var minEligible = run.Parameters.Count("MinEligible");
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = run.Db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.Status != CompetitionStatus.Draft && c.Status != CompetitionStatus.Cancelled && c.ApplicationDeadline != null && c.ApplicationDeadline < now)
            .Select(c => new
            {
                c.Id, c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt,
                Applicants = c.Candidates.Count(),
                Eligible = c.Candidates.Count(x => x.Eligibility == EligibilityDecision.Eligible),
                Pending = c.Candidates.Count(x => x.Eligibility == EligibilityDecision.Pending),
            })
            .Where(c => c.Pending == 0 && c.Eligible < minEligible)
            .AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            yield return new Finding(c.Id, "", c.EnterpriseId, c.Date, [],
                new Dictionary<string, object?> { ["applicants"] = c.Applicants, ["eligible"] = c.Eligible, ["minEligible"] = minEligible },
                $"Only {c.Eligible} of {c.Applicants} applicants were found eligible; at least {minEligible} are expected for real competition.");
        }
    }
}
