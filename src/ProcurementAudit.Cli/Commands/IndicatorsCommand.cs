using System.Buffers;
using System.CommandLine;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Cli.Commands;

/// <summary>Cardinal's <c>indicators</c>: same arguments, same output JSON.</summary>
internal static class IndicatorsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The path to the file (or \"-\" for standard input), in which each line is a contracting process as JSON text" };
        var settings = new Option<string?>("--settings", "-s") { Description = "The path to the settings file" };
        var count = new Option<bool>("--count", "-c") { Description = "Print the number of results per group to standard error" };
        var noMeta = new Option<bool>("--no-meta") { Description = "Exclude the \"Meta\" key from the results object" };
        var map = new Option<bool>("--map") { Description = "Include the \"Maps\" key, mapping contracting processes to organizations" };
        var command = new Command("indicators", "Calculate procurement indicators from OCDS compiled releases in a line-delimited JSON file (OCDS Cardinal-compatible)")
        {
            file, settings, count, noMeta, map,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(file)!, parse.GetValue(settings), parse.GetValue(count), parse.GetValue(noMeta), parse.GetValue(map),
            Console.OpenStandardOutput(), Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(
        string file, string? settingsPath, bool count, bool noMeta, bool map, Stream stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!CardinalIo.TryLoadSettings(settingsPath, stderr, out var settings)) return CardinalIo.UsageError;
        await using var input = CardinalIo.OpenInput(file, stderr);
        if (input is null) return CardinalIo.UsageError;

        var result = await CardinalIndicators.RunAsync(input, settings, map, stderr, ct: ct);

        var buffer = new ArrayBufferWriter<byte>();
        result.WriteJson(buffer, includeMeta: !noMeta, includeMaps: map);
        buffer.Write("\n"u8);
        await stdout.WriteAsync(buffer.WrittenMemory, ct);
        await stdout.FlushAsync(ct);
        if (count)
            foreach (var line in result.CountLines()) await stderr.WriteLineAsync(line);
        return 0;
    }
}
