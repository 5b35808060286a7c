using System.Globalization;
using System.Text.Json;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// A red-flag indicator: pure and deterministic over the data it reads. It evaluates either every procedure of its
/// kind (a full scan, with set-based streaming queries) or a few procedures (a rescan after a change).
/// </summary>
public interface IIndicator
{
    /// <summary>The code of DOMAIN.md, e.g. P-SPLIT.</summary>
    string Code { get; }
    string Title { get; }
    ProcedureKind ProcedureKind { get; }
    /// <summary>Bumped whenever the logic changes; a flag records the version that raised it.</summary>
    int Version { get; }
    /// <summary>What fires the indicator, in one sentence.</summary>
    string Description { get; }
    IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>
    /// True for indicators judged against the whole population (Cardinal's Tukey fences): one change would mean
    /// re-reading every procedure, so they are refreshed by the full scan only, never by a one-procedure rescan.
    /// </summary>
    bool FullScanOnly => false;

    /// <summary>
    /// The findings within <see cref="IndicatorRun.Scope"/>. A targeted run that reads a whole group (e.g. all
    /// purchases of a buyer and supplier) must mark every procedure it judged with <see cref="IndicatorRun.Cover"/>.
    /// </summary>
    IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, CancellationToken cancellationToken);
}

public enum ParameterKind { Percent, Amount, Count, Ratio }

/// <summary>A tunable parameter; amounts are in major units (UAH), percentages 0..100, nothing negative.</summary>
public sealed record ParameterDefinition(string Name, ParameterKind Kind, decimal Default, string Description, decimal? Max = null)
{
    public decimal Min => 0m;
    public decimal? EffectiveMax => Kind == ParameterKind.Percent ? 100m : Max;

    /// <summary>The error for an out-of-range value, or null when it is fine.</summary>
    public string? Check(decimal value)
    {
        if (value < Min) return $"{Name} must not be negative.";
        if (EffectiveMax is { } max && value > max) return $"{Name} must be at most {max.ToString(CultureInfo.InvariantCulture)}.";
        if (Kind == ParameterKind.Count && value != decimal.Truncate(value)) return $"{Name} must be a whole number.";
        if (Kind == ParameterKind.Amount && value * Money.MinorPerMajor != decimal.Truncate(value * Money.MinorPerMajor))
            return $"{Name} has at most two decimal places.";
        return null;
    }
}

/// <summary>The parameter values one evaluation runs with (defaults overridden by a conglomerate's settings).</summary>
public sealed class IndicatorParameters
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly SortedDictionary<string, decimal> values;

    public IndicatorParameters(IIndicator indicator, IReadOnlyDictionary<string, decimal>? overrides = null)
    {
        values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in indicator.Parameters)
            values[p.Name] = overrides is not null && overrides.TryGetValue(p.Name, out var v) ? v : p.Default;
        serialized = JsonSerializer.Serialize(values, Json);
    }

    private readonly string serialized;

    public IReadOnlyDictionary<string, decimal> Values => values;
    public decimal this[string name] => values[name];
    public int Count(string name) => (int)values[name];
    /// <summary>An amount parameter in minor units.</summary>
    public long Minor(string name) => Money.ToMinor(values[name]);
    /// <summary>A percentage as basis points, so comparisons stay in exact integer arithmetic.</summary>
    public long BasisPoints(string name) => (long)decimal.Round(values[name] * 100m);
    public string ToJson() => serialized;

    public static IReadOnlyDictionary<string, decimal> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [];
}

/// <summary>
/// What an evaluation covers: every procedure (optionally only or except some enterprises, whose conglomerates
/// have their own settings), or just some procedures.
/// </summary>
public sealed record ScanScope(IReadOnlyCollection<int>? ProcedureIds, IReadOnlyCollection<int>? OnlyEnterprises = null, IReadOnlyCollection<int>? ExceptEnterprises = null)
{
    public static ScanScope Everything { get; } = new((IReadOnlyCollection<int>?)null);
    public bool IsFull => ProcedureIds is null;

    public bool Admits(int? enterpriseId) =>
        (OnlyEnterprises is null || (enterpriseId is { } e && OnlyEnterprises.Contains(e)))
        && (ExceptEnterprises is null || enterpriseId is null || !ExceptEnterprises.Contains(enterpriseId.Value));
}

/// <summary>One evaluation of one indicator: the read-only context, the scope, the parameters and what it covered.</summary>
public sealed class IndicatorRun(AuditDbContext db, ScanScope scope, IndicatorParameters parameters)
{
    public AuditDbContext Db { get; } = db;
    public ScanScope Scope { get; } = scope;
    public IndicatorParameters Parameters { get; } = parameters;
    /// <summary>Exports shared by the Cardinal indicators of one scan; without it each exports its tenders itself.</summary>
    public Cardinal.CardinalExports? CardinalExports { get; init; }
    public HashSet<int> CoveredProcedures { get; } = [];
    /// <summary>Subject keys of enterprise-level flags (procedure id 0) a targeted run judged.</summary>
    public HashSet<string> CoveredEnterpriseSubjects { get; } = [];

    public void Cover(int procedureId) => CoveredProcedures.Add(procedureId);
    public void CoverEnterpriseSubject(string subjectKey) => CoveredEnterpriseSubjects.Add(subjectKey);
}

/// <summary>One place where an indicator fired, with the values that fired it and a sentence a monitor can read.</summary>
public sealed record Finding(
    int ProcedureId,
    string SubjectKey,
    int? EnterpriseId,
    DateTime? ProcedureDate,
    IReadOnlyCollection<int> PartyIds,
    IReadOnlyDictionary<string, object?> Evidence,
    string Explanation);

internal static class Fmt
{
    public static string Uah(long minor) => Money.FromMinor(minor).ToString("#,0.00", CultureInfo.InvariantCulture) + " UAH";
    public static decimal Major(long minor) => Money.FromMinor(minor);
    public static string Num(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    public static string Pct(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
