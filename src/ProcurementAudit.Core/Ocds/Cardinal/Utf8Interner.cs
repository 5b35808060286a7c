using System.Buffers.Binary;
using System.Text;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// One string instance per distinct UTF-8 value: ids, codes and currencies repeat across releases, so a worker decodes
/// each once. Found by a 64-bit hash and confirmed byte for byte; bounded, so memory stays flat on endless distinct values.
/// </summary>
internal sealed class Utf8Interner
{
    private const int MaxEntries = 1 << 20;
    private readonly Dictionary<ulong, Entry> _entries = [];

    private readonly record struct Entry(byte[] Utf8, string Value);

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        if (_entries.TryGetValue(hash, out var entry) && utf8.SequenceEqual(entry.Utf8)) return entry.Value;
        var value = Encoding.UTF8.GetString(utf8);
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[hash] = new Entry(utf8.ToArray(), value);
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
