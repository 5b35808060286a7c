using System.Text;
using ProcurementAudit.Core.Ocds.Cardinal;
using ProcurementAudit.Core.Ocds.Synthetic;

namespace ProcurementAudit.Ocds.Tests;

/// <summary>The single-pass release reader and the parallel fold agree with a document parse and with one pass in file order.</summary>
public sealed class CardinalStreamingTests
{
    private static async Task<(CardinalIndicatorsResult Result, string Warnings)> Run(string jsonl, string ini, int workers, bool map = false)
    {
        var warnings = new StringWriter();
        var result = await CardinalIndicators.RunAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), CardinalSettings.Parse(ini), map, warnings, workers);
        return (result, warnings.ToString());
    }

    [Fact]
    public async Task Two_workers_give_exactly_the_output_of_one_pass_in_file_order()
    {
        // Enough releases for many chunks per worker and more processes than one page of records; the first releases
        // repeat at the end, so a process is seen by both workers and the later line must win.
        var data = new MemoryStream();
        SyntheticReleases.Write(data, 6_000, seed: 7);
        var lines = Encoding.UTF8.GetString(data.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var jsonl = string.Join('\n', lines.Concat(lines.Take(300))) + "\n";
        var ini = string.Join('\n', Enum.GetNames<CardinalIndicator>().Select(code => $"[{code}]"));

        var (single, _) = await Run(jsonl, ini, workers: 1, map: true);
        var (parallel, _) = await Run(jsonl, ini, workers: 2, map: true);

        Assert.Equal(6_300, single.LinesRead);
        Assert.True(single.Groups.Single(g => g.Group == CardinalGroup.OCID).Items.Count > 1_000);
        Assert.Equal(single.ToJson(includeMaps: true), parallel.ToJson(includeMaps: true));
    }

    [Fact]
    public async Task Lines_are_read_as_a_JSON_document_would_be()
    {
        var jsonl = string.Join('\n',
            // Escaped text is compared unescaped.
            """{"ocid":"o\u002d1","tender":{"procurementMethod":"op\u0065n","numberOfTenderers":1}}""",
            // A repeated key replaces the earlier value.
            """{"ocid":"o-2","tender":{"procurementMethod":"open","numberOfTenderers":1},"tender":{"procurementMethod":"open","numberOfTenderers":2}}""",
            // A value of the wrong type counts as missing; 1.0 is not the integer 1.
            """{"ocid":7,"tender":{"procurementMethod":"open","numberOfTenderers":1}}""",
            """{"ocid":"o-4","tender":{"procurementMethod":"open","numberOfTenderers":1.0}}""",
            // Anything after the object makes the line invalid; other JSON values are not releases.
            """{"ocid":"o-5","tender":{"procurementMethod":"open","numberOfTenderers":1}} x""",
            """[{"ocid":"o-6"}]""",
            "",
            """{"ocid":"o-8","tender":{"procurementMethod":"open","numberOfTenderers":1,"items":[{"deep":[[[{}]]]}]}}""",
            // Escaped property names are the same names.
            """{"oc\u0069d":"o-9","tender":{"procurementMethod":"open","numberOf\u0054enderers":1}}""") + "\n";

        var (result, warnings) = await Run(jsonl, "[R018]", workers: 2);

        var flagged = result.Groups.Single(g => g.Group == CardinalGroup.OCID).Items.Select(i => i.Id);
        Assert.Equal(["o-1", "o-8", "o-9"], flagged);
        Assert.Equal(9, result.LinesRead);
        Assert.Equal(1, result.InvalidLines);
        Assert.Contains("Line 5 is invalid JSON, skipping.", warnings);
        Assert.DoesNotContain("Line 7", warnings);
    }
}
