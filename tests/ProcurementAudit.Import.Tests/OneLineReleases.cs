using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ProcurementAudit.Import.Tests;

/// <summary>
/// A release that ends its line is mapped straight from the reader's buffer; everything else is read whole first.
/// Both roads must store the same thing, and whatever the line road declines must still be reported as before.
/// </summary>
public class OneLineReleases
{
    public static IEnumerable<object[]> Files => SharedData.AllFiles();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Documents_on_one_line_and_spread_over_lines_store_the_same_data(string relative)
    {
        var documents = Documents(await File.ReadAllBytesAsync(SharedData.File(relative)));
        var oneLine = string.Join('\n', documents.Select(d => JsonSerializer.Serialize(d.RootElement))) + "\n";
        var indented = string.Join('\n', documents.Select(d => JsonSerializer.Serialize(d.RootElement, new JsonSerializerOptions { WriteIndented = true })));

        await using var lines = new TestDatabase();
        await using var whole = new TestDatabase();
        var a = await lines.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(oneLine)));
        var b = await whole.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(indented)));

        Assert.True(a.Imported > 0);
        Assert.Equal((a.Read, a.Imported, a.SkippedCount), (b.Read, b.Imported, b.SkippedCount));
        Assert.Equal(await WriterPaths.Snapshot(whole), await WriterPaths.Snapshot(lines));
    }

    [Fact]
    public async Task Several_releases_on_a_line_and_line_endings_of_either_kind_all_import()
    {
        var input = "{\"ocid\":\"ocds-a-1\",\"tender\":{\"title\":\"One\"}} {\"ocid\":\"ocds-a-2\"}\r\n"
                    + "  {\"ocid\":\"ocds-a-3\",\"tender\":{\"title\":\"Three\"}}\t \n"
                    + "{\"ocid\":\"ocds-a-4\"}";
        await using var database = new TestDatabase();
        var summary = await database.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)));

        Assert.Equal(4, summary.Imported);
        Assert.Empty(summary.Skipped);
        await using var db = database.NewContext();
        Assert.Equal(["One", "ocds-a-2", "Three", "ocds-a-4"], await db.Tenders.OrderBy(t => t.Ocid).Select(t => t.Title).ToListAsync());
    }

    [Fact]
    public async Task Packages_records_and_bad_lines_on_one_line_are_read_whole_and_reported_with_their_line()
    {
        var package = "{\"uri\":\"x\",\"releases\":[{\"ocid\":\"ocds-p-1\",\"tender\":{\"title\":\"From a package\"}}]}";
        var record = "{\"ocid\":\"ocds-r-1\",\"releases\":[{\"url\":\"x\"}],\"compiledRelease\":{\"ocid\":\"ocds-r-1\",\"tender\":{\"title\":\"From a record\"}}}";
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(package + "\n" + record + "\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"ocid\":\"ocds-bad-utf8\",\"tender\":{\"title\":\""));
        bytes.AddRange([0xC3, 0x28]); // not UTF-8
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}}\n{\"ocid\":\"ocds-cut\",\"tender\":{\"title\":}\n{\"ocid\":\"   \"}\n{\"ocid\":\"ocds-last\"}\n"));

        await using var database = new TestDatabase();
        var summary = await database.ImportAsync(new MemoryStream([.. bytes]));

        Assert.Equal(3, summary.Imported);
        Assert.Equal([3L, 4L, 5L], summary.Skipped.Select(s => s.Line));
        Assert.Contains("could not be read", summary.Skipped[0].Reason);
        Assert.Equal("ocds-bad-utf8", summary.Skipped[0].Ocid);
        Assert.StartsWith("Malformed JSON", summary.Skipped[1].Reason);
        Assert.Equal("The release has no ocid.", summary.Skipped[2].Reason);
        await using var db = database.NewContext();
        Assert.Equal(["From a package", "From a record", "ocds-last"], await db.Tenders.OrderBy(t => t.Title).Select(t => t.Title).ToListAsync());
    }

    /// <summary>A reference repeated in a release is read once; references of the same length still name their own party.</summary>
    [Fact]
    public async Task Repeated_references_each_resolve_to_the_party_they_name()
    {
        const string release = """{"ocid":"ocds-ref-1","parties":[{"id":"S1","name":"A","identifier":{"scheme":"UA-EDR","id":"11111111"}},{"id":"S2","name":"B","identifier":{"scheme":"UA-EDR","id":"22222222"}}],"bids":{"details":[{"id":"b1","tenderers":[{"id":"S1","name":"A"}]},{"id":"b2","tenderers":[{"id":"S2","name":"B"}]},{"id":"b3","tenderers":[{"id":"S1","name":"A"}]}]},"awards":[{"id":"a1","suppliers":[{"id":"S2","name":"B"}]}]}""";
        await using var database = new TestDatabase();
        await database.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(release + "\n")));

        await using var db = database.NewContext();
        Assert.Equal(["11111111", "22222222", "11111111"], await db.Bids.OrderBy(b => b.ExternalId).Select(b => b.Tenderer!.IdentifierId).ToListAsync());
        Assert.Equal("22222222", (await db.Awards.Include(a => a.Supplier).SingleAsync()).Supplier!.IdentifierId);
    }

    /// <summary>Every top-level JSON value of a file (one document, JSONL or concatenated documents).</summary>
    private static List<JsonDocument> Documents(byte[] utf8)
    {
        var documents = new List<JsonDocument>();
        var reader = new Utf8JsonReader(utf8.AsSpan().StartsWith("\uFEFF"u8) ? utf8.AsSpan(3) : utf8, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read()) documents.Add(JsonDocument.ParseValue(ref reader));
        return documents;
    }
}
