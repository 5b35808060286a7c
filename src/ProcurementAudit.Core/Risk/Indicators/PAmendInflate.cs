using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>P-AMENDINFLATE: amendments raised a contract's value beyond a share of its signed value.</summary>
internal sealed class PAmendInflate : IIndicator
{
    public string Code => "P-AMENDINFLATE";
    public string Title => "Contract value inflated by amendments";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "The contract value after its latest value-changing amendment exceeds the signed value by more than IncreasePercent.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("IncreasePercent", ParameterKind.Percent, 10m, "The share of the signed value that amendments may add before the flag fires."),
    ];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var allowed = 10_000 + run.Parameters.BasisPoints("IncreasePercent");
        var db = run.Db;
        var rows = (
                from c in db.Contracts
                join t in db.Tenders.InScope(run.Scope) on c.TenderId equals t.Id
                where c.ValueMinor > 0 && db.ContractAmendments.Any(a => a.ContractId == c.Id && a.NewValueMinor != null)
                let latest = db.ContractAmendments.Where(a => a.ContractId == c.Id && a.NewValueMinor != null)
                    .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).Select(a => a.NewValueMinor!.Value).First()
                where latest * 10_000 > c.ValueMinor!.Value * allowed
                select new
                {
                    TenderId = t.Id,
                    t.EnterpriseId,
                    Date = t.TenderPeriodStart ?? t.CreatedAt,
                    ContractId = c.Id,
                    c.ContractNumber,
                    Signed = c.ValueMinor!.Value,
                    Latest = latest,
                    Amendments = db.ContractAmendments.Count(a => a.ContractId == c.Id && a.NewValueMinor != null),
                    SupplierPartyId = db.Awards.Where(a => a.Id == c.AwardId).Select(a => (int?)a.SupplierPartyId).FirstOrDefault(),
                })
            .AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            var increase = decimal.Round((c.Latest - c.Signed) * 100m / c.Signed, 1);
            yield return new Finding(c.TenderId, $"contract:{c.ContractId}", c.EnterpriseId, c.Date,
                c.SupplierPartyId is { } s ? [s] : [],
                new Dictionary<string, object?>
                {
                    ["contractId"] = c.ContractId,
                    ["contractNumber"] = c.ContractNumber,
                    ["signedValue"] = Fmt.Major(c.Signed),
                    ["currentValue"] = Fmt.Major(c.Latest),
                    ["increasePercent"] = increase,
                    ["thresholdPercent"] = run.Parameters["IncreasePercent"],
                    ["valueAmendments"] = c.Amendments,
                },
                $"Amendments raised contract {c.ContractNumber} from {Fmt.Uah(c.Signed)} to {Fmt.Uah(c.Latest)}, +{Fmt.Pct(increase)} (threshold +{Fmt.Pct(run.Parameters["IncreasePercent"])}).");
        }
    }
}
