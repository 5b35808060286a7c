using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>C-NOTTOP: the appointee is not the top-ranked candidate and the appointing body gave no written reason.</summary>
internal sealed class CNotTopRanked : IIndicator
{
    public string Code => "C-NOTTOP";
    public string Title => "Appointee not top-ranked, no reason";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "The appointed candidate does not share rank 1 of the weighted ranking and no departure reason is recorded.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var competitions = await run.Db.Competitions.AsNoTracking().Include(c => c.Decision).InScope(run.Scope)
            .Where(c => c.Decision != null && (c.Decision.DepartureReason == null || c.Decision.DepartureReason.Trim() == ""))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var competition in competitions)
        {
            var decision = competition.Decision!;
            var ranking = (await CompetitionQueries.PanelAsync(run.Db, competition, cancellationToken)).Ranking();
            if (ranking.Count == 0) continue;
            var top = ranking.Where(r => r.Rank == 1).ToList();
            if (top.Any(r => r.CandidateId == decision.AppointedCandidateId)) continue;
            var appointee = ranking.FirstOrDefault(r => r.CandidateId == decision.AppointedCandidateId);
            yield return new Finding(competition.Id, "", competition.EnterpriseId, CompetitionQueries.ProcedureDate(competition), [],
                new Dictionary<string, object?>
                {
                    ["appointedCandidateId"] = decision.AppointedCandidateId,
                    ["appointeeRank"] = appointee?.Rank,
                    ["appointeeScore"] = appointee?.WeightedScore,
                    ["topCandidateIds"] = top.Select(r => r.CandidateId).ToList(),
                    ["topScore"] = top[0].WeightedScore,
                    ["appointingBody"] = decision.AppointingBody,
                    ["decidedAt"] = decision.DecidedAt,
                },
                appointee is null
                    ? $"{decision.AppointingBody} appointed candidate #{decision.AppointedCandidateId}, who was not ranked, over the top-ranked candidate, without a written reason."
                    : $"{decision.AppointingBody} appointed candidate #{decision.AppointedCandidateId} (rank {appointee.Rank}, {Fmt.Num(appointee.WeightedScore)} points) over the top-ranked ({Fmt.Num(top[0].WeightedScore)} points) without a written reason.");
        }
    }
}
