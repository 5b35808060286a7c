using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Import;

internal enum UnitKind
{
    /// <summary>A whole top-level JSON value (release, record, package, or anything else); the consumer disposes it.</summary>
    Document,
    /// <summary>One entry of the <c>records</c> array of a package too large to hold whole.</summary>
    StreamedRecord,
    /// <summary>One entry of the <c>releases</c> array of a package (or record) too large to hold whole.</summary>
    StreamedRelease,
    /// <summary>The <c>compiledRelease</c> of a top-level record too large to hold whole.</summary>
    StreamedCompiledRelease,
    /// <summary>End of a streamed top-level value.</summary>
    StreamEnd,
    /// <summary>Malformed JSON; <see cref="ReadUnit.Error"/> says why.</summary>
    Error,
}

/// <summary>Takes a top-level value that ends its line, straight from the buffer; false leaves it to be read whole.</summary>
internal delegate bool OneLineDocumentHandler(ReadOnlySpan<byte> utf8, long line, out int consumed);

internal readonly record struct ReadUnit(UnitKind Kind, JsonDocument? Document, long Line, string? Error = null);

/// <summary>
/// Splits a byte stream into JSON values without holding the stream in memory: JSONL, concatenated documents and
/// single documents alike. A value larger than the limit is walked property by property and its <c>records</c> /
/// <c>releases</c> entries come out one at a time. After malformed JSON the reader resumes at the next line that
/// starts with <c>{</c> or <c>[</c> in the first column, which is the next document of a JSONL or concatenated stream.
/// </summary>
internal sealed class OcdsDocumentReader(Stream stream, int wholeDocumentLimit, OneLineDocumentHandler? oneLine = null)
{
    private byte[] _buffer = new byte[128 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private long _line = 1;
    private int _lineCountedTo;

    // Streamed mode: position and reader state between calls.
    private int _pos;
    private JsonReaderState _state;
    private StreamPhase _phase;
    private string? _property;
    private long _streamStartLine;

    private enum StreamPhase { BeforeObject, InObject, InRecords, InReleases }
    private enum Step { Unit, NeedData, Done }

    public IEnumerable<ReadUnit> Read()
    {
        Fill();
        SkipBom();
        while (true)
        {
            if (!SkipWhitespace()) yield break;
            var docLine = LineAt(_start);
            if (TryHandOverLine(docLine)) continue;
            var (outcome, unit) = TryReadWhole(docLine);
            if (outcome == WholeOutcome.Unit)
            {
                yield return unit;
                continue;
            }
            if (outcome == WholeOutcome.Error)
            {
                yield return unit;
                Resync();
                continue;
            }
            if (outcome == WholeOutcome.NeedData)
            {
                if (_eof)
                {
                    yield return new ReadUnit(UnitKind.Error, null, docLine, "The document is cut off: the input ends inside it.");
                    yield break;
                }
                Fill();
                continue;
            }

            // Too large to hold whole: walk it.
            _pos = _start;
            _streamStartLine = docLine;
            _state = new JsonReaderState();
            _phase = StreamPhase.BeforeObject;
            while (true)
            {
                var (step, streamed) = StreamStep();
                if (step == Step.Unit)
                {
                    yield return streamed;
                    if (streamed.Kind == UnitKind.Error) { Resync(); break; }
                    if (streamed.Kind == UnitKind.StreamEnd) break;
                    continue;
                }
                if (step == Step.NeedData)
                {
                    if (_eof)
                    {
                        yield return new ReadUnit(UnitKind.Error, null, LineAt(_pos), "The document is cut off: the input ends inside it.");
                        yield break;
                    }
                    _start = _pos;
                    Fill();
                    _pos = _start;
                }
            }
        }
    }

    /// <summary>
    /// An object that ends its line (every line of JSONL) goes to <c>oneLine</c> without a document being built.
    /// Anything else, or anything it declines, is read whole as before.
    /// </summary>
    private bool TryHandOverLine(long docLine)
    {
        if (oneLine is null || _buffer[_start] != (byte)'{') return false;
        var span = _buffer.AsSpan(_start, _end - _start);
        var newline = span.IndexOf((byte)'\n');
        if (newline < 0 && !_eof) return false;
        var line = (newline < 0 ? span : span[..newline]).TrimEnd(" \t\r"u8);
        if (line.Length == 0 || line[^1] != (byte)'}' || !oneLine(line, docLine, out var consumed)) return false;
        _start += consumed;
        return true;
    }

    private enum WholeOutcome { Unit, NeedData, TooLarge, Error }

    private (WholeOutcome, ReadUnit) TryReadWhole(long docLine)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(span, _eof, default);
        try
        {
            if (!reader.Read()) return (WholeOutcome.NeedData, default);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                // One pass: parsing tells whether the value is complete. Skipping it first to find its end, then parsing
                // the span, read every byte twice; the copy parsing makes is cheap beside that.
                var whole = new Utf8JsonReader(span, _eof, default);
                if (!JsonDocument.TryParseValue(ref whole, out var parsed))
                    return (_end - _start >= wholeDocumentLimit && reader.TokenType == JsonTokenType.StartObject ? WholeOutcome.TooLarge : WholeOutcome.NeedData, default);
                _start += (int)whole.BytesConsumed;
                return (WholeOutcome.Unit, new ReadUnit(UnitKind.Document, parsed, docLine));
            }
            else if (!_eof && reader.BytesConsumed == span.Length)
            {
                return (WholeOutcome.NeedData, default); // a scalar may continue in the next block
            }
            var restart = new Utf8JsonReader(span, _eof, default);
            var document = JsonDocument.ParseValue(ref restart);
            _start += (int)restart.BytesConsumed;
            return (WholeOutcome.Unit, new ReadUnit(UnitKind.Document, document, docLine));
        }
        catch (JsonException e)
        {
            return (WholeOutcome.Error, new ReadUnit(UnitKind.Error, null, docLine + (e.LineNumber ?? 0), $"Malformed JSON: {FirstSentence(e.Message)}"));
        }
    }

    private (Step, ReadUnit) StreamStep()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _end - _pos), _eof, _state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = reader.BytesConsumed;
                if (!reader.Read()) return Rewind(before, beforeConsumed);
                switch (_phase)
                {
                    case StreamPhase.BeforeObject:
                        _phase = StreamPhase.InObject;
                        continue;
                    case StreamPhase.InObject:
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            Commit(ref reader);
                            _start = _pos;
                            return (Step.Unit, new ReadUnit(UnitKind.StreamEnd, null, LineAt(_pos)));
                        }
                        if (reader.TokenType == JsonTokenType.PropertyName)
                        {
                            _property = reader.GetString();
                            if (!reader.Read()) return Rewind(before, beforeConsumed);
                            if (reader.TokenType == JsonTokenType.StartArray && _property is "records" or "releases")
                            {
                                _phase = _property == "records" ? StreamPhase.InRecords : StreamPhase.InReleases;
                                continue;
                            }
                            if (reader.TokenType == JsonTokenType.StartObject && _property == "compiledRelease")
                            {
                                var line = LineAt(_pos + (int)reader.TokenStartIndex);
                                var probe = reader;
                                if (!probe.TrySkip()) return Rewind(before, beforeConsumed);
                                var document = JsonDocument.ParseValue(ref reader);
                                Commit(ref reader);
                                return (Step.Unit, new ReadUnit(UnitKind.StreamedCompiledRelease, document, line));
                            }
                            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                                return Rewind(before, beforeConsumed);
                        }
                        continue;
                    default:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _phase = StreamPhase.InObject;
                            continue;
                        }
                        {
                            var line = LineAt(_pos + (int)reader.TokenStartIndex);
                            var probe = reader;
                            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !probe.TrySkip())
                                return Rewind(before, beforeConsumed);
                            var document = JsonDocument.ParseValue(ref reader);
                            Commit(ref reader);
                            var kind = _phase == StreamPhase.InRecords ? UnitKind.StreamedRecord : UnitKind.StreamedRelease;
                            return (Step.Unit, new ReadUnit(kind, document, line));
                        }
                }
            }
        }
        catch (JsonException e)
        {
            // The reader state carries line numbers from the start of the walked value.
            var line = _streamStartLine + (e.LineNumber ?? 0);
            return (Step.Unit, new ReadUnit(UnitKind.Error, null, line, $"Malformed JSON: {FirstSentence(e.Message)}"));
        }
    }

    private (Step, ReadUnit) Rewind(JsonReaderState before, long beforeConsumed)
    {
        _state = before;
        _pos += (int)beforeConsumed;
        return (Step.NeedData, default);
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _state = reader.CurrentState;
        _pos += (int)reader.BytesConsumed;
    }

    /// <summary>Moves past the broken document to the next line that starts a top-level value.</summary>
    private void Resync()
    {
        var atLineStart = false;
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var i = 0;
            while (i < span.Length)
            {
                if (atLineStart)
                {
                    if (span[i] is (byte)'{' or (byte)'[')
                    {
                        LineAt(_start + i);
                        _start += i;
                        return;
                    }
                    atLineStart = false;
                }
                var newline = span[i..].IndexOf((byte)'\n');
                if (newline < 0) { i = span.Length; break; }
                i += newline + 1;
                atLineStart = true;
            }
            LineAt(_end);
            _start = _end;
            if (_eof) return;
            Fill();
        }
    }

    private bool SkipWhitespace()
    {
        while (true)
        {
            while (_start < _end && _buffer[_start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') _start++;
            if (_start < _end) return true;
            if (_eof) return false;
            Fill();
        }
    }

    private void SkipBom()
    {
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
            _lineCountedTo = _start;
        }
    }

    /// <summary>The 1-based line of a buffer position (positions are asked for in increasing order).</summary>
    private long LineAt(int position)
    {
        if (position > _lineCountedTo)
        {
            _line += _buffer.AsSpan(_lineCountedTo, position - _lineCountedTo).Count((byte)'\n');
            _lineCountedTo = position;
        }
        return _line;
    }

    /// <summary>Keeps bytes from <c>_start</c> on, moves them to the front, grows when full, and reads more.</summary>
    private void Fill()
    {
        if (_eof) return;
        if (_start > 0)
        {
            LineAt(_start);
            var length = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
            _lineCountedTo -= _start;
            _end = length;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    private static string FirstSentence(string message)
    {
        // The reader's own position is relative to where it started; the line we report replaces it.
        foreach (var marker in (string[])[" LineNumber:", " Path:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd();
    }
}
