namespace ProcurementAudit.Core.Domain;

public enum ProcedureKind { Tender, Auction, Competition }

public enum FlagStatus { Open, Confirmed, Dismissed, Cleared }

/// <summary>
/// A red flag: "look here", never a verdict. Raised by an indicator with its evidence; reviewed by an auditor;
/// cleared (never deleted) when its condition no longer holds.
/// </summary>
public class Flag
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public int IndicatorVersion { get; set; }
    public ProcedureKind ProcedureKind { get; set; }
    /// <summary>The procedure the flag is about; 0 for an enterprise-level flag (e.g. P-LOWCOMPETITION over a year).</summary>
    public int ProcedureId { get; set; }
    public int? EnterpriseId { get; set; }
    /// <summary>When the procedure took place (tender period start, else creation); period filters and scores use it.</summary>
    public DateTime? ProcedureDate { get; set; }
    /// <summary>What within the procedure the flag is about (e.g. a party key or lot); empty for the whole procedure.</summary>
    public string SubjectKey { get; set; } = "";
    /// <summary>The parameters the indicator ran with, as JSON.</summary>
    public required string ParametersJson { get; set; }
    /// <summary>The values that fired the flag, as JSON.</summary>
    public required string EvidenceJson { get; set; }
    /// <summary>One sentence a monitor can read.</summary>
    public required string Explanation { get; set; }
    /// <summary>Ids of the parties involved, comma separated.</summary>
    public string? PartyIds { get; set; }
    public FlagStatus Status { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? ClearedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewReason { get; set; }
    public int Version { get; set; }
    public List<FlagEvent> History { get; set; } = [];
}

public enum FlagEventKind { Raised, EvidenceUpdated, Cleared, Reopened, Confirmed, Dismissed, Commented }

public class FlagEvent
{
    public long Id { get; set; }
    public long FlagId { get; set; }
    public FlagEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public string? Text { get; set; }
}

/// <summary>One version of an indicator's parameters for a conglomerate; every change is a new row.</summary>
public class IndicatorSettings
{
    public int Id { get; set; }
    public int ConglomerateId { get; set; }
    public required string Code { get; set; }
    public int SettingsVersion { get; set; }
    public required string ParametersJson { get; set; }
    public DateTime ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
}
