namespace ProcurementAudit.Reports.Models;

/// <summary>The observer report for a director competition: who observed, who attended, what they said, what was answered.</summary>
public sealed record ObserverReportModel
{
    public required string CompetitionId { get; init; }
    public required string Enterprise { get; init; }
    public required string Post { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required DateTimeOffset DataAsOf { get; init; }
    public string? RequestedBy { get; init; }

    /// <summary>Key facts: application window, criteria version, candidates, decision, appointing body's choice...</summary>
    public IReadOnlyList<LabeledValue> Facts { get; init; } = [];
    public IReadOnlyList<ObserverRow> Observers { get; init; } = [];
    public IReadOnlyList<AttendanceRow> Attendance { get; init; } = [];
    public IReadOnlyList<OpinionEntry> Opinions { get; init; } = [];
    public IReadOnlyList<FlagEvidence> Flags { get; init; } = [];
}

public sealed record ObserverRow(string Organisation, string Kind, string? Representative, string Accreditation);

/// <summary>One observer at one session (commission meeting, interview, scoring).</summary>
public sealed record AttendanceRow(string Session, DateOnly Date, string Observer, bool Present, string? Note = null);
