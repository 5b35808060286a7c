using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Turns what the reader yields into tenders: tells packages, records and releases apart, takes a record's
/// compiledRelease or compiles its releases, and compiles the releases of one ocid within a package.
/// </summary>
internal sealed class OcdsUnitProcessor(Action<OcdsTender> emit, Action<long, string?, string> skip, Action countRead)
{
    private readonly List<JsonDocument> _group = [];
    private string? _groupOcid;
    private long _groupLine;
    private JsonDocument? _streamedCompiled;
    private long _streamedCompiledLine;

    public void Process(ReadUnit unit)
    {
        switch (unit.Kind)
        {
            case UnitKind.Error:
                countRead();
                skip(unit.Line, null, unit.Error ?? "Malformed JSON.");
                break;
            case UnitKind.Document:
                using (unit.Document) HandleDocument(unit.Document!.RootElement, unit.Line);
                break;
            case UnitKind.StreamedRecord:
                countRead();
                using (unit.Document) HandleRecord(unit.Document!.RootElement, unit.Line);
                break;
            case UnitKind.StreamedRelease:
                countRead();
                var ocid = OcdsReleaseMapper.Str(unit.Document!.RootElement, "ocid");
                if (_group.Count > 0 && ocid != _groupOcid) FlushGroup();
                if (_group.Count == 0) { _groupOcid = ocid; _groupLine = unit.Line; }
                _group.Add(unit.Document);
                break;
            case UnitKind.StreamedCompiledRelease:
                _streamedCompiled?.Dispose();
                _streamedCompiled = unit.Document;
                _streamedCompiledLine = unit.Line;
                break;
            case UnitKind.StreamEnd:
                if (_streamedCompiled is { } compiled)
                {
                    // A record: its compiledRelease supersedes its releases.
                    countRead();
                    ClearGroup();
                    MapAndEmit(compiled.RootElement, _streamedCompiledLine);
                    compiled.Dispose();
                    _streamedCompiled = null;
                }
                else FlushGroup();
                break;
        }
    }

    /// <summary>
    /// A top-level value held on one line (JSONL, the common case), mapped straight from its bytes with no document built.
    /// False when it is not a release (a package or record), or not one this can read (malformed JSON, invalid UTF-8):
    /// the reader then reads it whole and hands it to <see cref="Process"/>, which reports what is wrong.
    /// </summary>
    public bool TryProcessRelease(ReadOnlySpan<byte> utf8, long line, out int consumed)
    {
        OcdsTender? tender;
        string? ocid, reason;
        try
        {
            if (!OcdsReleaseMapper.TryMapRelease(utf8, line, out tender, out ocid, out reason, out consumed)) return false;
        }
        catch (Exception e) when (e is JsonException || IsUnreadable(e))
        {
            consumed = 0;
            return false;
        }
        countRead();
        if (tender is null) skip(line, ocid, reason ?? "The release could not be read.");
        else emit(tender);
        return true;
    }

    public void Complete()
    {
        FlushGroup();
        _streamedCompiled?.Dispose();
    }

    private void HandleDocument(JsonElement root, long line)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            countRead();
            skip(line, null, "Not an OCDS release, record or package: the document is not a JSON object.");
            return;
        }
        var hasReleases = root.TryGetProperty("releases", out var releases) && releases.ValueKind == JsonValueKind.Array;
        if (root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array)
        {
            foreach (var record in records.EnumerateArray())
            {
                countRead();
                HandleRecord(record, line);
            }
        }
        else if (root.TryGetProperty("compiledRelease", out _) || root.TryGetProperty("versionedRelease", out _) || (hasReleases && root.TryGetProperty("ocid", out _)))
        {
            countRead();
            HandleRecord(root, line);
        }
        else if (hasReleases)
        {
            // A release package: the releases of each ocid are compiled together, in the order the ocids appear.
            var groups = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
            foreach (var release in releases.EnumerateArray())
            {
                countRead();
                var ocid = OcdsReleaseMapper.Str(release, "ocid");
                if (ocid is null) { skip(line, null, "A release in the package has no ocid."); continue; }
                if (!groups.TryGetValue(ocid, out var list)) groups[ocid] = list = [];
                list.Add(release);
            }
            foreach (var group in groups.Values) CompileAndEmit(group, line);
        }
        else if (root.TryGetProperty("ocid", out _))
        {
            countRead();
            MapAndEmit(root, line);
        }
        else
        {
            countRead();
            skip(line, null, "Not an OCDS release, record or package: no ocid, releases or records.");
        }
    }

    private void HandleRecord(JsonElement record, long line)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            skip(line, null, "A record is not a JSON object.");
            return;
        }
        if (record.TryGetProperty("compiledRelease", out var compiled) && compiled.ValueKind == JsonValueKind.Object)
        {
            MapAndEmit(compiled, line);
            return;
        }
        var embedded = new List<JsonElement>();
        if (record.TryGetProperty("releases", out var releases) && releases.ValueKind == JsonValueKind.Array)
            foreach (var release in releases.EnumerateArray())
                if (IsEmbeddedRelease(release)) embedded.Add(release);
        if (embedded.Count == 0)
        {
            skip(line, OcdsReleaseMapper.Str(record, "ocid"), "The record has no compiledRelease and its releases are only links, so there is nothing to compile.");
            return;
        }
        CompileAndEmit(embedded, line);
    }

    /// <summary>A linked release carries only url, date and tag; an embedded one carries the data.</summary>
    private static bool IsEmbeddedRelease(JsonElement release) =>
        release.ValueKind == JsonValueKind.Object
        && release.EnumerateObject().Any(p => p.Name is not ("url" or "date" or "tag"));

    private void CompileAndEmit(List<JsonElement> releases, long line)
    {
        if (releases.Count == 1)
        {
            MapAndEmit(releases[0], line);
            return;
        }
        var compiled = OcdsMerge.Compile(releases);
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(compiled));
        MapAndEmit(document.RootElement, line);
    }

    private void FlushGroup()
    {
        if (_group.Count == 0) return;
        try
        {
            CompileAndEmit(_group.Select(d => d.RootElement).ToList(), _groupLine);
        }
        finally
        {
            ClearGroup();
        }
    }

    private void ClearGroup()
    {
        foreach (var document in _group) document.Dispose();
        _group.Clear();
        _groupOcid = null;
    }

    private void MapAndEmit(JsonElement release, long line)
    {
        OcdsTender? tender;
        string? reason;
        try
        {
            tender = OcdsReleaseMapper.Map(release, line, out reason);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            tender = null;
            reason = $"The release could not be read: {e.Message}";
        }
        if (tender is null) skip(line, OcdsReleaseMapper.Str(release, "ocid"), reason ?? "The release could not be read.");
        else emit(tender);
    }

    /// <summary>What reading a value of the wrong shape or encoding throws (not a bug here, a release we cannot read).</summary>
    private static bool IsUnreadable(Exception e) => e is InvalidOperationException or FormatException or OverflowException or ArgumentException;
}
