using System.Text.Json;

namespace ProcurementAudit.Ocds.Tests;

/// <summary>Locates the shared Cardinal conformance suite (../shared beside the repository) and compares JSON.</summary>
internal static class Conformance
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder(string name) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance", "cardinal", name));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ProcurementAudit.sln"))) return dir.FullName;
        throw new InvalidOperationException("ProcurementAudit.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Structural equality: object keys in any order, numbers compared as numbers. Returns the first difference.</summary>
    public static string? Difference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind
            && !(expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False))
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var e = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var a = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var key in e.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
                {
                    if (!e.TryGetValue(key, out var ev)) return $"{path}.{key}: unexpected {a[key].GetRawText()}";
                    if (!a.TryGetValue(key, out var av)) return $"{path}.{key}: missing, expected {ev.GetRawText()}";
                    if (Difference(ev, av, $"{path}.{key}") is { } d) return d;
                }
                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength()) return $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
                for (var i = 0; i < expected.GetArrayLength(); i++)
                    if (Difference(expected[i], actual[i], $"{path}[{i}]") is { } d) return d;
                return null;
            case JsonValueKind.Number:
                return expected.GetDouble().Equals(actual.GetDouble()) ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return expected.ValueKind == actual.ValueKind ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }
}
