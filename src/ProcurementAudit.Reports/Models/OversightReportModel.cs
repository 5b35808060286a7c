namespace ProcurementAudit.Reports.Models;

public enum OversightScopeKind { Conglomerate, Enterprise }

/// <summary>The oversight report for a scope (a conglomerate or one enterprise) and a period.</summary>
public sealed record OversightReportModel
{
    public required string ScopeName { get; init; }
    public OversightScopeKind ScopeKind { get; init; }
    public required ReportPeriod Period { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>The moment the data reflects (e.g. the last import or scan), stated beside the generation time.</summary>
    public required DateTimeOffset DataAsOf { get; init; }
    /// <summary>Who asked for the report, as it may be shown (role and name or id).</summary>
    public string? RequestedBy { get; init; }

    public IReadOnlyList<LabeledValue> Headlines { get; init; } = [];
    public IReadOnlyList<FlagCodeSummary> FlagsByCode { get; init; } = [];
    /// <summary>Optional trend: flags raised per month, by procedure kind.</summary>
    public IReadOnlyList<MonthlyFlagCount> FlagsByMonth { get; init; } = [];
    public IReadOnlyList<FlaggedProcedureRow> FlaggedProcedures { get; init; } = [];
    public IReadOnlyList<FlagEvidence> Evidence { get; init; } = [];
    public IReadOnlyList<OpinionEntry> Opinions { get; init; } = [];
    public IReadOnlyList<Recommendation> Recommendations { get; init; } = [];
    public string MethodAndSources { get; init; } = "";
    public IReadOnlyList<Annex> Annexes { get; init; } = [];
}

/// <summary>Counts for one indicator code over the report's scope and period.</summary>
public sealed record FlagCodeSummary(string Code, string Description, int Total, int Open, int Confirmed, int Dismissed);

public sealed record MonthlyFlagCount(string Month, int Tenders, int Auctions, int Competitions);

/// <summary>A procedure with at least one flag in the period.</summary>
public sealed record FlaggedProcedureRow(
    string ProcedureId,
    string Enterprise,
    string Kind,
    string Stage,
    IReadOnlyList<string> FlagCodes,
    MoneyAmount? Value,
    string ReviewStatus);

public sealed record Recommendation(string Text, string FollowUpStatus, string? Owner = null, DateOnly? Due = null);
