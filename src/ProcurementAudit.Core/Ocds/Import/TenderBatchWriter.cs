using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using SQLitePCL;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Upserts mapped tenders by ocid in batches, one transaction per batch, parties looked up once per run through a
/// cache. An existing tender keeps its id (flags point at it) and gets its children replaced. A batch that fails
/// is rolled back and retried tender by tender, so one bad tender is skipped with its reason and none is ever
/// half-written. On SQLite rows go through prepared commands built from the EF model (<see cref="SqliteRows{T}"/>);
/// on other providers through EF Core with change detection off and the tracker cleared after each batch.
/// </summary>
internal sealed class TenderBatchWriter(AuditDbContext db, TimeProvider clock, OcdsImportOptions options, ImportSummary summary, Func<long?>? expectedTenders = null) : IDisposable
{
    private readonly Dictionary<string, int> _partyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pendingPartyIds = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _enterprises;
    private readonly bool _bulk = options.BulkSqlite && db.Database.IsSqlite();

    // Bulk SQLite: one transaction spans many batches. A commit writes every page the batch dirtied to the WAL, and
    // the indexes keyed by party take rows all over, so per-batch commits wrote the same pages again and again. Held
    // open only while nobody is told about the tenders (no ProcedureChanged per tender).
    // Batches go in without a savepoint: a savepoint makes SQLite copy every page the batch touches to a sub-journal
    // first, which cost more than the inserts. If a batch fails, the transaction is rolled back and the batches since
    // the last commit are written again, each in a savepoint this time, so the failing batch can be retried tender by
    // tender. A failure is rare (the mapper rejects what it can), so only then is the copy paid.
    private readonly bool _spanning = options.BulkSqlite && db.Database.IsSqlite() && !options.PublishChanges;
    private IDbContextTransaction? _open;
    private int _uncommitted;
    private readonly List<OcdsTender[]> _sinceCommit = [];
    private readonly List<string> _partyKeysSinceCommit = [];

    /// <summary>Tenders written by the last call, with whether each was new.</summary>
    public List<(int Id, bool Created)> Written { get; } = [];

    public async Task WriteAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        Written.Clear();
        _enterprises ??= await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Enterprise)
            .ToDictionaryAsync(o => o.Edrpou, o => o.Id, StringComparer.Ordinal, ct);
        if (!_spanning || !await TryWriteUnguardedAsync(batch, ct)) await WriteGuardedAsync(batch, ct);
        // With the random-key indexes set aside, a commit writes little beyond the appended pages, so each batch is
        // committed: fewer tenders are then held for a replay, and fewer are copied by every collection. Setting them
        // aside needs a commit first, and is decided after every batch, so a large run sets them aside after its first.
        var settingAside = WorthSettingIndexesAside();
        if (settingAside || _uncommitted >= (IndexesDeferred ? Math.Min(options.BatchSize, options.TendersPerCommit) : options.TendersPerCommit))
            await CommitAsync(ct);
        if (settingAside)
        {
            await DeferredIndexes.DeferAsync(db.Database.GetDbConnection(), ImportedTables, ct, AppendedKeys);
            IndexesDeferred = true;
        }
    }

    /// <summary>The tables an import writes, whose secondary indexes a large import sets aside.</summary>
    private static readonly string[] ImportedTables = ["Tenders", "Lots", "TenderItems", "Bids", "Awards", "Contracts", "ContractAmendments"];

    /// <summary>
    /// The keys this writer hands out in increasing order (<see cref="BulkRows"/>' next ids): indexes leading with them
    /// take each new row at their end, so they are kept up on the way in rather than set aside and built again.
    /// </summary>
    private static readonly string[] AppendedKeys = ["TenderId", "LotId", "BidId", "AwardId", "ContractId"];

    private int? _tendersAtStart;
    private int _writtenThisRun;

    /// <summary>Whether this run set the secondary indexes aside (the importer builds them at the end).</summary>
    public bool IndexesDeferred { get; private set; }

    /// <summary>
    /// Whether to set the secondary indexes aside now (<see cref="DeferredIndexes"/>) for the importer to build at the
    /// end, because that costs less than maintaining them on the way in. Building costs about as much per row as
    /// maintaining saves, so it pays once the tenders still to come outnumber those the tables hold, in a run of at
    /// least <see cref="OcdsImportOptions.DeferIndexesAfter"/>. The importer estimates the run's size from the share of the
    /// input read so far; without an estimate (an input of unknown size), only what has been written counts.
    /// </summary>
    private bool WorthSettingIndexesAside()
    {
        if (IndexesDeferred || !_spanning || options.DeferIndexesAfter <= 0) return false;
        var inTables = (long)(_tendersAtStart ?? int.MaxValue) + _writtenThisRun;
        return expectedTenders?.Invoke() is { } expected
            ? expected >= options.DeferIndexesAfter && expected - _writtenThisRun >= inTables
            : _writtenThisRun >= Math.Max(options.DeferIndexesAfter, _tendersAtStart ?? int.MaxValue);
    }

    /// <summary>
    /// Writes the batch into the open transaction without a savepoint. On a data error it rolls the transaction back,
    /// writes the batches since the last commit again (their outcome was reported already) and returns false.
    /// </summary>
    private async Task<bool> TryWriteUnguardedAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        var open = _open ??= await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var written = await SaveBulkAsync(batch, open.GetDbTransaction(), ct);
            AcceptWritten(batch);
            Written.AddRange(written);
            return true;
        }
        catch (Exception e) when (IsDataError(e))
        {
            _open = null;
            await open.RollbackAsync(CancellationToken.None);
            await open.DisposeAsync();
            foreach (var key in _partyKeysSinceCommit) _partyIds.Remove(key);
            _partyKeysSinceCommit.Clear();
            _writtenThisRun -= _uncommitted;
            _uncommitted = 0;
            var earlier = _sinceCommit.ToList();
            _sinceCommit.Clear();
            foreach (var done in earlier) await SaveInSavepointAsync(done, ct);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
            _pendingPartyIds.Clear();
        }
    }

    /// <summary>The batch is in the open transaction: its new parties are known and it is replayed if a later batch fails.</summary>
    private void AcceptWritten(IReadOnlyList<OcdsTender> batch)
    {
        foreach (var (key, id) in _pendingPartyIds)
        {
            _partyIds[key] = id;
            _partyKeysSinceCommit.Add(key);
        }
        _sinceCommit.Add([.. batch]);
        _uncommitted += batch.Count;
        _writtenThisRun += batch.Count;
    }

    /// <summary>The batch in a transaction or savepoint of its own; if it fails, tender by tender, skipping the ones that fail.</summary>
    private async Task WriteGuardedAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        try
        {
            Written.AddRange(await SaveAsync(batch, ct));
        }
        catch (Exception e) when (IsDataError(e) && batch.Count > 1)
        {
            foreach (var tender in batch)
            {
                try
                {
                    Written.AddRange(await SaveAsync([tender], ct));
                }
                catch (Exception single) when (IsDataError(single))
                {
                    summary.Skip(tender.Line, tender.Ocid, $"Could not be saved: {(single.InnerException ?? single).Message}");
                }
            }
        }
        catch (Exception e) when (IsDataError(e))
        {
            var tender = batch[0];
            summary.Skip(tender.Line, tender.Ocid, $"Could not be saved: {(e.InnerException ?? e).Message}");
        }
    }

    /// <summary>Commits what the open transaction holds (a failure here is not one tender's fault: it ends the import).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_open is not { } open) return;
        _open = null;
        _uncommitted = 0;
        _sinceCommit.Clear();
        _partyKeysSinceCommit.Clear();
        try
        {
            await open.CommitAsync(ct);
        }
        finally
        {
            await open.DisposeAsync();
        }
    }

    private static bool IsDataError(Exception e) => e is DbUpdateException or DbException or InvalidOperationException;

    private async Task<List<(int, bool)>> SaveAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        if (_spanning) return await SaveInSavepointAsync(batch, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var written = _bulk ? await SaveBulkAsync(batch, transaction.GetDbTransaction(), ct) : await SaveTrackedAsync(batch, ct);
            await transaction.CommitAsync(ct);
            foreach (var (key, id) in _pendingPartyIds) _partyIds[key] = id;
            return written;
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw; // ids handed out in the failed transaction are void: the pending ones are dropped below
        }
        finally
        {
            db.ChangeTracker.Clear();
            _pendingPartyIds.Clear();
        }
    }

    private async Task<List<(int, bool)>> SaveInSavepointAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        const string savepoint = "import_batch";
        var open = _open ??= await db.Database.BeginTransactionAsync(ct);
        await open.CreateSavepointAsync(savepoint, ct);
        try
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var written = await SaveBulkAsync(batch, open.GetDbTransaction(), ct);
            await open.ReleaseSavepointAsync(savepoint, ct);
            AcceptWritten(batch);
            return written;
        }
        catch
        {
            // Undoes this batch only; the batches before it stay in the open transaction.
            await open.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            await open.ReleaseSavepointAsync(savepoint, CancellationToken.None);
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
            _pendingPartyIds.Clear();
        }
    }

    private int? PartyId(string? key) =>
        key is null ? null : _partyIds.TryGetValue(key, out var id) ? id : _pendingPartyIds.TryGetValue(key, out var pending) ? pending : null;

    private static int? Ref(Dictionary<string, int>? ids, string? key) => key is not null && ids is not null && ids.TryGetValue(key, out var id) ? id : null;

    private async Task<Dictionary<string, (int Id, DateTime CreatedAt, string? CreatedBy, int Version)>> ExistingAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        // One JSON parameter rather than one per value: the query is compiled once, whatever the batch size.
        var ocids = batch.Select(t => t.Ocid).ToArray();
        var existing = await db.Tenders.AsNoTracking()
            .Where(t => EF.Parameter(ocids).Contains(t.Ocid!))
            .Select(t => new { t.Id, t.Ocid, t.CreatedAt, t.CreatedBy, t.Version })
            .ToDictionaryAsync(t => t.Ocid!, t => (t.Id, t.CreatedAt, t.CreatedBy, t.Version), StringComparer.Ordinal, ct);
        await DeleteChildrenAsync(existing.Values.Select(e => e.Id).ToList(), ct);
        return existing;
    }

    /// <summary>Known tenders get their children replaced: the old ones go first.</summary>
    private async Task DeleteChildrenAsync(List<int> tenderIds, CancellationToken ct)
    {
        if (tenderIds.Count > 0)
        {
            await db.ContractAmendments.Where(a => db.Contracts.Any(c => c.Id == a.ContractId && tenderIds.Contains(c.TenderId))).ExecuteDeleteAsync(ct);
            await db.Contracts.Where(c => tenderIds.Contains(c.TenderId)).ExecuteDeleteAsync(ct);
            await db.Awards.Where(a => tenderIds.Contains(a.TenderId)).ExecuteDeleteAsync(ct);
            await db.Bids.Where(b => tenderIds.Contains(b.TenderId)).ExecuteDeleteAsync(ct);
            await db.TenderItems.Where(i => tenderIds.Contains(i.TenderId)).ExecuteDeleteAsync(ct);
            await db.Lots.Where(l => tenderIds.Contains(l.TenderId)).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Parties of the batch not yet known in this run, merged by key (later data wins).</summary>
    private Dictionary<string, OcdsParty> UnknownParties(IReadOnlyList<OcdsTender> batch)
    {
        var incoming = new Dictionary<string, OcdsParty>(StringComparer.Ordinal);
        foreach (var tender in batch)
            foreach (var (key, party) in tender.Parties)
            {
                if (_partyIds.ContainsKey(key)) continue;
                if (incoming.TryGetValue(key, out var known)) known.MergeFrom(party);
                else incoming[key] = party;
            }
        return incoming;
    }

    private async Task<List<Party>> StoredPartiesAsync(Dictionary<string, OcdsParty> incoming, CancellationToken ct)
    {
        var stored = new List<Party>();
        var ids = incoming.Values.Select(p => p.Id).Distinct().ToList();
        foreach (var chunk in ids.Chunk(500))
            stored.AddRange(await db.Parties.AsNoTracking().Include(p => p.AdditionalIdentifiers).Where(p => EF.Parameter(chunk).Contains(p.IdentifierId)).ToListAsync(ct));
        return stored.Where(p => incoming.ContainsKey(OcdsParty.PartyKey(p.IdentifierScheme, p.IdentifierId))).ToList();
    }

    private static Party NewParty(OcdsParty source)
    {
        var party = new Party { Name = source.Name, IdentifierScheme = source.Scheme, IdentifierId = source.Id };
        Apply(party, source);
        return party;
    }

    private static void Apply(Party party, OcdsParty source)
    {
        party.Name = source.Name;
        party.LegalName = source.LegalName ?? party.LegalName;
        party.StreetAddress = source.StreetAddress ?? party.StreetAddress;
        party.Locality = source.Locality ?? party.Locality;
        party.Region = source.Region ?? party.Region;
        party.PostalCode = source.PostalCode ?? party.PostalCode;
        party.CountryName = source.CountryName ?? party.CountryName;
        party.ContactName = source.ContactName ?? party.ContactName;
        party.ContactEmail = source.ContactEmail ?? party.ContactEmail;
        party.ContactPhone = source.ContactPhone ?? party.ContactPhone;
    }

    private Tender NewTender(OcdsTender source, DateTime now) => new()
    {
        Ocid = source.Ocid,
        Title = source.Title,
        Description = source.Description,
        Method = source.Method,
        MethodDetails = source.MethodDetails,
        Category = source.Category,
        Status = source.Status,
        EstimatedValueMinor = source.EstimatedValueMinor,
        Currency = source.Currency,
        TenderPeriodStart = source.TenderPeriodStart,
        TenderPeriodEnd = source.TenderPeriodEnd,
        AwardPeriodStart = source.AwardPeriodStart,
        AwardPeriodEnd = source.AwardPeriodEnd,
        CancelledAt = source.CancelledAt,
        BuyerPartyId = PartyId(source.BuyerKey),
        ProcuringEntityPartyId = PartyId(source.ProcuringEntityKey),
        EnterpriseId = source.BuyerIdentifier is { } code && _enterprises!.TryGetValue(code, out var enterpriseId) ? enterpriseId : null,
        CreatedAt = now,
        CreatedBy = options.Actor,
        UpdatedAt = now,
    };

    // ---------------- SQLite: prepared commands, ids handed out inside the write transaction ----------------

    private async Task<List<(int, bool)>> SaveBulkAsync(IReadOnlyList<OcdsTender> batch, DbTransaction transaction, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        _rows ??= new BulkRows(db, connection);
        var rows = _rows;
        rows.Begin(transaction);
        _tendersAtStart ??= rows.NextTenderId; // the highest id so far: as many tenders, give or take deletions
        var now = clock.GetUtcNow().UtcDateTime;

        // Parties not yet seen in this run: one upsert each on the (scheme, id) unique index gives the id.
        foreach (var (key, source) in UnknownParties(batch))
        {
            var partyId = rows.UpsertParty.Scalar(NewParty(source));
            foreach (var (scheme, value, legalName) in source.AdditionalIdentifiers)
                rows.PartyIdentifiers.Execute(new PartyIdentifier { PartyId = partyId, Scheme = scheme, Value = value, LegalName = legalName });
            _pendingPartyIds[key] = partyId;
        }
        var existing = rows.ExistingTenders(batch);
        await DeleteChildrenAsync(existing.Values.Select(e => e.Id).ToList(), ct);
        var written = QueueRows(batch, existing, rows, now);
        rows.Flush();
        return written;
    }

    /// <summary>
    /// Builds the rows of a batch (updating known tenders in place) and buffers them for the multi-row inserts.
    /// Optimized at once: with a few dozen batches per run, tiered compilation would leave it unoptimized for most of the run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<(int, bool)> QueueRows(IReadOnlyList<OcdsTender> batch, Dictionary<string, (int Id, int Version)> existing, BulkRows rows, DateTime now)
    {
        var written = new List<(int, bool)>(batch.Count);
        var lotIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var bidIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var awardIds = new Dictionary<string, int>(StringComparer.Ordinal);
        // Rows are buffered per table and written table by table in foreign-key order, many rows per statement.
        foreach (var source in batch)
        {
            var tender = NewTender(source, now);
            if (existing.TryGetValue(source.Ocid, out var old))
            {
                tender.Id = old.Id;
                tender.Version = old.Version + 1;
                rows.UpdateTender.Execute(tender);
            }
            else
            {
                tender.Id = ++rows.NextTenderId;
                rows.Tenders.Add(tender);
            }
            written.Add((tender.Id, !existing.ContainsKey(source.Ocid)));

            lotIds.Clear();
            bidIds.Clear();
            awardIds.Clear();
            foreach (var lot in source.Lots)
            {
                var id = ++rows.NextLotId;
                rows.Lots.Add(new Lot { Id = id, TenderId = tender.Id, LotNumber = lot.ExternalId, Title = lot.Title, ValueMinor = lot.ValueMinor, Status = lot.Status });
                lotIds.TryAdd(lot.ExternalId, id);
            }
            foreach (var item in source.Items)
                rows.Items.Add(new TenderItem { Id = ++rows.NextItemId, TenderId = tender.Id, LotId = Ref(lotIds, item.LotRef), Description = item.Description, CpvCode = item.CpvCode, Quantity = item.Quantity, Unit = item.Unit });
            foreach (var bid in source.Bids)
            {
                var id = ++rows.NextBidId;
                rows.Bids.Add(new Bid
                {
                    Id = id, TenderId = tender.Id, LotId = Ref(lotIds, bid.LotRef), TendererPartyId = PartyId(bid.TendererKey)!.Value,
                    AmountMinor = bid.AmountMinor, Currency = bid.Currency, SubmittedAt = bid.Date, Status = bid.Status,
                    StatusReason = bid.StatusReason, ExternalId = bid.ExternalId,
                });
                if (bid.ExternalId is not null) bidIds.TryAdd(bid.ExternalId, id);
            }
            foreach (var award in source.Awards)
            {
                var id = ++rows.NextAwardId;
                rows.Awards.Add(new Award
                {
                    Id = id, TenderId = tender.Id, LotId = Ref(lotIds, award.LotRef), BidId = Ref(bidIds, award.BidRef),
                    SupplierPartyId = PartyId(award.SupplierKey)!.Value, ValueMinor = award.ValueMinor, Currency = award.Currency,
                    Status = award.Status, Date = award.Date, ExternalId = award.ExternalId,
                });
                if (award.ExternalId is not null) awardIds.TryAdd(award.ExternalId, id);
            }
            foreach (var contract in source.Contracts)
            {
                var id = ++rows.NextContractId;
                rows.Contracts.Add(new Contract
                {
                    Id = id, TenderId = tender.Id, AwardId = Ref(awardIds, contract.AwardRef), ContractNumber = contract.Number,
                    ValueMinor = contract.ValueMinor, Currency = contract.Currency, SignedAt = contract.SignedAt, Status = contract.Status,
                    ExternalId = contract.ExternalId,
                });
                foreach (var amendment in contract.Amendments)
                    rows.Amendments.Add(new ContractAmendment { Id = ++rows.NextAmendmentId, ContractId = id, Date = amendment.Date, Rationale = amendment.Rationale, NewValueMinor = amendment.NewValueMinor });
            }
        }
        return written;
    }

    private BulkRows? _rows;

    /// <summary>An open transaction still here was not committed (the import failed or was cancelled): it is rolled back.</summary>
    public void Dispose()
    {
        _rows?.Dispose();
        _open?.Dispose();
        _open = null;
    }

    /// <summary>The prepared commands of a run and the next free id of each table (read under each batch's write lock).</summary>
    private sealed class BulkRows : IDisposable
    {
        private readonly DbConnection _connection;

        public SqliteRows<Party> UpsertParty { get; }
        public SqliteRows<PartyIdentifier> PartyIdentifiers { get; }
        public SqliteRows<Tender> Tenders { get; }
        public SqliteRows<Tender> UpdateTender { get; }
        public SqliteRows<Lot> Lots { get; }
        public SqliteRows<TenderItem> Items { get; }
        public SqliteRows<Bid> Bids { get; }
        public SqliteRows<Award> Awards { get; }
        public SqliteRows<Contract> Contracts { get; }
        public SqliteRows<ContractAmendment> Amendments { get; }
        public int NextTenderId, NextLotId, NextItemId, NextBidId, NextAwardId, NextContractId, NextAmendmentId;

        public BulkRows(DbContext db, DbConnection connection)
        {
            UpsertParty = SqliteRows<Party>.Upsert(db, connection, nameof(Party.IdentifierScheme), nameof(Party.IdentifierId));
            PartyIdentifiers = SqliteRows<PartyIdentifier>.InsertMissing(db, connection, nameof(PartyIdentifier.PartyId), nameof(PartyIdentifier.Scheme), nameof(PartyIdentifier.Value));
            Tenders = SqliteRows<Tender>.Insert(db, connection);
            UpdateTender = SqliteRows<Tender>.Update(db, connection, nameof(Tender.CreatedAt), nameof(Tender.CreatedBy));
            Lots = SqliteRows<Lot>.Insert(db, connection);
            Items = SqliteRows<TenderItem>.Insert(db, connection);
            Bids = SqliteRows<Bid>.Insert(db, connection);
            Awards = SqliteRows<Award>.Insert(db, connection);
            Contracts = SqliteRows<Contract>.Insert(db, connection);
            Amendments = SqliteRows<ContractAmendment>.Insert(db, connection);
            _connection = connection;
            _handle = ((SqliteConnection)connection).Handle!;
        }

        private readonly sqlite3 _handle;

        /// <summary>Reads the next free ids inside the batch's write transaction.</summary>
        public void Begin(DbTransaction transaction)
        {
            var connection = _connection;
            // Rows a failed batch left buffered are void.
            Tenders.Discard(); Lots.Discard(); Items.Discard(); Bids.Discard(); Awards.Discard(); Contracts.Discard(); Amendments.Discard();

            NextTenderId = MaxId(connection, transaction, Tenders.Table);
            NextLotId = MaxId(connection, transaction, Lots.Table);
            NextItemId = MaxId(connection, transaction, Items.Table);
            NextBidId = MaxId(connection, transaction, Bids.Table);
            NextAwardId = MaxId(connection, transaction, Awards.Table);
            NextContractId = MaxId(connection, transaction, Contracts.Table);
            NextAmendmentId = MaxId(connection, transaction, Amendments.Table);
        }

        /// <summary>
        /// Id and version of the batch's tenders already stored, by ocid: one prepared statement with the ocids as one
        /// JSON parameter. Through EF Core the query was translated afresh for every batch.
        /// </summary>
        public Dictionary<string, (int Id, int Version)> ExistingTenders(IReadOnlyList<OcdsTender> batch)
        {
            _existing ??= Prepare("""SELECT "Id", "Version", "Ocid" FROM "Tenders" WHERE "Ocid" IN (SELECT value FROM json_each(?1))""");
            var found = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            try
            {
                Check(raw.sqlite3_bind_text(_existing, 1, JsonSerializer.SerializeToUtf8Bytes(batch.Select(t => t.Ocid))));
                int rc;
                while ((rc = raw.sqlite3_step(_existing)) == raw.SQLITE_ROW)
                    found[raw.sqlite3_column_text(_existing, 2).utf8_to_string()] = (raw.sqlite3_column_int(_existing, 0), raw.sqlite3_column_int(_existing, 1));
                if (rc != raw.SQLITE_DONE) Check(rc);
            }
            finally
            {
                raw.sqlite3_reset(_existing);
            }
            return found;
        }

        private sqlite3_stmt? _existing;

        private sqlite3_stmt Prepare(string sql)
        {
            Check(raw.sqlite3_prepare_v2(_handle, sql, out var statement));
            return statement;
        }

        private void Check(int rc) => SqliteResult.Check(_handle, rc);

        /// <summary>Writes the buffered rows, parents before children.</summary>
        public void Flush()
        {
            Tenders.Flush(); Lots.Flush(); Items.Flush(); Bids.Flush(); Awards.Flush(); Contracts.Flush(); Amendments.Flush();
        }

        private static int MaxId(DbConnection connection, DbTransaction transaction, string table)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            _existing?.Dispose();
            UpsertParty.Dispose(); PartyIdentifiers.Dispose(); Tenders.Dispose(); UpdateTender.Dispose();
            Lots.Dispose(); Items.Dispose(); Bids.Dispose(); Awards.Dispose(); Contracts.Dispose(); Amendments.Dispose();
        }
    }

    // ---------------- Other providers: EF Core, children added in dependency order ----------------

    private async Task<List<(int, bool)>> SaveTrackedAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        var incoming = UnknownParties(batch);
        var created = new List<(string Key, Party Party)>();
        if (incoming.Count > 0)
        {
            foreach (var party in await StoredPartiesAsync(incoming, ct))
            {
                var key = OcdsParty.PartyKey(party.IdentifierScheme, party.IdentifierId);
                var update = incoming[key];
                incoming.Remove(key);
                db.Attach(party);
                Apply(party, update);
                foreach (var (scheme, value, legalName) in update.AdditionalIdentifiers)
                    if (!party.AdditionalIdentifiers.Any(i => i.Scheme == scheme && i.Value == value))
                        db.Add(new PartyIdentifier { PartyId = party.Id, Scheme = scheme, Value = value, LegalName = legalName });
                db.Entry(party).DetectChanges();
                _pendingPartyIds[key] = party.Id;
            }
            foreach (var (key, source) in incoming)
            {
                var party = NewParty(source);
                foreach (var (scheme, value, legalName) in source.AdditionalIdentifiers)
                    party.AdditionalIdentifiers.Add(new PartyIdentifier { Scheme = scheme, Value = value, LegalName = legalName });
                db.Parties.Add(party);
                created.Add((key, party));
            }
            await db.SaveChangesAsync(ct);
            foreach (var (key, party) in created) _pendingPartyIds[key] = party.Id;
        }

        var existing = await ExistingAsync(batch, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var tenders = new List<(OcdsTender Source, Tender Entity)>(batch.Count);
        foreach (var source in batch)
        {
            var entity = NewTender(source, now);
            foreach (var lot in source.Lots)
                entity.Lots.Add(new Lot { LotNumber = lot.ExternalId, Title = lot.Title, ValueMinor = lot.ValueMinor, Status = lot.Status });
            if (existing.TryGetValue(source.Ocid, out var old))
            {
                entity.Id = old.Id;
                entity.CreatedAt = old.CreatedAt;
                entity.CreatedBy = old.CreatedBy;
                entity.Version = old.Version;
                db.Attach(entity);
                db.Entry(entity).State = EntityState.Modified;
                foreach (var lot in entity.Lots) db.Entry(lot).State = EntityState.Added;
            }
            else
            {
                db.Tenders.Add(entity);
            }
            tenders.Add((source, entity));
        }
        await db.SaveChangesAsync(ct);

        // Children refer to lots, bids and awards by id, so they are saved in dependency order.
        var lotIds = tenders.Select(t => t.Entity.Lots.GroupBy(l => l.LotNumber).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal)).ToList();
        var bidRows = new List<List<Bid>>(tenders.Count);
        for (var i = 0; i < tenders.Count; i++)
        {
            var (source, entity) = tenders[i];
            foreach (var item in source.Items)
                db.TenderItems.Add(new TenderItem { TenderId = entity.Id, LotId = Ref(lotIds[i], item.LotRef), Description = item.Description, CpvCode = item.CpvCode, Quantity = item.Quantity, Unit = item.Unit });
            var bids = source.Bids.Select(bid => new Bid
            {
                TenderId = entity.Id, LotId = Ref(lotIds[i], bid.LotRef), TendererPartyId = PartyId(bid.TendererKey)!.Value,
                AmountMinor = bid.AmountMinor, Currency = bid.Currency, SubmittedAt = bid.Date, Status = bid.Status,
                StatusReason = bid.StatusReason, ExternalId = bid.ExternalId,
            }).ToList();
            db.Bids.AddRange(bids);
            bidRows.Add(bids);
        }
        await db.SaveChangesAsync(ct);

        var awardRows = new List<List<Award>>(tenders.Count);
        for (var i = 0; i < tenders.Count; i++)
        {
            var (source, entity) = tenders[i];
            var bidIds = bidRows[i].Where(b => b.ExternalId is not null).GroupBy(b => b.ExternalId!).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            var awards = source.Awards.Select(award => new Award
            {
                TenderId = entity.Id, LotId = Ref(lotIds[i], award.LotRef), BidId = Ref(bidIds, award.BidRef),
                SupplierPartyId = PartyId(award.SupplierKey)!.Value, ValueMinor = award.ValueMinor, Currency = award.Currency,
                Status = award.Status, Date = award.Date, ExternalId = award.ExternalId,
            }).ToList();
            db.Awards.AddRange(awards);
            awardRows.Add(awards);
        }
        await db.SaveChangesAsync(ct);

        for (var i = 0; i < tenders.Count; i++)
        {
            var (source, entity) = tenders[i];
            foreach (var contract in source.Contracts)
            {
                var row = new Contract
                {
                    TenderId = entity.Id, AwardId = contract.AwardRef is null ? null : awardRows[i].FirstOrDefault(a => a.ExternalId == contract.AwardRef)?.Id,
                    ContractNumber = contract.Number, ValueMinor = contract.ValueMinor, Currency = contract.Currency,
                    SignedAt = contract.SignedAt, Status = contract.Status, ExternalId = contract.ExternalId,
                };
                foreach (var amendment in contract.Amendments)
                    row.Amendments.Add(new ContractAmendment { Date = amendment.Date, Rationale = amendment.Rationale, NewValueMinor = amendment.NewValueMinor });
                db.Contracts.Add(row);
            }
        }
        await db.SaveChangesAsync(ct);
        return tenders.Select(t => (t.Entity.Id, !existing.ContainsKey(t.Source.Ocid))).ToList();
    }
}

