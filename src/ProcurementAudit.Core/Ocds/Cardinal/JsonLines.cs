using System.Buffers;
using System.Threading.Channels;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>A block of whole lines read from a JSONL stream, in a pooled buffer the consumer returns.</summary>
internal sealed class LineChunk(byte[] buffer, int length, long firstLine)
{
    public byte[] Buffer { get; } = buffer;
    public int Length { get; } = length;
    /// <summary>1-based number of the first line in the chunk.</summary>
    public long FirstLine { get; } = firstLine;

    /// <summary>Calls <paramref name="line"/> for each line (without its line break) and its 1-based number.</summary>
    public void ForEachLine(LineAction line)
    {
        var data = Buffer.AsMemory(0, Length);
        var number = FirstLine;
        var start = 0;
        while (start < Length)
        {
            var newline = data.Span[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? Length : start + newline;
            var slice = data[start..end];
            if (slice.Length > 0 && slice.Span[^1] == (byte)'\r') slice = slice[..^1];
            line(slice, number++);
            start = end + 1;
        }
    }

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}

internal delegate void LineAction(ReadOnlyMemory<byte> line, long number);

internal static class JsonLines
{
    public static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) return false;
        return true;
    }

    /// <summary>
    /// Runs <paramref name="worker"/> on every chunk on <paramref name="workers"/> dedicated threads. Each thread takes the
    /// next chunk itself (<see cref="LineChunkSource"/>): no reader thread, no channel and no thread-pool hand-offs, whose
    /// spinning and waking cost more CPU than the reads on a busy two-core machine. Chunks that <paramref name="inline"/>
    /// must see in file order are handed to it first, on the calling thread, for as long as it returns true.
    /// </summary>
    public static async Task RunParallelAsync(
        Stream input, int workers, Func<LineChunk, bool>? inline, Action<int, LineChunk> worker, CancellationToken ct)
    {
        var source = new LineChunkSource(input);
        if (inline is not null)
        {
            while (source.Next(ct) is { } chunk)
            {
                bool more;
                try { more = inline(chunk); }
                finally { chunk.Release(); }
                if (!more) break;
            }
        }

        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var index = w;
            tasks[w] = Task.Factory.StartNew(() =>
            {
                try
                {
                    while (source.Next(ct) is { } chunk)
                    {
                        try { worker(index, chunk); }
                        finally { chunk.Release(); }
                    }
                }
                catch
                {
                    source.Stop(); // the other workers finish their chunk and stop
                    throw;
                }
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        await Task.WhenAll(tasks);
    }
}

/// <summary>
/// Cuts a stream into chunks of whole lines for several threads: a thread takes the next chunk under a lock, reading it
/// synchronously. Memory stays at one chunk per thread; only a single line longer than a chunk makes a chunk grow.
/// </summary>
internal sealed class LineChunkSource(Stream input)
{
    private const int ChunkBytes = 512 * 1024;
    private readonly Lock _lock = new();
    private byte[] _carry = new byte[4096];
    private int _carryLength;
    private long _line = 1;
    private bool _eof, _stopped;

    public void Stop()
    {
        lock (_lock) _stopped = true;
    }

    public LineChunk? Next(CancellationToken ct)
    {
        lock (_lock)
        {
            ct.ThrowIfCancellationRequested();
            if (_stopped || (_eof && _carryLength == 0)) return null;
            var pool = ArrayPool<byte>.Shared;
            var buffer = pool.Rent(Math.Max(ChunkBytes, _carryLength * 2));
            _carry.AsSpan(0, _carryLength).CopyTo(buffer);
            var filled = _carryLength;
            _carryLength = 0;
            while (true)
            {
                while (filled < buffer.Length && !_eof)
                {
                    var n = input.Read(buffer, filled, buffer.Length - filled);
                    if (n == 0) _eof = true;
                    filled += n;
                }
                var end = _eof ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                if (end == 0 && !_eof)
                {
                    // One line longer than the buffer: grow it and read on.
                    var bigger = pool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    pool.Return(buffer);
                    buffer = bigger;
                    continue;
                }
                if (end == 0)
                {
                    pool.Return(buffer);
                    return null;
                }
                _carryLength = filled - end;
                if (_carry.Length < _carryLength) _carry = new byte[Math.Max(_carry.Length * 2, _carryLength)];
                buffer.AsSpan(end, _carryLength).CopyTo(_carry);
                var chunk = new LineChunk(buffer, end, _line);
                _line += buffer.AsSpan(0, end).Count((byte)'\n');
                return chunk;
            }
        }
    }
}

internal static class OrderedPipeline
{
    /// <summary>
    /// Transforms chunks on <paramref name="workers"/> threads and hands the results to <paramref name="write"/> in input
    /// order, so parallel output is identical to a single pass.
    /// </summary>
    public static async Task RunAsync<T>(Stream input, int workers, Func<LineChunk, T> transform, Func<T, ValueTask> write, CancellationToken ct)
    {
        var work = Channel.CreateBounded<(LineChunk Chunk, TaskCompletionSource<T> Done)>(workers * 2);
        var ordered = Channel.CreateBounded<TaskCompletionSource<T>>(workers * 4);

        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
        {
            while (work.Reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult())
            {
                while (work.Reader.TryRead(out var job))
                {
                    try { job.Done.SetResult(transform(job.Chunk)); }
                    catch (Exception ex) { job.Done.SetException(ex); }
                    finally { job.Chunk.Release(); }
                }
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        var writer = Task.Run(async () =>
        {
            await foreach (var done in ordered.Reader.ReadAllAsync(ct))
                await write(await done.Task);
        }, ct);

        try
        {
            var source = new LineChunkSource(input);
            while (source.Next(ct) is { } chunk)
            {
                var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                // The writer may have failed (e.g. disk full): stop reading rather than wait on a full channel.
                if (writer.IsFaulted)
                {
                    chunk.Release();
                    await writer;
                }
                await ordered.Writer.WriteAsync(done, ct);
                await work.Writer.WriteAsync((chunk, done), ct);
            }
        }
        finally
        {
            work.Writer.TryComplete();
            ordered.Writer.TryComplete();
        }
        await Task.WhenAll(tasks);
        await writer;
    }
}
