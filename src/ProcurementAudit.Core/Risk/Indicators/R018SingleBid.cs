using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// R018 over the database: an open or selective tender with exactly one distinct tenderer (OCDS Cardinal's
/// <c>numberOfTenderers == 1</c>, counted from the bids; the file-based Cardinal engine lives with the OCDS import).
/// </summary>
internal sealed class R018SingleBid : IIndicator
{
    public string Code => "R018";
    public string Title => "Single bid received";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "An open or selective tender received bids from only one tenderer.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = run.Db.Tenders.InScope(run.Scope)
            .Where(t => t.Method == ProcurementMethod.Open || t.Method == ProcurementMethod.Selective)
            .Select(t => new
            {
                t.Id,
                t.EnterpriseId,
                Date = t.TenderPeriodStart ?? t.CreatedAt,
                t.Method,
                Tenderers = t.Bids.Select(b => b.TendererPartyId).Distinct().Count(),
            })
            .Where(x => x.Tenderers == 1)
            .Select(x => new
            {
                x.Id,
                x.EnterpriseId,
                x.Date,
                x.Method,
                TendererPartyId = run.Db.Bids.Where(b => b.TenderId == x.Id).Select(b => b.TendererPartyId).FirstOrDefault(),
                TendererName = run.Db.Bids.Where(b => b.TenderId == x.Id).Select(b => b.Tenderer!.Name).FirstOrDefault(),
                Bids = run.Db.Bids.Count(b => b.TenderId == x.Id),
            })
            .AsAsyncEnumerable();
        await foreach (var t in rows.WithCancellation(cancellationToken))
        {
            yield return new Finding(t.Id, "", t.EnterpriseId, t.Date, [t.TendererPartyId],
                new Dictionary<string, object?>
                {
                    ["method"] = t.Method.ToString(),
                    ["tenderers"] = 1,
                    ["bids"] = t.Bids,
                    ["tendererPartyId"] = t.TendererPartyId,
                    ["tenderer"] = t.TendererName,
                },
                $"Only one tenderer ({t.TendererName}) bid in this {t.Method.ToString().ToLowerInvariant()} tender.");
        }
    }
}
