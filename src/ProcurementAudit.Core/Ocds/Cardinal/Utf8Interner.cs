using System.Buffers.Binary;
using System.Text;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// One string instance per distinct UTF-8 value: ids, codes and currencies repeat across releases, so a worker decodes
/// each once. A two-way set-associative cache: a lookup is one hash and at most two comparisons, and memory stays flat on
/// endless distinct values because a new value evicts the less recently used of its two slots.
/// </summary>
internal sealed class Utf8Interner
{
    private const int Sets = 1 << 16;
    private readonly Entry[] _entries = new Entry[Sets * 2];

    private readonly record struct Entry(byte[] Utf8, string Value);

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        var set = (int)(Hash(utf8) & (Sets - 1)) * 2;
        ref var first = ref _entries[set];
        if (first.Utf8 is { } a && utf8.SequenceEqual(a)) return first.Value;
        ref var second = ref _entries[set + 1];
        if (second.Utf8 is { } b && utf8.SequenceEqual(b))
        {
            (first, second) = (second, first); // most recently used first
            return first.Value;
        }
        var value = Encoding.UTF8.GetString(utf8);
        second = first;
        first = new Entry(utf8.ToArray(), value);
        return value;
    }

    /// <summary>FNV-1a over 8-byte words with a final avalanche; collisions only cost a cache miss.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL ^ (ulong)data.Length;
        while (data.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data)) * 1099511628211UL;
            data = data[8..];
        }
        foreach (var b in data) hash = (hash ^ b) * 1099511628211UL;
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
