using System.CommandLine;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Cli.Commands;

/// <summary>Cardinal's <c>prepare</c>: corrected JSONL to --output, quality issues (CSV) to --errors.</summary>
internal static class PrepareCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The path to the file (or \"-\" for standard input), in which each line is a contracting process as JSON text" };
        var settings = new Option<string?>("--settings", "-s") { Description = "The path to the settings file" };
        var output = new Option<string>("--output", "-o") { Description = "The file to which to write corrected data (or \"-\" for standard output)", Required = true };
        var errors = new Option<string>("--errors", "-e") { Description = "The file to which to write quality issues (or \"-\" for standard output)", Required = true };
        var command = new Command("prepare", "Correct quality issues within OCDS compiled releases in a line-delimited JSON file (OCDS Cardinal-compatible)")
        {
            file, settings, output, errors,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(file)!, parse.GetValue(settings), parse.GetValue(output)!, parse.GetValue(errors)!, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string file, string? settingsPath, string outputPath, string errorsPath, TextWriter stderr, CancellationToken ct)
    {
        if (!CardinalIo.TryLoadSettings(settingsPath, stderr, out var settings)) return CardinalIo.UsageError;
        await using var input = CardinalIo.OpenInput(file, stderr);
        if (input is null) return CardinalIo.UsageError;

        // Files are written beside their targets and moved into place at the end: a failed run leaves nothing half-written.
        var output = Target.Open(outputPath);
        var errors = outputPath == errorsPath ? output : Target.Open(errorsPath);
        try
        {
            var summary = await CardinalPrepare.RunAsync(input, settings, output.Stream, errors.Stream, stderr, ct: ct);
            await output.CommitAsync();
            if (!ReferenceEquals(errors, output)) await errors.CommitAsync();
            if (outputPath != "-")
                await stderr.WriteLineAsync($"Prepared {summary.LinesWritten} of {summary.LinesRead} lines ({summary.InvalidLines} skipped, {summary.IssuesReported} quality issues).");
            return 0;
        }
        finally
        {
            await output.DisposeAsync();
            if (!ReferenceEquals(errors, output)) await errors.DisposeAsync();
        }
    }

    private sealed class Target : IAsyncDisposable
    {
        private readonly string? _path;
        private readonly string? _temporary;
        private bool _committed;

        private Target(Stream stream, string? path, string? temporary) => (Stream, _path, _temporary) = (stream, path, temporary);

        public Stream Stream { get; }

        public static Target Open(string path)
        {
            if (path == "-") return new Target(Console.OpenStandardOutput(), null, null);
            var temporary = path + ".partial";
            return new Target(new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true), path, temporary);
        }

        public async Task CommitAsync()
        {
            await Stream.FlushAsync();
            if (_path is null) return;
            await Stream.DisposeAsync();
            File.Move(_temporary!, _path, overwrite: true);
            _committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            await Stream.DisposeAsync();
            if (_temporary is not null && !_committed && File.Exists(_temporary)) File.Delete(_temporary);
        }
    }
}
