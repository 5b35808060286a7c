using System.IO.Compression;

namespace ProcurementAudit.Core.Ocds.Import;

public enum InputShape { Empty, Json, NotJson }

/// <summary>Opening an input: gzip is recognised by its magic bytes, not by the file name.</summary>
public static class OcdsInput
{
    /// <summary>Returns a readable stream of the JSON text, decompressing gzip input.</summary>
    public static Stream Open(Stream raw)
    {
        var head = new byte[2];
        var count = ReadAtLeast(raw, head);
        var replay = new ReplayStream(head.AsMemory(0, count), raw);
        return count == 2 && head[0] == 0x1f && head[1] == 0x8b
            ? new BufferedStream(new GZipStream(replay, CompressionMode.Decompress), 128 * 1024)
            : replay;
    }

    /// <summary>Looks at the first significant byte, so callers can refuse non-JSON input before importing it.</summary>
    public static InputShape Sniff(Stream raw)
    {
        using var text = Open(raw);
        var buffer = new byte[4096];
        int read;
        while ((read = text.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
                return b is (byte)'{' or (byte)'[' ? InputShape.Json : InputShape.NotJson;
            }
        }
        return InputShape.Empty;
    }

    private static int ReadAtLeast(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    /// <summary>Gives back the bytes already peeked, then the rest of the inner stream.</summary>
    private sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.IsEmpty) return inner.Read(buffer);
            var n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Counts the bytes read from the input as given (compressed bytes for gzip), for progress bars.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _bytesRead;
    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Interlocked.Add(ref _bytesRead, n);
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
