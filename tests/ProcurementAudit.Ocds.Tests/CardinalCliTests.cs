using System.Text;
using ProcurementAudit.Cli.Commands;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Ocds.Tests;

/// <summary>The Cardinal-compatible commands, run in-process on Cardinal's documentation examples.</summary>
public sealed class CardinalCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cardinal-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Example(string name) => Path.Combine(Conformance.Folder("examples"), name);

    private static async Task<(int Code, string Stdout, string Stderr)> Indicators(string file, string? settings, bool count = false, bool noMeta = false)
    {
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var code = await IndicatorsCommand.RunAsync(file, settings, count, noMeta, map: false, stdout, stderr, CancellationToken.None);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task Indicators_prints_Cardinal_output_with_meta_for_the_R024_example()
    {
        var (code, stdout, stderr) = await Indicators(Example("024.jsonl"), Example("024.ini"), count: true);

        Assert.Equal(0, code);
        // Ratios 1 (F) and 99 (x4): q1 66.3333, q3 99, lower fence 17.3333; F is flagged with its winner W and runner-up L.
        Assert.Equal(
            """{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}},"Meta":{"R024":{"q1":66.3333,"q3":99.0,"lower_fence":17.3333}}}""" + "\n",
            stdout);
        Assert.Equal("OCID: 1\nTenderer: 2", stderr.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task No_meta_omits_the_Meta_key()
    {
        var (code, stdout, _) = await Indicators(Example("024.jsonl"), Example("024.ini"), noMeta: true);

        Assert.Equal(0, code);
        Assert.DoesNotContain("Meta", stdout);
        Assert.StartsWith("""{"OCID":{"F":""", stdout);
    }

    [Fact]
    public async Task An_unknown_settings_key_is_an_error_that_names_it()
    {
        var settings = Path.Combine(_folder, "bad.ini");
        await File.WriteAllTextAsync(settings, "[R024]\nthreshold = 0.05\nthreshhold = 0.1\n");

        var (code, stdout, stderr) = await Indicators(Example("024.jsonl"), settings);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("R024.threshhold: unknown field `threshhold`", stderr);
        Assert.Contains("line 3", stderr);
    }

    [Fact]
    public async Task An_unknown_section_is_an_error_that_names_it()
    {
        var settings = Path.Combine(_folder, "bad.ini");
        await File.WriteAllTextAsync(settings, "[R999]\n");

        var (code, _, stderr) = await Indicators(Example("024.jsonl"), settings);

        Assert.Equal(2, code);
        Assert.Contains("unknown field `R999`", stderr);
    }

    [Fact]
    public async Task Malformed_lines_are_reported_with_their_number_and_skipped()
    {
        var file = Path.Combine(_folder, "mixed.jsonl");
        await File.WriteAllTextAsync(file,
            """{"ocid":"a","tender":{"numberOfTenderers":1,"procurementMethod":"open"}}""" + "\n{broken\n\n" +
            """{"ocid":"b","tender":{"numberOfTenderers":1,"procurementMethod":"open"}}""" + "\n");
        var settings = Path.Combine(_folder, "r018.ini");
        await File.WriteAllTextAsync(settings, "[R018]\n");

        var (code, stdout, stderr) = await Indicators(file, settings, noMeta: true);

        Assert.Equal(0, code);
        Assert.Equal("""{"OCID":{"a":{"R018":1.0},"b":{"R018":1.0}}}""" + "\n", stdout);
        Assert.Contains("Line 2 is invalid JSON, skipping.", stderr);
        Assert.DoesNotContain("Line 3", stderr); // blank lines are skipped silently
    }

    [Fact]
    public async Task Init_writes_settings_that_enable_every_indicator_and_prepare_reads_them()
    {
        var settings = Path.Combine(_folder, "settings.ini");
        Assert.Equal(0, InitCommand.Run(settings, force: false, new StringWriter(), new StringWriter()));
        Assert.Equal(1, InitCommand.Run(settings, force: false, new StringWriter(), new StringWriter()));

        var parsed = CardinalSettings.Load(settings);
        Assert.All(new object?[] { parsed.R003, parsed.R018, parsed.R024, parsed.R025, parsed.R028, parsed.R030, parsed.R035, parsed.R036, parsed.R038, parsed.R048, parsed.R058 },
            Assert.NotNull);

        var output = Path.Combine(_folder, "prepared.jsonl");
        var errors = Path.Combine(_folder, "errors.csv");
        var code = await PrepareCommand.RunAsync(Example("024.jsonl"), settings, output, errors, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllLines(Example("024.jsonl")).Length, File.ReadAllLines(output).Length);
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public void Commands_parse_Cardinal_style_arguments()
    {
        Assert.Empty(IndicatorsCommand.Create().Parse(["--settings", "s.ini", "--no-meta", "--count", "--map", "file.jsonl"]).Errors);
        Assert.Empty(IndicatorsCommand.Create().Parse(["-s", "s.ini", "-c", "-"]).Errors);
        Assert.Empty(PrepareCommand.Create().Parse(["-s", "s.ini", "-o", "out.jsonl", "-e", "errors.csv", "in.jsonl"]).Errors);
        Assert.NotEmpty(PrepareCommand.Create().Parse(["in.jsonl"]).Errors); // --output and --errors are required
        Assert.Empty(InitCommand.Create().Parse(["settings.ini", "--force"]).Errors);
    }
}
