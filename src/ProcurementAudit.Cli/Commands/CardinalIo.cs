using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Cli.Commands;

/// <summary>File handling shared by the Cardinal-compatible commands: "-" is standard input/output, errors go to standard error.</summary>
internal static class CardinalIo
{
    public const int UsageError = 2;

    public static Stream? OpenInput(string file, TextWriter stderr)
    {
        if (file == "-") return Console.OpenStandardInput();
        if (Directory.Exists(file))
        {
            stderr.WriteLine($"error: {file}: Is a directory, not a file");
            return null;
        }
        if (!File.Exists(file))
        {
            stderr.WriteLine($"error: {file}: No such file or directory");
            return null;
        }
        return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
    }

    /// <summary>The settings file, or null after writing an error that names the bad section or key.</summary>
    public static bool TryLoadSettings(string? path, TextWriter stderr, out CardinalSettings settings)
    {
        settings = new CardinalSettings();
        if (path is null) return true;
        try
        {
            settings = CardinalSettings.Load(path);
            return true;
        }
        catch (CardinalSettingsException ex)
        {
            stderr.WriteLine($"error: invalid value '{path}' for '--settings <SETTINGS>': {ex.Message}");
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"error: invalid value '{path}' for '--settings <SETTINGS>': {ex.Message}");
        }
        return false;
    }
}
