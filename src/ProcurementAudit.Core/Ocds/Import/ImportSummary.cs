namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>Why one document (or line) was not imported; <see cref="Line"/> is 1-based in the input.</summary>
public sealed record SkippedDocument(long Line, string? Ocid, string Reason);

/// <summary>The outcome of one import run.</summary>
public sealed class ImportSummary
{
    /// <summary>Releases and records read (a package counts each entry).</summary>
    public int Read { get; set; }
    /// <summary>Tenders created.</summary>
    public int Imported { get; set; }
    /// <summary>Tenders that existed (same ocid) and were replaced by the newer data.</summary>
    public int Updated { get; set; }
    public List<SkippedDocument> Skipped { get; set; } = [];
    public long BytesRead { get; set; }
    public TimeSpan Elapsed { get; set; }
    /// <summary>The ids of the tenders written, only when asked for (see <see cref="OcdsImportOptions.CollectTenderIds"/>).</summary>
    public List<int>? TenderIds { get; set; }

    /// <summary>Skipped entries beyond this many are counted but not listed, so a broken feed cannot exhaust memory.</summary>
    public const int MaxListedSkips = 1000;
    public int SkippedCount { get; set; }

    internal void Skip(long line, string? ocid, string reason)
    {
        SkippedCount++;
        if (Skipped.Count < MaxListedSkips) Skipped.Add(new SkippedDocument(line, ocid, reason));
    }
}

/// <summary>Progress of a running import: bytes of the input consumed and the counts so far.</summary>
/// <summary>Where an import is; <paramref name="BuildingIndexes"/> when everything is written and the indexes set aside are being built.</summary>
public readonly record struct ImportProgress(long BytesRead, int Read, int Imported, int Updated, int Skipped, bool BuildingIndexes = false);

public sealed class OcdsImportOptions
{
    /// <summary>
    /// Tenders written together (one SaveChanges, or one set of multi-row inserts on SQLite); a failing batch is retried
    /// one tender at a time. Smaller batches keep fewer tenders in memory at once; much smaller ones pay more per statement.
    /// </summary>
    public int BatchSize { get; set; } = 1000;
    /// <summary>
    /// Publish <c>ProcedureChanged</c> for every imported tender. Off by default: bulk imports let the risk engine
    /// run one scan afterwards instead of one rescan per tender.
    /// </summary>
    public bool PublishChanges { get; set; }
    /// <summary>A top-level JSON value larger than this is read as a streamed package (entry by entry).</summary>
    public int WholeDocumentLimitBytes { get; set; } = 4 * 1024 * 1024;
    public bool CollectTenderIds { get; set; }
    /// <summary>
    /// On SQLite, write rows through prepared commands instead of EF change tracking (same model, same
    /// transactions; about two orders of magnitude faster). Other providers always use EF Core.
    /// </summary>
    public bool BulkSqlite { get; set; } = true;
    /// <summary>
    /// On SQLite (bulk writer, no per-tender notifications) batches share one transaction, committed once this many
    /// tenders are in it: fewer commits write far fewer pages. Once the indexes are set aside (see
    /// <see cref="DeferIndexesAfter"/>) each batch is committed instead. The tenders since the last commit are held in
    /// memory, because a failing batch rolls the transaction back and they are written again. Readers see the tenders
    /// at the commit; a failed or cancelled import keeps what was committed.
    /// </summary>
    public int TendersPerCommit { get; set; } = 10_000;
    /// <summary>
    /// On SQLite, when an import will write at least this many tenders and most of them are still to come (estimated
    /// from the share of the input read; for an input of unknown size, once this many and more than the database held
    /// are written), the secondary indexes of the tender tables whose keys arrive in random order are set aside and
    /// built again when it ends (0: never).
    /// </summary>
    public int DeferIndexesAfter { get; set; } = 100_000;
    /// <summary>Actor stamped as creator of new tenders.</summary>
    public string Actor { get; set; } = "system:import";
}
