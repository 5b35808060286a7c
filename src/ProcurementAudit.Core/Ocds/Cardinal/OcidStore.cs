using System.Runtime.CompilerServices;
using System.Text;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>The eleven indicator values of one OCID result, inline (no array object per process).</summary>
[InlineArray(11)]
internal struct IndicatorValues
{
    private double _first;
}

/// <summary>What one worker keeps per contracting process: where its OCID-group result is, and its second-lowest bid ratio.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal struct OcidRecord
{
    /// <summary>1 + the index of the process's result in the store, or 0 for none (most processes with a ratio have none).</summary>
    public int Result;

    public bool HasRatio;
    public double Ratio;
    public long RatioLine;
    /// <summary>Tenderer ids as numbers in <see cref="OcidStore.Name"/>: a record holds no reference for the GC to trace.</summary>
    public int Winner, LowestNonWinner;
}

/// <summary>A process's OCID-group result: the values set so far, the order of its first result and its latest line.</summary>
internal struct OcidResult
{
    public long Order, LastLine;
    public int Mask;
    public IndicatorValues Values;

    public void Set(CardinalIndicator indicator, double value, long line)
    {
        LastLine = Math.Max(LastLine, line);
        Mask |= 1 << (int)indicator;
        Values[(int)indicator] = value;
    }
}

/// <summary>
/// The per-process state of one worker, kept without an object per process: ocids as UTF-8 in byte blocks with an
/// open-addressing index, and one struct per ocid in fixed-size pages that are never copied and hold no references.
/// Only processes that get a result or a ratio are stored. Holding hundreds of thousands of small objects instead made
/// the garbage collector copy them between generations again and again, which cost more than the indicators themselves.
/// </summary>
internal sealed class OcidStore
{
    private const int BlockBytes = 1 << 20;
    private readonly List<byte[]> _blocks = [new byte[BlockBytes]];
    private int _blockUsed;
    private (int Block, int Offset, int Length, int Hash)[] _keys = new (int, int, int, int)[1024];
    private const int PageBits = 12;
    private readonly List<OcidRecord[]> _pages = [];
    private readonly List<OcidResult[]> _resultPages = [];
    private int _results;
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _nameIds = new(StringComparer.Ordinal);
    private int[] _slots = new int[2048]; // id + 1, 0 = empty

    public int Count { get; private set; }

    public ref OcidRecord this[int id] => ref _pages[id >> PageBits][id & ((1 << PageBits) - 1)];

    public bool HasResult(int id) => this[id].Result != 0;

    public ref OcidResult ResultOf(int id)
    {
        var index = this[id].Result - 1;
        return ref _resultPages[index >> PageBits][index & ((1 << PageBits) - 1)];
    }

    /// <summary>Sets one value of a process's result, creating the result (ordered by <paramref name="order"/>) on first use.</summary>
    public void SetResult(int id, CardinalIndicator indicator, double value, long order)
    {
        if (this[id].Result == 0) NewResult(id, order);
        ResultOf(id).Set(indicator, value, order);
    }

    private ref OcidResult NewResult(int id, long order)
    {
        if (_results >> PageBits == _resultPages.Count) _resultPages.Add(new OcidResult[1 << PageBits]);
        this[id].Result = ++_results;
        ref var result = ref ResultOf(id);
        result.Order = result.LastLine = order;
        return ref result;
    }

    public int NameId(string name)
    {
        if (!_nameIds.TryGetValue(name, out var id))
        {
            _nameIds[name] = id = _names.Count;
            _names.Add(name);
        }
        return id;
    }

    public string Name(int id) => _names[id];

    public ReadOnlySpan<byte> Utf8(int id)
    {
        var key = _keys[id];
        return _blocks[key.Block].AsSpan(key.Offset, key.Length);
    }

    public string GetString(int id) => Encoding.UTF8.GetString(Utf8(id));

    public int GetOrAdd(ReadOnlySpan<byte> ocid)
    {
        var hash = Hash(ocid);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                var id = Add(ocid, hash);
                _slots[slot] = id + 1;
                if (Count * 2 > _slots.Length) Rehash();
                return id;
            }
            var key = _keys[entry - 1];
            if (key.Hash == hash && _blocks[key.Block].AsSpan(key.Offset, key.Length).SequenceEqual(ocid)) return entry - 1;
        }
    }

    private int Add(ReadOnlySpan<byte> ocid, int hash)
    {
        if (_blockUsed + ocid.Length > _blocks[^1].Length)
        {
            _blocks.Add(new byte[Math.Max(BlockBytes, ocid.Length)]);
            _blockUsed = 0;
        }
        ocid.CopyTo(_blocks[^1].AsSpan(_blockUsed));
        if (Count == _keys.Length) Array.Resize(ref _keys, Count * 2);
        if (Count >> PageBits == _pages.Count) _pages.Add(new OcidRecord[1 << PageBits]);
        _keys[Count] = (_blocks.Count - 1, _blockUsed, ocid.Length, hash);
        _blockUsed += ocid.Length;
        return Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var slot = _keys[id].Hash & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = id + 1;
        }
    }

    private static int Hash(ReadOnlySpan<byte> data) => (int)(Utf8Interner.Hash(data) & 0x7fffffff);

    /// <summary>
    /// Adds another worker's OCID results as if both had run in file order: for a process in both, the values of the later
    /// line win and the first line orders it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MergeResultsFrom(OcidStore other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            if (!other.HasResult(i)) continue;
            ref var theirs = ref other.ResultOf(i);
            var id = GetOrAdd(other.Utf8(i));
            if (!HasResult(id))
            {
                NewResult(id, theirs.Order) = theirs;
                continue;
            }
            ref var ours = ref ResultOf(id);
            var onlyMissing = theirs.LastLine < ours.LastLine;
            for (var bit = 0; bit < 11; bit++)
            {
                if ((theirs.Mask & (1 << bit)) == 0 || (onlyMissing && (ours.Mask & (1 << bit)) != 0)) continue;
                ours.Mask |= 1 << bit;
                ours.Values[bit] = theirs.Values[bit];
            }
            ours.Order = Math.Min(ours.Order, theirs.Order);
            ours.LastLine = Math.Max(ours.LastLine, theirs.LastLine);
        }
    }

    /// <summary>Adds another worker's ratios; a process in both keeps the later line's, as one pass in file order would.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MergeRatiosFrom(OcidStore other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            ref var theirs = ref other[i];
            if (!theirs.HasRatio) continue;
            var id = GetOrAdd(other.Utf8(i)); // may grow the arrays: take the reference after
            ref var ours = ref this[id];
            if (ours.HasRatio && ours.RatioLine >= theirs.RatioLine) continue;
            ours.HasRatio = true;
            ours.Ratio = theirs.Ratio;
            ours.RatioLine = theirs.RatioLine;
            ours.Winner = NameId(other.Name(theirs.Winner));
            ours.LowestNonWinner = NameId(other.Name(theirs.LowestNonWinner));
        }
    }

    public int ResultCount => _results;

    /// <summary>Ids of the processes with a result, in output order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] ResultsInOrder()
    {
        var ids = new List<int>();
        for (var i = 0; i < Count; i++)
            if (HasResult(i)) ids.Add(i);
        var array = ids.ToArray();
        var orders = array.Select(id => ResultOf(id).Order).ToArray();
        Array.Sort(orders, array);
        return array;
    }

    private (double, double)? _ratioQuartiles;
    private int[]? _ratiosInFileOrder;

    /// <summary>The quartiles of all ratios, computed once for R024 and R058 (call after every ratio is in).</summary>
    public (double Q1, double Q3) RatioQuartiles() => _ratioQuartiles ??= Quantiles.Quartiles(Ratios());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] Ratios()
    {
        var ratios = new List<double>();
        for (var i = 0; i < Count; i++)
            if (this[i].HasRatio) ratios.Add(this[i].Ratio);
        return ratios.ToArray();
    }

    /// <summary>Ids of the processes with a ratio, in file order, computed once (call after every ratio is in).</summary>
    public int[] RatiosInFileOrder() => _ratiosInFileOrder ??= SortRatiosByLine();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] SortRatiosByLine()
    {
        var ids = new List<int>();
        for (var i = 0; i < Count; i++)
            if (this[i].HasRatio) ids.Add(i);
        var array = ids.ToArray();
        var lines = array.Select(id => this[id].RatioLine).ToArray();
        Array.Sort(lines, array);
        return array;
    }
}
