namespace ProcurementAudit.Core.Domain;

public enum ReportKind { Oversight, Dossier, Observer }

/// <summary>What a report is about: a conglomerate or an enterprise (oversight), one procedure (dossier, observer).</summary>
public enum ReportScopeKind { Conglomerate, Enterprise, Tender, Auction, Competition }

public enum ReportStatus { Queued, Running, Done, Failed }

/// <summary>
/// A requested PDF report. The job renders it as the requester (their id and roles are kept here, their grants are
/// read again when it runs), stores the bytes and their SHA-256, so a downloaded copy can be verified later.
/// </summary>
public class Report
{
    public Guid Id { get; set; }
    public ReportKind Kind { get; set; }
    public ReportScopeKind ScopeKind { get; set; }
    public int ScopeId { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public required string RequestedBy { get; set; }
    /// <summary>The requester's roles when they asked, comma separated.</summary>
    public required string RequesterRoles { get; set; }
    public ReportStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? FileName { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public string? Sha256 { get; set; }
    public long? SizeBytes { get; set; }
    public byte[]? Pdf { get; set; }
}
