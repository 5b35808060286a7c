namespace ProcurementAudit.Core.Domain;

public enum AccessKind
{
    /// <summary>A procurement officer of the enterprise: reads and edits its procedures.</summary>
    OfficerOfEnterprise,
    /// <summary>A monitor accredited for the whole enterprise: reads its procedures, comments, files observations.</summary>
    MonitorOfEnterprise,
    /// <summary>A monitor (observer) accredited for one competition.</summary>
    MonitorOfCompetition,
}

/// <summary>
/// What one user (by the identity provider's object id) may reach. Roles come from the token; this is the scope.
/// </summary>
public class UserAccess
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AccessKind Kind { get; set; }
    /// <summary>The enterprise or the competition, by kind.</summary>
    public int TargetId { get; set; }
    public DateTime GrantedAt { get; set; }
    public required string GrantedBy { get; set; }
}

/// <summary>
/// One entry of the tamper-evident audit trail: each holds the hash of the previous entry, so a changed or
/// removed row breaks the chain at that point.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>1, 2, 3...; unique, so two writers cannot both extend the chain from the same entry.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    /// <summary>The use case that made the change, e.g. "RecordBid.Command".</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>Added, Modified or Deleted.</summary>
    public required string Change { get; set; }
    /// <summary>Changed fields as JSON: {"Field": {"before": .., "after": ..}}; personal data is redacted.</summary>
    public required string ChangesJson { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
