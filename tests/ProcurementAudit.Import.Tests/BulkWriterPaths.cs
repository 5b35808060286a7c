using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Import.Tests;

/// <summary>
/// The SQLite writer's multi-row path: rows of many tenders share one INSERT, so these batches are large enough
/// that every table gets full multi-row statements and a remainder written row by row.
/// </summary>
public class BulkWriterPaths
{
    /// <summary>A compiled release with <paramref name="bids"/> bids, an award and a contract; dates carry fractions and offsets.</summary>
    private static string Release(int n, string title, int bids = 3, string bidPrefix = "bid")
    {
        var details = string.Join(",", Enumerable.Range(1, bids).Select(b =>
            $$$"""{"id":"{{{bidPrefix}}}-{{{n}}}-{{{b}}}","status":"valid","date":"2024-03-0{{{b % 9 + 1}}}T10:1{{{b % 10}}}:05.12{{{n % 10}}}+02:00","value":{"amount":{{{1000 + n * 10 + b}}}.25,"currency":"UAH"},"tenderers":[{"id":"S{{{(n + b) % 7}}}","name":"Supplier {{{(n + b) % 7}}}"}]}"""));
        return $$$"""{"ocid":"ocds-test-{{{n:D4}}}","date":"2024-03-01T00:00:00Z","tag":["compiled"],"parties":[{"id":"B1","name":"Buyer","identifier":{"scheme":"UA-EDR","id":"12345678"},"roles":["buyer"]}],"buyer":{"id":"B1","name":"Buyer"},"tender":{"title":"{{{title}}}","value":{"amount":{{{5000 + n}}}.5,"currency":"UAH"},"tenderPeriod":{"startDate":"2024-02-01T08:00:00Z","endDate":"2024-02-15T08:00:00.5Z"},"items":[{"id":"1","description":"Item","quantity":{{{n}}}.125,"classification":{"scheme":"CPV","id":"30190000-7"}}]},"bids":{"details":[{{{details}}}]},"awards":[{"id":"a-{{{n}}}","status":"active","date":"2024-03-20T12:00:00+03:00","value":{"amount":{{{1000 + n * 10 + 1}}}.25,"currency":"UAH"},"suppliers":[{"id":"S{{{(n + 1) % 7}}}","name":"Supplier {{{(n + 1) % 7}}}"}],"relatedBid":"{{{bidPrefix}}}-{{{n}}}-1"}],"contracts":[{"id":"c-{{{n}}}","awardID":"a-{{{n}}}","dateSigned":"2024-03-25T00:00:00Z","value":{"amount":{{{1000 + n * 10 + 1}}}.25,"currency":"UAH"},"status":"active"}]}""";
    }

    private static MemoryStream Jsonl(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    [Fact]
    public async Task Batch_mixing_new_and_existing_ocids_updates_the_old_and_inserts_the_new()
    {
        await using var database = new TestDatabase();
        var first = await database.ImportAsync(Jsonl(Enumerable.Range(1, 100).Select(n => Release(n, $"First {n}"))));
        Assert.Equal(100, first.Imported);
        Dictionary<string, int> ids;
        await using (var db = database.NewContext())
            ids = await db.Tenders.ToDictionaryAsync(t => t.Ocid!, t => t.Id);

        // One batch: 51..150, half of them known, with other bids than before.
        var second = await database.ImportAsync(Jsonl(Enumerable.Range(51, 100).Select(n => Release(n, $"Second {n}", bids: 2, bidPrefix: "again"))));
        Assert.Equal(50, second.Imported);
        Assert.Equal(50, second.Updated);
        Assert.Empty(second.Skipped);

        await using var check = database.NewContext();
        Assert.Equal(150, await check.Tenders.CountAsync());
        var tenders = await check.Tenders.AsNoTracking().Include(t => t.Bids).Include(t => t.Awards).Include(t => t.Contracts).Include(t => t.Items).ToListAsync();
        foreach (var tender in tenders)
        {
            var n = int.Parse(tender.Ocid!["ocds-test-".Length..], CultureInfo.InvariantCulture);
            if (ids.TryGetValue(tender.Ocid!, out var oldId)) Assert.Equal(oldId, tender.Id); // an existing tender keeps its id
            var updated = n >= 51;
            Assert.Equal(updated ? $"Second {n}" : $"First {n}", tender.Title);
            Assert.Equal(updated ? 2 : 3, tender.Bids.Count);
            Assert.All(tender.Bids, b => Assert.StartsWith(updated ? "again-" : "bid-", b.ExternalId));
            var award = Assert.Single(tender.Awards);
            Assert.Equal(tender.Bids.Single(b => b.ExternalId!.EndsWith("-1", StringComparison.Ordinal)).Id, award.BidId);
            Assert.Equal(award.Id, Assert.Single(tender.Contracts).AwardId);
            Assert.Equal(n + 0.125m, Assert.Single(tender.Items).Quantity);
            Assert.Equal(n is >= 51 and <= 100 ? 1 : 0, tender.Version);
        }
        Assert.Equal(50 * 3 + 100 * 2, await check.Bids.CountAsync());
    }

    /// <summary>
    /// One batch of 80, or batches of 16 sharing one transaction through savepoints (committed at the end or every
    /// few batches): either way only the failing tender is undone, and the batches before and after it stay.
    /// </summary>
    [Theory]
    [InlineData(2000, 20_000)]
    [InlineData(16, 20_000)]
    [InlineData(16, 40)]
    public async Task Tender_failing_inside_a_multi_row_insert_is_skipped_alone_and_leaves_nothing_behind(int batchSize, int tendersPerCommit)
    {
        await using var database = new TestDatabase();
        await using (var db = database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER reject_bid BEFORE INSERT ON "Bids" WHEN NEW."ExternalId" = 'bid-37-2' BEGIN SELECT RAISE(ABORT, 'bid rejected by the test'); END;""");

        // 80 tenders of 3 bids in one batch: the bad bid sits inside a full multi-row statement.
        var summary = await database.ImportAsync(Jsonl(Enumerable.Range(1, 80).Select(n => Release(n, $"Tender {n}"))), new OcdsImportOptions { BatchSize = batchSize, TendersPerCommit = tendersPerCommit });
        Assert.Equal(79, summary.Imported);
        var skipped = Assert.Single(summary.Skipped);
        Assert.Equal("ocds-test-0037", skipped.Ocid);
        Assert.Equal(37, skipped.Line);
        Assert.Contains("bid rejected by the test", skipped.Reason, StringComparison.Ordinal);

        await using var check = database.NewContext();
        Assert.Equal(79, await check.Tenders.CountAsync());
        Assert.False(await check.Tenders.AnyAsync(t => t.Ocid == "ocds-test-0037"));
        Assert.Equal(79 * 3, await check.Bids.CountAsync());
        Assert.Equal(79, await check.Awards.CountAsync());
        Assert.Equal(79, await check.Contracts.CountAsync());
        Assert.Equal(79, await check.TenderItems.CountAsync());
        Assert.False(await check.Bids.AnyAsync(b => b.ExternalId!.StartsWith("bid-37-")));
        // Every child points at a tender that exists: nothing of the failed one is half-written.
        Assert.Equal(0, await check.Bids.CountAsync(b => !check.Tenders.Any(t => t.Id == b.TenderId)));
        await AssertEveryReferenceResolvesAsync(check);
    }

    /// <summary>
    /// Batches go into the open transaction without savepoints; a failure rolls it back and writes the earlier batches
    /// again. Two failures in one commit window, each after batches that created parties, must still leave exactly
    /// the good tenders, with every reference resolving (the import writes with foreign-key enforcement off).
    /// </summary>
    [Fact]
    public async Task Two_failing_tenders_in_one_commit_window_are_each_skipped_and_the_batches_before_them_written_again()
    {
        await using var database = new TestDatabase();
        await using (var db = database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER reject_bid BEFORE INSERT ON "Bids" WHEN NEW."ExternalId" IN ('bid-20-1', 'bid-61-3') BEGIN SELECT RAISE(ABORT, 'bid rejected by the test'); END;""");

        var summary = await database.ImportAsync(Jsonl(Enumerable.Range(1, 80).Select(n => Release(n, $"Tender {n}"))), new OcdsImportOptions { BatchSize = 16, TendersPerCommit = 20_000 });

        Assert.Equal(78, summary.Imported);
        Assert.Equal(["ocds-test-0020", "ocds-test-0061"], summary.Skipped.Select(s => s.Ocid).Order());
        await using var check = database.NewContext();
        Assert.Equal(78, await check.Tenders.CountAsync());
        Assert.Equal(78 * 3, await check.Bids.CountAsync());
        Assert.Equal(8, await check.Parties.CountAsync()); // the buyer and seven suppliers, once each
        Assert.Equal(101_125, (await check.Bids.SingleAsync(b => b.ExternalId == "bid-1-1")).AmountMinor);
        await AssertEveryReferenceResolvesAsync(check);
    }

    /// <summary>Reports as they come, on the importing thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class ListProgress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    private static async Task<List<string>> IndexesAsync(ProcurementAudit.Core.Data.AuditDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").ToListAsync();

    private static async Task<long> SetAsideAsync(ProcurementAudit.Core.Data.AuditDbContext db) =>
        (await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = '__DeferredIndexes'").SingleAsync()) == 0
            ? -1
            : await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM \"__DeferredIndexes\"").SingleAsync();

    /// <summary>
    /// A large import sets the secondary indexes aside once it has written more than the database held, and builds them
    /// again at the end, even when a tender failed after that point: the same indexes, the same data.
    /// </summary>
    [Fact]
    public async Task Large_import_sets_the_indexes_aside_and_builds_them_again_at_the_end()
    {
        await using var database = new TestDatabase();
        await using var check = database.NewContext();
        var before = await IndexesAsync(check);
        Assert.Contains("IX_Bids_TendererPartyId", before);
        await check.Database.ExecuteSqlRawAsync("""CREATE TRIGGER reject_bid BEFORE INSERT ON "Bids" WHEN NEW."ExternalId" = 'bid-70-2' BEGIN SELECT RAISE(ABORT, 'bid rejected by the test'); END;""");

        var reports = new List<ImportProgress>();
        ImportSummary summary;
        await using (var scope = database.Services.CreateAsyncScope())
            summary = await scope.ServiceProvider.GetRequiredService<OcdsImporter>().ImportAsync(Jsonl(Enumerable.Range(1, 80).Select(n => Release(n, $"Tender {n}"))),
                new OcdsImportOptions { BatchSize = 16, TendersPerCommit = 16, DeferIndexesAfter = 32 }, new ListProgress(reports));

        Assert.Equal(79, summary.Imported);
        Assert.False(reports[0].BuildingIndexes);
        Assert.True(reports.Single(r => r.BuildingIndexes).Imported == 79, "the last report before the rebuild says so");
        Assert.Equal("ocds-test-0070", Assert.Single(summary.Skipped).Ocid);
        Assert.Equal(0, await SetAsideAsync(check)); // the record exists (they were set aside) and is empty (all built)
        Assert.Equal(before, await IndexesAsync(check));
        Assert.Equal(79 * 3, await check.Bids.CountAsync());
        await AssertEveryReferenceResolvesAsync(check);
    }

    /// <summary>
    /// The importer knows after the first batch how large the run will be (from the share of the input read, or because
    /// all of it has been read), and sets the indexes aside then when most of it is still to come. Judged by what had
    /// been written, this run would never have set them aside, although it writes far more than the tables held.
    /// </summary>
    [Fact]
    public async Task Import_that_will_be_large_sets_the_indexes_aside_after_its_first_batch()
    {
        await using var database = new TestDatabase();
        var reports = new List<ImportProgress>();
        await using (var scope = database.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OcdsImporter>().ImportAsync(Jsonl(Enumerable.Range(1, 47).Select(n => Release(n, $"Tender {n}"))),
                new OcdsImportOptions { BatchSize = 16, TendersPerCommit = 16, DeferIndexesAfter = 40 }, new ListProgress(reports));

        Assert.Contains(reports, r => r.BuildingIndexes);
        await using var check = database.NewContext();
        Assert.Equal(0, await SetAsideAsync(check));
        Assert.Equal(47, await check.Tenders.CountAsync());
    }

    /// <summary>Indexes that lead with a key the importer appends (its own increasing ids) are kept; the others are set aside.</summary>
    [Fact]
    public async Task Indexes_leading_with_appended_keys_are_not_set_aside()
    {
        await using var database = new TestDatabase();
        await using var check = database.NewContext();
        await check.Database.OpenConnectionAsync();

        await DeferredIndexes.DeferAsync(check.Database.GetDbConnection(), ["Bids", "Contracts"], CancellationToken.None, ["TenderId", "AwardId"]);
        var during = await IndexesAsync(check);
        Assert.Contains("IX_Bids_TenderId_TendererPartyId", during);
        Assert.Contains("IX_Contracts_AwardId", during);
        Assert.DoesNotContain("IX_Bids_TendererPartyId", during);
        Assert.DoesNotContain("IX_Bids_LotId", during);
        Assert.True(await DeferredIndexes.RestoreAsync(check, CancellationToken.None) > 0);
        Assert.Contains("IX_Bids_TendererPartyId", await IndexesAsync(check));
    }

    /// <summary>A small import into a database that holds more than it writes keeps its indexes throughout.</summary>
    [Fact]
    public async Task Import_smaller_than_the_database_keeps_the_indexes()
    {
        await using var database = new TestDatabase();
        await database.ImportAsync(Jsonl(Enumerable.Range(1, 60).Select(n => Release(n, $"Tender {n}"))), new OcdsImportOptions { DeferIndexesAfter = 0 });
        await database.ImportAsync(Jsonl(Enumerable.Range(100, 40).Select(n => Release(n, $"Tender {n}"))),
            new OcdsImportOptions { BatchSize = 16, TendersPerCommit = 16, DeferIndexesAfter = 16 });
        await using var check = database.NewContext();
        Assert.Equal(-1, await SetAsideAsync(check)); // never set aside
        Assert.Equal(100, await check.Tenders.CountAsync());
    }

    /// <summary>Indexes set aside by an import that never finished (the process died) come back at the next start or import.</summary>
    [Fact]
    public async Task Indexes_an_interrupted_import_set_aside_are_built_at_the_next_start_and_the_next_import()
    {
        await using var database = new TestDatabase();
        await using var check = database.NewContext();
        var before = await IndexesAsync(check);
        await check.Database.OpenConnectionAsync();
        var connection = check.Database.GetDbConnection();

        await DeferredIndexes.DeferAsync(connection, ["Bids", "Awards", "Tenders"], CancellationToken.None);
        var during = await IndexesAsync(check);
        Assert.DoesNotContain("IX_Bids_TendererPartyId", during);
        Assert.Contains("IX_Tenders_Ocid", during); // unique: never set aside
        Assert.True(await SetAsideAsync(check) > 0);
        Assert.True(await DeferredIndexes.RestoreAsync(check, CancellationToken.None) > 0); // what start-up runs
        Assert.Equal(before, await IndexesAsync(check));

        await DeferredIndexes.DeferAsync(connection, ["Bids"], CancellationToken.None);
        await database.ImportAsync(Jsonl([Release(1, "Tender 1")]));
        Assert.Equal(before, await IndexesAsync(check));
        Assert.Equal(0, await SetAsideAsync(check));
    }

    /// <summary>
    /// The import writes with foreign keys off, a large page cache and rare checkpoints; the connection it hands back
    /// (pooled, reused) must enforce foreign keys again and have the default cache and checkpoints.
    /// </summary>
    [Fact]
    public async Task Connection_enforces_foreign_keys_again_after_an_import()
    {
        await using var database = new TestDatabase();
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProcurementAudit.Core.Data.AuditDbContext>();
        var importer = scope.ServiceProvider.GetRequiredService<OcdsImporter>();
        await importer.ImportAsync(Jsonl(Enumerable.Range(1, 5).Select(n => Release(n, $"Tender {n}"))));

        await db.Database.OpenConnectionAsync();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(1000L, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA cache_size";
        Assert.Equal(-2000L, await command.ExecuteScalarAsync());
        var tenderId = await db.Tenders.Select(t => t.Id).FirstAsync();
        command.CommandText = $"""INSERT INTO "Bids" ("TenderId", "TendererPartyId", "Currency", "Status") VALUES ({tenderId}, 999999, 'UAH', 0)""";
        var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.Ordinal);
    }

    private static async Task AssertEveryReferenceResolvesAsync(ProcurementAudit.Core.Data.AuditDbContext check)
    {
        Assert.Equal(0, await check.Bids.CountAsync(b => !check.Parties.Any(p => p.Id == b.TendererPartyId)));
        Assert.Equal(0, await check.Awards.CountAsync(a => !check.Parties.Any(p => p.Id == a.SupplierPartyId) || !check.Tenders.Any(t => t.Id == a.TenderId)));
        Assert.Equal(0, await check.Awards.CountAsync(a => a.BidId != null && !check.Bids.Any(b => b.Id == a.BidId)));
        Assert.Equal(0, await check.Contracts.CountAsync(c => c.AwardId != null && !check.Awards.Any(a => a.Id == c.AwardId)));
        Assert.Equal(0, await check.Tenders.CountAsync(t => t.BuyerPartyId != null && !check.Parties.Any(p => p.Id == t.BuyerPartyId)));
        await check.Database.OpenConnectionAsync();
        using var command = check.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA foreign_key_check";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.False(await reader.ReadAsync(), "PRAGMA foreign_key_check found a dangling reference");
    }

    /// <summary>Dates and decimals must be stored as the very text EF Core stores, or queries comparing them as text go wrong.</summary>
    [Fact]
    public async Task Bulk_writer_stores_dates_and_decimals_as_the_same_text_as_EF_Core()
    {
        await using var bulk = new TestDatabase();
        await using var tracked = new TestDatabase();
        var lines = Enumerable.Range(1, 70).Select(n => Release(n, $"Tender {n}")).ToList();
        await bulk.ImportAsync(Jsonl(lines));
        await tracked.ImportAsync(Jsonl(lines), new OcdsImportOptions { BulkSqlite = false });

        const string query = """
            SELECT t."Ocid", t."TenderPeriodStart", t."TenderPeriodEnd", b."ExternalId", b."SubmittedAt", b."AmountMinor", i."Quantity", a."Date", c."SignedAt"
            FROM "Tenders" t JOIN "Bids" b ON b."TenderId" = t."Id" JOIN "TenderItems" i ON i."TenderId" = t."Id"
            JOIN "Awards" a ON a."TenderId" = t."Id" JOIN "Contracts" c ON c."TenderId" = t."Id" ORDER BY t."Ocid", b."ExternalId"
            """;
        var expected = await RawRowsAsync(tracked, query);
        Assert.Equal(210, expected.Count);
        Assert.Equal(expected, await RawRowsAsync(bulk, query));
        Assert.Contains(expected, row => row.Contains("2024-02-15 08:00:00.5", StringComparison.Ordinal));
    }

    private static async Task<List<string>> RawRowsAsync(TestDatabase database, string query)
    {
        await using var db = database.NewContext();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : $"{reader.GetDataTypeName(i)}:{reader.GetString(i)}")));
        return rows;
    }
}
