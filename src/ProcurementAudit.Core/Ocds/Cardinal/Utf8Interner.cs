using System.Buffers.Binary;
using System.Text;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// One string instance per distinct UTF-8 value: ids, codes and currencies repeat across releases, so a worker decodes
/// each once. A direct-mapped cache (one slot per hash): a lookup is one hash, one array read and one comparison, and
/// memory stays flat on endless distinct values because a colliding value simply replaces the slot's.
/// </summary>
internal sealed class Utf8Interner
{
    private const int Slots = 1 << 16;
    private readonly Entry[] _entries = new Entry[Slots];

    private readonly record struct Entry(byte[] Utf8, string Value);

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        ref var entry = ref _entries[(int)(Hash(utf8) & (Slots - 1))];
        if (entry.Utf8 is { } known && utf8.SequenceEqual(known)) return entry.Value;
        var value = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), value);
        return value;
    }

    /// <summary>FNV-1a over 8-byte words with a final avalanche; collisions only cost a cache miss.</summary>
    private static ulong Hash(ReadOnlySpan<byte> data)
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
