using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Compiles releases of one ocid into a compiled release with the OCDS merge rules: releases are applied in date
/// order, a later value overrides an earlier one, <c>null</c> removes a field, arrays of objects that all carry an
/// <c>id</c> merge entry by entry on that id, and any other array is replaced whole.
/// </summary>
public static class OcdsMerge
{
    public static JsonObject Compile(IEnumerable<JsonElement> releases)
    {
        var ordered = releases
            .Select((release, index) => (release, index, date: DateOf(release)))
            .OrderBy(r => r.date ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.index)
            .ToList();
        var compiled = new JsonObject();
        foreach (var (release, _, _) in ordered)
        {
            if (release.ValueKind != JsonValueKind.Object) continue;
            if (JsonNode.Parse(release.GetRawText()) is JsonObject source) MergeObject(compiled, source);
        }
        var ocid = compiled["ocid"]?.GetValue<string>();
        var last = ordered.Count > 0 ? ordered[^1].date : null;
        compiled["id"] = last is null ? $"{ocid}-compiled" : $"{ocid}-{last.Value.ToString("O", CultureInfo.InvariantCulture)}";
        compiled["tag"] = new JsonArray("compiled");
        return compiled;
    }

    private static DateTimeOffset? DateOf(JsonElement release) =>
        release.ValueKind == JsonValueKind.Object && release.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed : null;

    private static void MergeObject(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
                continue;
            }
            var existing = target[key];
            if (value is JsonObject sourceObject && existing is JsonObject targetObject)
            {
                MergeObject(targetObject, sourceObject);
            }
            else if (value is JsonArray sourceArray && existing is JsonArray targetArray && IsIdentifiedArray(sourceArray) && IsIdentifiedArray(targetArray))
            {
                MergeById(targetArray, sourceArray);
            }
            else
            {
                source.Remove(key);
                target[key] = value;
            }
        }
    }

    private static void MergeById(JsonArray target, JsonArray source)
    {
        foreach (var item in source.ToList())
        {
            var sourceObject = (JsonObject)item!;
            var id = IdOf(sourceObject);
            var match = target.OfType<JsonObject>().FirstOrDefault(t => IdOf(t) == id);
            if (match is not null)
            {
                MergeObject(match, sourceObject);
            }
            else
            {
                source.Remove(item);
                target.Add(sourceObject);
            }
        }
    }

    private static bool IsIdentifiedArray(JsonArray array) =>
        array.Count > 0 && array.All(item => item is JsonObject o && o["id"] is JsonValue);

    private static string? IdOf(JsonObject item) => item["id"] is JsonValue value ? value.ToJsonString() : null;
}
