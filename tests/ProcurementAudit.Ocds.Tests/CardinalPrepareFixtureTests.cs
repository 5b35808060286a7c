using System.Text;
using System.Text.Json;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Ocds.Tests;

/// <summary>Every case of Cardinal's prepare suite: NAME.jsonl with NAME.ini gives NAME.output (the corrected JSONL).</summary>
public sealed class CardinalPrepareFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Conformance.Folder("prepare"), "*.jsonl").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static async Task<(string Output, string Errors, string Warnings)> Prepare(string jsonl, CardinalSettings settings)
    {
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        var warnings = new StringWriter();
        await CardinalPrepare.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), settings, output, errors, warnings, workers: 2);
        return (Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(errors.ToArray()), warnings.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_matches_Cardinal(string name)
    {
        var folder = Conformance.Folder("prepare");
        var ini = Path.Combine(folder, name + ".ini");
        var settings = File.Exists(ini) ? CardinalSettings.Load(ini) : new CardinalSettings();

        var (output, _, _) = await Prepare(File.ReadAllText(Path.Combine(folder, name + ".jsonl")), settings);

        var expectedLines = File.ReadAllLines(Path.Combine(folder, name + ".output"));
        var actualLines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedLines.Length, actualLines.Length);
        for (var i = 0; i < expectedLines.Length; i++)
        {
            using var expected = JsonDocument.Parse(expectedLines[i]);
            using var actual = JsonDocument.Parse(actualLines[i]);
            Assert.Null(Conformance.Difference(expected.RootElement, actual.RootElement, $"line {i + 1}"));
            // Cardinal writes with serde_json's preserve_order: key order and formatting match too.
            Assert.Equal(expectedLines[i], actualLines[i]);
        }
    }

    [Fact]
    public async Task Quality_issues_are_reported_as_csv_rows_with_line_numbers()
    {
        const string jsonl = """
            {"ocid":"a","bids":{"details":[{"value":{"amount":0},"items":[{"classification":{"id":"1"}}]},{"status":"qualified","value":{"amount":5,"currency":"USD"}}]},"awards":[{"id":"1"}]}
            not json
            {"ocid":"b, with comma","awards":[{"status":"Active"}]}
            """;

        var (output, errors, warnings) = await Prepare(jsonl, new CardinalSettings());

        Assert.Equal(
            """
            1,a,/bids/details[]/value/amount,0,,is zero
            1,a,/bids/details[]/value/currency,0,,not set
            1,a,/bids/details[]/items[]/classification/scheme,0.0,,not set
            1,a,/bids/details[]/status,0,,not set
            1,a,/bids/details[]/status,1,qualified,invalid
            1,a,/awards[]/status,0,,not set
            3,"b, with comma",/awards[]/status,0,Active,invalid

            """.ReplaceLineEndings("\n"), errors);
        Assert.Contains("Line 2 is invalid JSON, skipping.", warnings);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Output_keeps_input_order_across_workers()
    {
        var jsonl = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => "{\"ocid\":\"" + i + "\",\"buyer\":{\"id\":" + i + "}}"));

        var (output, _, _) = await Prepare(jsonl, new CardinalSettings());

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_000, lines.Length);
        Assert.Equal("""{"ocid":"19999","buyer":{"id":"19999"}}""", lines[^1]);
        Assert.All(lines.Select((l, i) => (l, i)), p => Assert.StartsWith($$"""{"ocid":"{{p.i}}",""", p.l));
    }
}
