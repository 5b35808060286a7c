using System.CommandLine;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Cli.Commands;

/// <summary>Cardinal's <c>init</c>: writes the commented default settings file ("-" for standard output).</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The path to the settings file to write" };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite the settings file if it already exists" };
        var command = new Command("init", "Write a default settings file for configuration (OCDS Cardinal-compatible)") { file, force };
        command.SetAction((parse, _) => Task.FromResult(Run(parse.GetValue(file)!, parse.GetValue(force), Console.Out, Console.Error)));
        return command;
    }

    public static int Run(string file, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (file == "-")
        {
            stdout.Write(CardinalInit.DefaultSettings);
            return 0;
        }
        if (File.Exists(file) && !force)
        {
            stderr.WriteLine($"{file} already exists; use --force to overwrite it.");
            return 1;
        }
        try
        {
            File.WriteAllText(file, CardinalInit.DefaultSettings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Error writing to {file}: {ex.Message}");
            return 1;
        }
        stdout.WriteLine($"Settings written to {file}.");
        return 0;
    }
}
