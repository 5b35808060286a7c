using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Import.Tests;

public class ImportBehaviour
{
    private const string ProzorroOcid = "ocds-be6bcu-UA-2016-06-08-000504-c";
    private static readonly string Jsonl = SharedData.File("ukraine-prozorro/compiled-releases.jsonl");

    [Fact]
    public async Task ProZorro_tender_keeps_its_value_bids_and_Ukrainian_supplier_name()
    {
        await using var database = new TestDatabase();
        var summary = await database.ImportFileAsync(Jsonl);
        Assert.Equal(11, summary.Read);
        Assert.Equal(11, summary.Imported);

        await using var db = database.NewContext();
        var tender = await db.Tenders.Include(t => t.Bids).ThenInclude(b => b.Tenderer).Include(t => t.Awards).ThenInclude(a => a.Supplier)
            .Include(t => t.Items).Include(t => t.BuyerParty).SingleAsync(t => t.Ocid == ProzorroOcid);
        Assert.Equal(750_000, tender.EstimatedValueMinor); // 7 500.00 UAH
        Assert.Equal("UAH", tender.Currency);
        Assert.Equal("Чоловічий верхній головний убір (бейсболки)", tender.Title);
        Assert.Equal(ProcurementMethod.Open, tender.Method);
        Assert.Equal(5, tender.Bids.Count);
        Assert.All(tender.Bids, b => Assert.Equal(BidStatus.Valid, b.Status)); // ProZorro "active" bids
        Assert.Equal(180_000, tender.Bids.Min(b => b.AmountMinor));
        Assert.Contains(tender.Bids, b => b.Tenderer!.IdentifierScheme == "UA-EDR" && b.Tenderer.IdentifierId == "40126602");
        var winner = Assert.Single(tender.Awards, a => a.Status == AwardStatus.Active);
        Assert.Equal("Туристично-комерційне товариство з обмеженою відповідальністю  “СХІД”", winner.Supplier!.Name);
        Assert.Equal(287_500, winner.ValueMinor);
        Assert.Equal("14017091", winner.Supplier.IdentifierId);
        Assert.Contains(tender.Awards, a => a.Status == AwardStatus.Unsuccessful && a.Supplier!.Name == "ТОВ \"Журавкa Торг\"");
        Assert.Equal("18100000-0", Assert.Single(tender.Items).CpvCode);
        Assert.Equal("Департамент муніципальної поліції Луцької міської ради", tender.BuyerParty!.Name);
        Assert.Equal("munpol@meta.ua", tender.BuyerParty.ContactEmail);
        Assert.Equal("Луцк", tender.BuyerParty.Locality);
    }

    [Fact]
    public async Task Reimport_updates_instead_of_duplicating()
    {
        await using var database = new TestDatabase();
        await database.ImportFileAsync(Jsonl);
        int tenderId, bids, parties;
        await using (var db = database.NewContext())
        {
            tenderId = (await db.Tenders.SingleAsync(t => t.Ocid == ProzorroOcid)).Id;
            bids = await db.Bids.CountAsync();
            parties = await db.Parties.CountAsync();
        }

        var again = await database.ImportFileAsync(Jsonl);
        Assert.Equal(0, again.Imported);
        Assert.Equal(11, again.Updated);

        // The same procedure also arrives as a ProZorro record: it updates the same tender.
        var record = await database.ImportFileAsync(SharedData.File($"ukraine-prozorro/records/{ProzorroOcid}.json"));
        Assert.Equal(1, record.Updated);

        await using var check = database.NewContext();
        Assert.Equal(11, await check.Tenders.CountAsync());
        Assert.Equal(tenderId, (await check.Tenders.SingleAsync(t => t.Ocid == ProzorroOcid)).Id);
        Assert.Equal(bids, await check.Bids.CountAsync());
        Assert.Equal(parties, await check.Parties.CountAsync());
        Assert.Equal(5, await check.Bids.CountAsync(b => b.TenderId == tenderId));
    }

    [Fact]
    public async Task Malformed_line_is_reported_with_its_line_number_and_the_rest_imports()
    {
        var lines = (await File.ReadAllLinesAsync(Jsonl)).Where(l => l.Length > 0).ToList();
        lines.Insert(3, "{\"ocid\": \"broken\", \"tender\": {\"title\": }");   // line 4
        lines.Insert(7, "this is not json");                                 // line 8
        await using var database = new TestDatabase();
        var summary = await database.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")));

        Assert.Equal(11, summary.Imported);
        Assert.Equal(2, summary.SkippedCount);
        Assert.Equal([4L, 8L], summary.Skipped.Select(s => s.Line));
        Assert.All(summary.Skipped, s => Assert.StartsWith("Malformed JSON", s.Reason));
        await using var db = database.NewContext();
        Assert.Equal(11, await db.Tenders.CountAsync());
        Assert.False(await db.Tenders.AnyAsync(t => t.Ocid == "broken"));
    }

    [Fact]
    public async Task Gzip_jsonl_is_recognised_by_its_magic_bytes()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        await using (var file = File.OpenRead(Jsonl))
            await file.CopyToAsync(gzip);
        compressed.Position = 0;

        await using var database = new TestDatabase();
        var summary = await database.ImportAsync(compressed);
        Assert.Equal(11, summary.Imported);
        Assert.Empty(summary.Skipped);
        Assert.Equal(compressed.Length, summary.BytesRead);
    }

    [Fact]
    public async Task Record_without_compiledRelease_is_compiled_from_its_releases()
    {
        // The fictional release package holds the releases; the record package's compiledRelease is the expected result.
        var package = JsonNode.Parse(await File.ReadAllTextAsync(SharedData.File("fictional/ocds-213czf-000-00001.json")))!;
        var record = new JsonObject
        {
            ["records"] = new JsonArray(new JsonObject { ["ocid"] = "ocds-213czf-000-00001", ["releases"] = package["releases"]!.DeepClone() }),
        };
        await using var compiledDb = new TestDatabase();
        var summary = await compiledDb.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(record.ToJsonString())));
        Assert.Equal(1, summary.Imported);
        Assert.Empty(summary.Skipped);

        await using var referenceDb = new TestDatabase();
        await referenceDb.ImportFileAsync(SharedData.File("fictional/record/ocds-213czf-000-00001.json"));

        await using var a = compiledDb.NewContext();
        await using var b = referenceDb.NewContext();
        var compiled = await a.Tenders.Include(t => t.Awards).Include(t => t.Contracts).Include(t => t.Items).SingleAsync();
        var expected = await b.Tenders.Include(t => t.Awards).Include(t => t.Contracts).Include(t => t.Items).SingleAsync();
        Assert.Equal(expected.Title, compiled.Title);
        Assert.Equal(expected.EstimatedValueMinor, compiled.EstimatedValueMinor);
        Assert.Equal("GBP", compiled.Currency);
        Assert.Equal(expected.Status, compiled.Status);
        Assert.Equal(expected.TenderPeriodEnd, compiled.TenderPeriodEnd);
        Assert.Equal(expected.Awards.Select(x => x.ValueMinor), compiled.Awards.Select(x => x.ValueMinor));
        Assert.Equal(expected.Contracts.Select(x => x.ContractNumber), compiled.Contracts.Select(x => x.ContractNumber));
        Assert.Equal(expected.Items.Count, compiled.Items.Count);
        Assert.Equal(TenderStatus.Complete, compiled.Status);
    }

    [Fact]
    public async Task Large_package_is_streamed_entry_by_entry_with_the_same_result()
    {
        // A limit below the file size forces the walked (streamed) path over a release package and a record package.
        var options = new OcdsImportOptions { WholeDocumentLimitBytes = 1024 };
        await using var streamed = new TestDatabase();
        var releases = await streamed.ImportFileAsync(SharedData.File("fictional/ocds-213czf-000-00001.json"), options);
        var records = await streamed.ImportFileAsync(SharedData.File("paraguay-dncp/274744.json"), options);
        Assert.Equal(6, releases.Read);
        Assert.Equal(1, releases.Imported);
        Assert.Equal(1, records.Imported);
        Assert.Empty(releases.Skipped.Concat(records.Skipped));

        await using var whole = new TestDatabase();
        await whole.ImportFileAsync(SharedData.File("fictional/ocds-213czf-000-00001.json"));
        await using var a = streamed.NewContext();
        await using var b = whole.NewContext();
        var s = await a.Tenders.Include(t => t.Awards).SingleAsync(t => t.Ocid == "ocds-213czf-000-00001");
        var w = await b.Tenders.Include(t => t.Awards).SingleAsync();
        Assert.Equal(w.Title, s.Title);
        Assert.Equal(w.EstimatedValueMinor, s.EstimatedValueMinor);
        Assert.Equal(w.Awards.Count, s.Awards.Count);
        Assert.Equal(2, await a.Tenders.CountAsync());
    }

    [Fact]
    public async Task Concatenated_documents_each_import()
    {
        await using var database = new TestDatabase();
        var summary = await database.ImportFileAsync(SharedData.File("ocdskit-realdata/record-package_package_1.1.json"));
        Assert.Equal(2, summary.Read);
        Assert.Equal(2, summary.Imported);
        await using var db = database.NewContext();
        var tender = await db.Tenders.SingleAsync(t => t.Ocid == "OCDS-87SD3T-AD-SF-DRM-065-2015");
        Assert.Equal(147_156_672, tender.EstimatedValueMinor);
        Assert.Equal("MXN", tender.Currency);
    }

    [Fact]
    public async Task Buyer_matching_an_enterprise_links_the_tender()
    {
        await using var database = new TestDatabase();
        await using (var db = database.NewContext())
        {
            db.Organisations.Add(new Organisation { Kind = OrganisationKind.Enterprise, Name = "Лицька поліція", Edrpou = "39985748" });
            await db.SaveChangesAsync();
        }
        await database.ImportFileAsync(Jsonl);
        await using var check = database.NewContext();
        var enterprise = await check.Organisations.SingleAsync();
        Assert.Equal(enterprise.Id, (await check.Tenders.SingleAsync(t => t.Ocid == ProzorroOcid)).EnterpriseId);
        Assert.Equal(1, await check.Tenders.CountAsync(t => t.EnterpriseId != null));
    }

    [Fact]
    public async Task Document_without_ocid_is_skipped_with_a_reason()
    {
        await using var database = new TestDatabase();
        var summary = await database.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("{\"tender\":{\"title\":\"x\"}}\n[1,2]\n")));
        Assert.Equal(0, summary.Imported);
        Assert.Equal([1L, 2L], summary.Skipped.Select(s => s.Line));
        Assert.All(summary.Skipped, s => Assert.Contains("Not an OCDS", s.Reason));
    }

    [Fact]
    public async Task Moldovan_record_with_non_codelist_labels_and_string_amounts_imports()
    {
        await using var database = new TestDatabase();
        await database.ImportFileAsync(SharedData.File("moldova/ocds-ngfbwp-18610708.json"));
        await using var db = database.NewContext();
        var tender = await db.Tenders.Include(t => t.Awards).SingleAsync();
        Assert.Null(tender.EstimatedValueMinor); // "amount": ""
        Assert.Equal("Licitaţie publică", tender.MethodDetails);
        Assert.True(tender.Awards.Count >= 7);
    }
}

public class WriterPaths
{
    public static IEnumerable<object[]> Files => SharedData.AllFiles();

    /// <summary>The SQLite bulk writer and the EF Core writer (used on SQL Server) must store the same thing.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task Bulk_and_tracked_writers_store_the_same_data(string relative)
    {
        await using var bulk = new TestDatabase();
        await using var tracked = new TestDatabase();
        var path = SharedData.File(relative);
        var a = await bulk.ImportFileAsync(path);
        var b = await tracked.ImportFileAsync(path, new OcdsImportOptions { BulkSqlite = false });
        // A second run exercises the update path of both.
        await bulk.ImportFileAsync(path);
        var b2 = await tracked.ImportFileAsync(path, new OcdsImportOptions { BulkSqlite = false });
        Assert.Equal(a.Imported, b.Imported);
        Assert.Equal(b.Imported, b2.Updated);

        Assert.Equal(await Snapshot(bulk), await Snapshot(tracked));
    }

    internal static async Task<string> Snapshot(TestDatabase database)
    {
        await using var db = database.NewContext();
        var tenders = await db.Tenders.AsNoTracking().Include(t => t.Lots).Include(t => t.Items).Include(t => t.Bids).ThenInclude(x => x.Tenderer)
            .Include(t => t.Awards).ThenInclude(x => x.Supplier).Include(t => t.Contracts).ThenInclude(c => c.Amendments)
            .Include(t => t.BuyerParty).OrderBy(t => t.Ocid).ToListAsync();
        var parties = await db.Parties.AsNoTracking().Include(p => p.AdditionalIdentifiers).OrderBy(p => p.IdentifierScheme).ThenBy(p => p.IdentifierId).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            tenders = tenders.Select(t => new
            {
                t.Ocid, t.Title, t.Method, t.Status, t.Category, t.EstimatedValueMinor, t.Currency, t.TenderPeriodStart, t.TenderPeriodEnd, t.Version,
                Buyer = t.BuyerParty?.IdentifierId,
                Lots = t.Lots.OrderBy(l => l.LotNumber).Select(l => new { l.LotNumber, l.Title, l.ValueMinor }),
                Items = t.Items.OrderBy(i => i.Id).Select(i => new { i.Description, i.CpvCode, i.Quantity, HasLot = i.LotId != null }),
                Bids = t.Bids.OrderBy(x => x.Id).Select(x => new { x.ExternalId, x.AmountMinor, x.Status, x.SubmittedAt, x.Tenderer!.IdentifierId, HasLot = x.LotId != null }),
                Awards = t.Awards.OrderBy(x => x.Id).Select(x => new { x.ExternalId, x.ValueMinor, x.Status, x.Supplier!.Name, HasBid = x.BidId != null }),
                Contracts = t.Contracts.OrderBy(x => x.Id).Select(x => new { x.ContractNumber, x.ValueMinor, x.Status, x.SignedAt, HasAward = x.AwardId != null, Amendments = x.Amendments.Count }),
            }),
            parties = parties.Select(p => new { p.IdentifierScheme, p.IdentifierId, p.Name, p.ContactEmail, p.ContactPhone, p.StreetAddress, Extra = p.AdditionalIdentifiers.Count }),
        });
    }
}
