namespace ProcurementAudit.Core.Domain;

public enum ImportJobStatus { Queued, Running, Succeeded, Failed }

/// <summary>A background OCDS import of an uploaded file; its summary is kept as JSON once it ends.</summary>
public class ImportJob
{
    public int Id { get; set; }
    public ImportJobStatus Status { get; set; }
    public required string FileName { get; set; }
    /// <summary>The uploaded copy in the data folder; deleted when the job ends.</summary>
    public required string StoredPath { get; set; }
    public long SizeBytes { get; set; }
    public long BytesRead { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? SummaryJson { get; set; }
    public string? Error { get; set; }
}
