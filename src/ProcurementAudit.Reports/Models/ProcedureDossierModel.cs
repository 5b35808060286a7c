namespace ProcurementAudit.Reports.Models;

public enum DossierProcedureKind { Tender, Auction, Competition }

/// <summary>One procedure end to end: facts, timeline, bids or scores, flags, observations and an audit-trail extract.</summary>
public sealed record ProcedureDossierModel
{
    public required string ProcedureId { get; init; }
    public required DossierProcedureKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Enterprise { get; init; }
    public required string Stage { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required DateTimeOffset DataAsOf { get; init; }
    public string? RequestedBy { get; init; }

    /// <summary>Key facts in reading order (method, estimated value, CPV, asset, post...).</summary>
    public IReadOnlyList<LabeledValue> Facts { get; init; } = [];
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];
    /// <summary>Bids of a tender or an auction (sealed amounts are left null by the query until the deadline).</summary>
    public IReadOnlyList<BidRow> Bids { get; init; } = [];
    /// <summary>Scores of a competition.</summary>
    public ScoreSheet? Scores { get; init; }
    public IReadOnlyList<FlagEvidence> Flags { get; init; } = [];
    public IReadOnlyList<OpinionEntry> Observations { get; init; } = [];
    public IReadOnlyList<AuditTrailEntry> AuditTrail { get; init; } = [];
}

public sealed record TimelineEntry(DateTimeOffset At, string Event, string? Detail = null);

public sealed record BidRow(string Bidder, MoneyAmount? Amount, DateTimeOffset? SubmittedAt, string Status, string? Note = null);

/// <summary>Scores per candidate and criterion (already aggregated over the commission, or per member).</summary>
public sealed record ScoreSheet(IReadOnlyList<string> Criteria, IReadOnlyList<ScoreRow> Rows);

public sealed record ScoreRow(string Candidate, IReadOnlyList<decimal?> Scores, decimal? Total, int? Rank, string? Note = null);

public sealed record AuditTrailEntry(DateTimeOffset At, string Actor, string Action, string? Detail = null);
