using System.Text;
using System.Text.Json;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Ocds.Tests;

/// <summary>Every fixture of Cardinal's indicator suite, each its own case, with settings derived from the file name.</summary>
public sealed class CardinalIndicatorFixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Conformance.Folder("indicators"), "*.jsonl").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    /// <summary>
    /// The suite's naming rule: CODE enables the indicator; CODE-description; CODE-field-value (digits are integers, '+' is '|');
    /// CODE-field-k1-v1-k2-v2 is a map. Every fixture also excludes EXC and treats NPC as not price-comparing.
    /// </summary>
    public static string SettingsFor(string stem)
    {
        var parts = stem.Replace('+', '|').Split('-');
        var code = parts[0];
        var ini = new StringBuilder()
            .AppendLine("no_price_comparison_procurement_methods = NPC")
            .AppendLine("[exclusions]")
            .AppendLine("procurement_method_details = EXC")
            .AppendLine($"[{code}]");
        var rest = parts[1..];
        if (rest.Length == 2)
        {
            ini.AppendLine($"{rest[0]} = {rest[1]}");
        }
        else if (rest.Length > 2)
        {
            ini.AppendLine($"[{code}.{rest[0]}]");
            for (var i = 1; i + 1 < rest.Length; i += 2) ini.AppendLine($"{rest[i]} = {rest[i + 1]}");
        }
        return ini.ToString();
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_matches_Cardinal(string stem)
    {
        var folder = Conformance.Folder("indicators");
        var settings = CardinalSettings.Parse(SettingsFor(stem), stem + ".ini");
        await using var input = File.OpenRead(Path.Combine(folder, stem + ".jsonl"));

        var result = await CardinalIndicators.RunAsync(input, settings, workers: 2);

        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, stem + ".expected")));
        using var actual = JsonDocument.Parse(result.ToJson(includeMeta: false));
        Assert.Null(Conformance.Difference(expected.RootElement, actual.RootElement));
    }

    [Fact]
    public void Settings_from_names_follow_the_suite_rules()
    {
        Assert.Equal(10, CardinalSettings.Parse(SettingsFor("R003-threshold-10")).R003!.Threshold);
        Assert.Equal("open|selective", CardinalSettings.Parse(SettingsFor("R003-procurement_methods-open+selective")).R003!.ProcurementMethods);
        var map = CardinalSettings.Parse(SettingsFor("R003-procurement_method_details-x-5-y-10")).R003!.ProcurementMethodDetails!;
        Assert.Equal(5, map["x"]);
        Assert.Equal(10, map["y"]);
        var tenderer = CardinalSettings.Parse(SettingsFor("R038-tenderer"));
        Assert.NotNull(tenderer.R038);
        Assert.Null(tenderer.R024);
        Assert.Equal("EXC", tenderer.Exclusions!.ProcurementMethodDetails);
    }
}
