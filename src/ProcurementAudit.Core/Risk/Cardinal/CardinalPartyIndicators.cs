using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Cardinal;
using ProcurementAudit.Core.Ocds.Export;

namespace ProcurementAudit.Core.Risk.Cardinal;

/// <summary>
/// A Cardinal indicator whose results are about organisations (Buyer, ProcuringEntity, Tenderer groups) rather than
/// contracting processes. Each flagged organisation raises one flag on every tender where its flagged behaviour shows
/// (the "affected" tenders), with the organisation's key (<c>scheme-id</c>, e.g. <c>UA-EDR-12345678</c>) as the subject:
/// so a procedure page shows it, and the flags of one organisation group by subject.
/// </summary>
internal abstract class CardinalPartyIndicator : IIndicator
{
    public abstract string Code { get; }
    public abstract string Title { get; }
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public virtual int Version => 1;
    public abstract string Description { get; }
    public abstract IReadOnlyList<ParameterDefinition> Parameters { get; }

    protected abstract CardinalIndicator Indicator { get; }

    protected abstract CardinalSettings Configure(CardinalSettings settings, IndicatorParameters parameters);

    /// <summary>The tenders (of <paramref name="tenders"/>) where the flagged organisation's behaviour shows.</summary>
    protected abstract IQueryable<Tender> Affected(IQueryable<Tender> tenders, CardinalGroup group, int[] partyIds, int[] enterpriseIds);

    /// <summary>Evidence and a sentence for one organisation's result.</summary>
    protected abstract (Dictionary<string, object?> Evidence, string Explanation) Describe(CardinalGroup group, string key, string name, double value, CardinalDbResult result, IndicatorParameters parameters);

    /// <summary>Fences over every organisation's processes: refreshed by the full scan only.</summary>
    public bool FullScanOnly => true;

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Fences are over the whole population, so the population is judged even on a targeted rescan.
        var population = await CardinalDbEngine.PopulationAsync(run, this, cancellationToken);
        var result = await CardinalDbEngine.RunAsync(run, population, CardinalDbEngine.Settings(s => Configure(s, run.Parameters)), cancellationToken);
        var judged = run.Db.Tenders.InScope(run.Scope).Where(t => t.Status != TenderStatus.Cancelled);
        var seen = new HashSet<(int, string)>();

        foreach (var group in new[] { CardinalGroup.Buyer, CardinalGroup.ProcuringEntity, CardinalGroup.Tenderer })
        {
            foreach (var (item, value) in result.Items(group, Indicator).ToList())
            {
                var key = item.Id;
                var parties = await run.Db.Parties.AsNoTracking().Where(p => p.IdentifierScheme + "-" + p.IdentifierId == key)
                    .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
                var enterprises = group == CardinalGroup.Tenderer ? []
                    : await run.Db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Enterprise && "UA-EDR-" + o.Edrpou == key)
                        .Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
                var partyIds = parties.Select(p => p.Id).ToArray();
                var enterpriseIds = enterprises.Select(e => e.Id).ToArray();
                var name = enterprises.Select(e => e.Name).Concat(parties.Select(p => p.Name)).FirstOrDefault() ?? key;
                var (evidence, explanation) = Describe(group, key, name, value, result, run.Parameters);

                var tenders = await Affected(judged, group, partyIds, enterpriseIds)
                    .OrderBy(t => t.Id)
                    .Select(t => new { t.Id, t.EnterpriseId, Date = t.TenderPeriodStart ?? t.CreatedAt, t.Ocid })
                    .ToListAsync(cancellationToken);
                foreach (var t in tenders)
                {
                    if (!seen.Add((t.Id, key))) continue; // a buyer that is also the procuring entity: one flag
                    var perTender = new Dictionary<string, object?>(evidence) { ["ocid"] = string.IsNullOrEmpty(t.Ocid) ? OcdsTenderExporter.LocalOcidPrefix + t.Id : t.Ocid };
                    yield return new Finding(t.Id, key, t.EnterpriseId, t.Date, partyIds, perTender, explanation);
                }
            }
        }
    }

    protected static double? Fence(CardinalDbResult result, CardinalIndicator indicator, string key, decimal threshold) =>
        threshold > 0 ? (double)threshold : result.Meta(indicator, key);

    protected static object? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null;

    protected static string Percent(double? value) => value is { } v && double.IsFinite(v) ? (v * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
}

internal sealed class CardinalR025 : CardinalPartyIndicator
{
    public override string Code => "R025";
    public override string Title => "Excessive unsuccessful bids";
    public override string Description => "A tenderer among the most active bids often but rarely wins: its win ratio is at or below the lower fence (OCDS Cardinal R025).";
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("percentile", ParameterKind.Percent, 75m, "Only tenderers with at least as many processes as this percentile of all tenderers are judged."),
        new("threshold", ParameterKind.Ratio, 0m, "A fixed win-ratio limit; 0 uses Tukey's lower fence, as Cardinal does.", 1m),
    ];
    protected override CardinalIndicator Indicator => CardinalIndicator.R025;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) =>
        s with { R025 = new R025Settings { Percentile = (ulong)p.Count("percentile"), Threshold = p["threshold"] > 0 ? (double)p["threshold"] : null } };

    // The processes it lost: a valid bid of its own, and an active award to someone else.
    protected override IQueryable<Tender> Affected(IQueryable<Tender> tenders, CardinalGroup group, int[] partyIds, int[] enterpriseIds) =>
        tenders.Where(t => t.Bids.Any(b => b.Status == BidStatus.Valid && partyIds.Contains(b.TendererPartyId))
                           && t.Awards.Any(a => a.Status == AwardStatus.Active)
                           && !t.Awards.Any(a => a.Status == AwardStatus.Active && partyIds.Contains(a.SupplierPartyId)));

    protected override (Dictionary<string, object?>, string) Describe(CardinalGroup group, string key, string name, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var fence = Fence(result, CardinalIndicator.R025, "lower_fence", p["threshold"]);
        var evidence = new Dictionary<string, object?>
        {
            ["organisation"] = key, ["name"] = name, ["role"] = "tenderer", ["winRatio"] = Round(value),
            ["lowerFence"] = Round(fence), ["minimumProcesses"] = Round(result.Meta(CardinalIndicator.R025, "upper_fence")),
        };
        return (evidence, $"{name} is among the most active tenderers but won only {Percent(value)} of its processes (limit {Percent(fence)}); it lost this one.");
    }
}

internal sealed class CardinalR038 : CardinalPartyIndicator
{
    public override string Code => "R038";
    public override string Title => "Excessive disqualified bids";
    public override string Description => "A buyer, procuring entity or tenderer has an unusually high share of disqualified bids: at or above the upper fence (OCDS Cardinal R038).";
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("threshold", ParameterKind.Ratio, 0m, "A fixed share of disqualified bids; 0 uses Tukey's upper fence, as Cardinal does.", 1m),
        new("minimumSubmittedBids", ParameterKind.Count, 2m, "Tenderers with fewer submitted bids are not judged."),
        new("minimumContractingProcesses", ParameterKind.Count, 2m, "Buyers and procuring entities with fewer submitted bids are not judged (Cardinal compares bids with it)."),
    ];
    protected override CardinalIndicator Indicator => CardinalIndicator.R038;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with
    {
        R038 = new R038Settings
        {
            Threshold = p["threshold"] > 0 ? (double)p["threshold"] : null,
            MinimumSubmittedBids = (ulong)p.Count("minimumSubmittedBids"),
            MinimumContractingProcesses = (ulong)p.Count("minimumContractingProcesses"),
        },
    };

    // The processes where it shows: a buyer's or procuring entity's tenders with a disqualified bid; a tenderer's disqualified bids.
    protected override IQueryable<Tender> Affected(IQueryable<Tender> tenders, CardinalGroup group, int[] partyIds, int[] enterpriseIds) => group switch
    {
        CardinalGroup.Tenderer => tenders.Where(t => t.Bids.Any(b => b.Status == BidStatus.Disqualified && partyIds.Contains(b.TendererPartyId))),
        CardinalGroup.Buyer => tenders.Where(t => t.Bids.Any(b => b.Status == BidStatus.Disqualified)
                                                  && ((t.EnterpriseId != null && enterpriseIds.Contains(t.EnterpriseId.Value))
                                                      || (t.EnterpriseId == null && t.BuyerPartyId != null && partyIds.Contains(t.BuyerPartyId.Value)))),
        _ => tenders.Where(t => t.Bids.Any(b => b.Status == BidStatus.Disqualified)
                                && ((t.ProcuringEntityPartyId != null && partyIds.Contains(t.ProcuringEntityPartyId.Value))
                                    || (t.ProcuringEntityPartyId == null && ((t.EnterpriseId != null && enterpriseIds.Contains(t.EnterpriseId.Value))
                                                                             || (t.EnterpriseId == null && t.BuyerPartyId != null && partyIds.Contains(t.BuyerPartyId.Value)))))),
            
    };

    protected override (Dictionary<string, object?>, string) Describe(CardinalGroup group, string key, string name, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var fence = Fence(result, CardinalIndicator.R038, $"{group}_upper_fence", p["threshold"]);
        var role = group switch { CardinalGroup.Buyer => "buyer", CardinalGroup.ProcuringEntity => "procuringEntity", _ => "tenderer" };
        var evidence = new Dictionary<string, object?>
        {
            ["organisation"] = key, ["name"] = name, ["role"] = role, ["disqualifiedShare"] = Round(value), ["upperFence"] = Round(fence),
        };
        var whose = group == CardinalGroup.Tenderer ? "of its bids were" : "of the bids it received were";
        return (evidence, $"{Percent(value)} {whose} disqualified across its tenders ({name}, limit {Percent(fence)}); this tender has a disqualified bid.");
    }
}

internal sealed class CardinalR048 : CardinalPartyIndicator
{
    public override string Code => "R048";
    public override string Title => "Heterogeneous supplier";
    public override string Description => "A supplier wins awards across an unusually wide range of CPV divisions: at or above the upper fence (OCDS Cardinal R048).";
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("digits", ParameterKind.Count, 2m, "How many leading characters of the CPV code make one kind of goods or services.", 8m),
        new("threshold", ParameterKind.Count, 0m, "A fixed number of kinds; 0 uses Tukey's upper fence, as Cardinal does."),
        new("minimumContractingProcesses", ParameterKind.Count, 20m, "Suppliers with fewer awarded processes are not judged."),
    ];
    protected override CardinalIndicator Indicator => CardinalIndicator.R048;

    protected override CardinalSettings Configure(CardinalSettings s, IndicatorParameters p) => s with
    {
        R048 = new R048Settings
        {
            Digits = (ulong)Math.Max(1, p.Count("digits")),
            Threshold = p.Count("threshold") > 0 ? (ulong)p.Count("threshold") : null,
            MinimumContractingProcesses = (ulong)p.Count("minimumContractingProcesses"),
        },
    };

    protected override IQueryable<Tender> Affected(IQueryable<Tender> tenders, CardinalGroup group, int[] partyIds, int[] enterpriseIds) =>
        tenders.Where(t => t.Awards.Any(a => a.Status == AwardStatus.Active && partyIds.Contains(a.SupplierPartyId)));

    protected override (Dictionary<string, object?>, string) Describe(CardinalGroup group, string key, string name, double value, CardinalDbResult result, IndicatorParameters p)
    {
        var fence = Fence(result, CardinalIndicator.R048, "upper_fence", p["threshold"]);
        var evidence = new Dictionary<string, object?>
        {
            ["organisation"] = key, ["name"] = name, ["role"] = "supplier", ["classificationPrefixes"] = (long)value,
            ["digits"] = p.Count("digits"), ["upperFence"] = Round(fence),
        };
        return (evidence, $"{name} won awards in {(long)value} different CPV divisions (limit {Round(fence)}); this tender is one of its awards.");
    }
}
