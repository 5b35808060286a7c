using System.Collections.Concurrent;
using SkiaSharp;

namespace ProcurementAudit.Reports.Composition;

/// <summary>Where the renderer finds its fonts.</summary>
public sealed record ReportRenderOptions
{
    /// <summary>
    /// Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (the repository's reports/fonts). Null: the copy placed
    /// next to this assembly by the build. Fonts never come from the system, so every machine renders the same bytes.
    /// </summary>
    public string? FontsDirectory { get; init; }

    public static readonly ReportRenderOptions Default = new();

    internal string ResolveFontsDirectory() =>
        Path.GetFullPath(FontsDirectory ?? Path.Combine(Path.GetDirectoryName(typeof(ReportRenderOptions).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory, "fonts"));
}

/// <summary>The embedded font family: regular and bold faces, loaded once per folder and shared (typefaces are immutable).</summary>
internal sealed class FontSet
{
    public const string RegularFile = "DejaVuSans.ttf";
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    // A failed load is not cached, so fixing the folder works without a restart; a race may load twice, harmlessly.
    private static readonly ConcurrentDictionary<string, FontSet> Cache = new(StringComparer.Ordinal);

    public SKTypeface Regular { get; }
    public SKTypeface Bold { get; }

    private FontSet(SKTypeface regular, SKTypeface bold) => (Regular, Bold) = (regular, bold);

    public static FontSet Load(string directory) => Cache.GetOrAdd(directory, LoadFrom);

    private static FontSet LoadFrom(string directory)
    {
        var regular = LoadFace(directory, RegularFile);
        var bold = LoadFace(directory, BoldFile);
        return new FontSet(regular, bold);
    }

    private static SKTypeface LoadFace(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Report font '{file}' was not found in '{directory}'. Point ReportRenderOptions.FontsDirectory at the repository's reports/fonts.", path);
        // FromStream over the bytes, not FromFile: the typeface must not depend on the file staying open or unchanged.
        using var data = SKData.CreateCopy(File.ReadAllBytes(path));
        return SKTypeface.FromData(data) ?? throw new InvalidDataException($"Report font '{path}' could not be read as a font.");
    }
}
