using System.Diagnostics;
using System.Threading.Channels;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Imports OCDS in any packaging (release or record packages, records, releases, JSONL, gzip, concatenated
/// documents) into tenders, upserting by ocid. Reading and mapping run on one thread and writing on another, so
/// both cores work; memory stays flat because documents flow through a bounded channel one at a time.
/// </summary>
public sealed class OcdsImporter(AuditDbContext db, TimeProvider clock, IMediator mediator, ILogger<OcdsImporter> logger)
{
    private abstract record Message;
    private sealed record TenderMessage(OcdsTender Tender) : Message;
    private sealed record SkipMessage(long Line, string? Ocid, string Reason) : Message;

    public async Task<ImportSummary> ImportAsync(Stream input, OcdsImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new OcdsImportOptions();
        var summary = new ImportSummary();
        if (options.CollectTenderIds) summary.TenderIds = [];
        var stopwatch = Stopwatch.StartNew();
        var counting = new CountingStream(input);
        // Messages travel in chunks: one hand-over per tender woke the writer a hundred thousand times, and each wake-up
        // spun a core the reader needed. The channel holds a writer's batch and a bit, so the reader keeps reading while
        // a batch is written; not more, because every tender in flight at a collection is copied into an older generation.
        var chunkSize = Math.Clamp(options.BatchSize, 1, 256);
        var chunks = Math.Max(2, (options.BatchSize + chunkSize - 1) / chunkSize + 1);
        var channel = Channel.CreateBounded<List<Message>>(new BoundedChannelOptions(chunks) { SingleReader = true, SingleWriter = true });
        var read = 0;
        var allRead = false;
        long? inputLength = input.CanSeek ? input.Length - input.Position : null;

        // A dedicated thread: it blocks while the channel is full, which must not starve the thread pool.
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                using var text = OcdsInput.Open(counting);
                var chunk = new List<Message>(chunkSize);
                var processor = new OcdsUnitProcessor(
                    tender => Send(new TenderMessage(tender)),
                    (line, ocid, reason) => Send(new SkipMessage(line, ocid, reason)),
                    () => Interlocked.Increment(ref read));
                foreach (var unit in new OcdsDocumentReader(text, options.WholeDocumentLimitBytes, processor.TryProcessRelease).Read())
                {
                    ct.ThrowIfCancellationRequested();
                    processor.Process(unit);
                }
                processor.Complete();
                Volatile.Write(ref allRead, true);
                if (chunk.Count > 0) Write(channel.Writer, chunk, ct);
                channel.Writer.Complete();

                void Send(Message message)
                {
                    ct.ThrowIfCancellationRequested();
                    chunk.Add(message);
                    if (chunk.Count < chunkSize) return;
                    Write(channel.Writer, chunk, ct);
                    chunk = new List<Message>(chunkSize);
                }
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // One connection for the whole run, tuned for bulk writes on SQLite: WAL (readers keep reading while the import
        // writes, and a transaction does not fsync a rollback journal whenever its page cache spills), NORMAL sync
        // (durable at checkpoints; safe with WAL) and a page cache that holds the indexes taking rows at random places
        // (bids and awards by party): with less, a million tenders spend most of their time re-reading evicted pages.
        // The cache is bounded, so memory stays flat. Checkpoints come every 64 MiB of WAL instead of every 4 MiB: each
        // copies the pages since the last one into the database, and a page several commits touched is copied once.
        // Both go back to the defaults when the run ends.
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=16384;", ct);
        // Indexes a crashed import set aside come back before anything else is written.
        if (sqlite) await DeferredIndexes.RestoreAsync(db.Database.GetDbConnection(), ct);
        // The bulk writer sets every foreign key itself, from ids it wrote or read in the same write transaction, and
        // nothing in the service deletes parties, organisations or tenders. With enforcement on, SQLite journals each
        // multi-row statement so it could undo it on a violation: that journal cost more than the inserts.
        var foreignKeysOff = sqlite && options.BulkSqlite && await ForeignKeysOnAsync();
        if (foreignKeysOff) await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=OFF;", ct);

        var writer = new TenderBatchWriter(db, clock, options, summary, ExpectedTenders);
        var batch = new List<OcdsTender>(options.BatchSize);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(ct))
                foreach (var message in chunk)
                {
                    if (message is SkipMessage skip)
                    {
                        summary.Skip(skip.Line, skip.Ocid, skip.Reason);
                        continue;
                    }
                    var tender = ((TenderMessage)message).Tender;
                    // The same ocid twice in one batch: the first is written before the second updates it.
                    if (inBatch.Contains(tender.Ocid)) await FlushAsync();
                    batch.Add(tender);
                    inBatch.Add(tender.Ocid);
                    if (batch.Count >= options.BatchSize) await FlushAsync();
                }
            await FlushAsync();
            await writer.CommitAsync(ct);
        }
        catch (InvalidDataException e)
        {
            // A corrupt gzip stream: what came before it is kept, the rest cannot be read.
            await FlushAsync();
            await writer.CommitAsync(ct);
            summary.Skip(0, null, $"The input could not be decompressed: {e.Message}");
        }
        finally
        {
            writer.Dispose(); // its native statements (and an uncommitted transaction) go before the connection
            if (writer.IndexesDeferred) progress?.Report(Progress() with { BuildingIndexes = true });
            if (sqlite) await RestoreIndexesAsync();
            if (sqlite) await RestorePragmasAsync();
            await db.Database.CloseConnectionAsync();
            await producer.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        summary.Read = read;
        summary.BytesRead = counting.BytesRead;
        summary.Elapsed = stopwatch.Elapsed;
        progress?.Report(Progress());
        logger.LogInformation("OCDS import: {Read} read, {Imported} imported, {Updated} updated, {Skipped} skipped in {Elapsed}",
            summary.Read, summary.Imported, summary.Updated, summary.SkippedCount, summary.Elapsed);
        return summary;

        // Whatever the outcome: what was committed is there and must be indexed. If building fails, the definitions stay
        // recorded and the next start-up or import builds them.
        async Task RestoreIndexesAsync()
        {
            try
            {
                var built = await DeferredIndexes.RestoreAsync(db.Database.GetDbConnection(), CancellationToken.None);
                if (built > 0) logger.LogInformation("OCDS import: {Count} indexes set aside during the import were built again", built);
            }
            catch (System.Data.Common.DbException e)
            {
                logger.LogError(e, "OCDS import: indexes set aside during the import could not be built; they will be at the next start");
            }
        }

        async Task<bool> ForeignKeysOnAsync()
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA foreign_keys";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }

        // The pooled connection outlives the run: it should not keep a bulk-import page cache, nor go on without foreign keys.
        async Task RestorePragmasAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint=1000;", CancellationToken.None);
                if (foreignKeysOff) await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=ON;", CancellationToken.None);
            }
            catch (System.Data.Common.DbException)
            {
                // A broken connection is discarded anyway; the import's own outcome matters more.
            }
        }

        // Releases in the whole input: counted once all is read, until then projected from the share of bytes read.
        long? ExpectedTenders()
        {
            var (releases, bytes) = (Volatile.Read(ref read), counting.BytesRead);
            if (Volatile.Read(ref allRead)) return releases;
            return inputLength is > 0 && bytes > 0 ? (long)((double)releases * inputLength.Value / bytes) : null;
        }

        ImportProgress Progress() => new(counting.BytesRead, Volatile.Read(ref read), summary.Imported, summary.Updated, summary.SkippedCount);

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            await writer.WriteAsync(batch, ct);
            foreach (var (id, created) in writer.Written)
            {
                if (created) summary.Imported++;
                else summary.Updated++;
                summary.TenderIds?.Add(id);
                if (options.PublishChanges) await mediator.Publish(new ProcedureChanged(ProcedureKind.Tender, id), ct);
            }
            batch.Clear();
            inBatch.Clear();
            progress?.Report(Progress());
        }
    }

    private static void Write(ChannelWriter<List<Message>> writer, List<Message> chunk, CancellationToken ct)
    {
        while (!writer.TryWrite(chunk))
            if (!writer.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult()) return;
    }
}
