using System.Runtime.CompilerServices;

namespace ProcurementAudit.Core.Ocds.Cardinal;

public enum CardinalIndicator { R003, R018, R024, R025, R028, R030, R035, R036, R038, R048, R058 }

public enum CardinalGroup { OCID, Buyer, ProcuringEntity, Tenderer }

internal sealed class ResultEntry(long order)
{
    public long Order { get; set; } = order;
    public long LastLine { get; set; } = order;
    public int Mask { get; private set; }
    public double[] Values { get; } = new double[11];

    public void Set(CardinalIndicator indicator, double value)
    {
        Mask |= 1 << (int)indicator;
        Values[(int)indicator] = value;
    }

    /// <summary>Overlays <paramref name="other"/>'s values; with <paramref name="onlyMissing"/>, keeps values already set.</summary>
    public void Overlay(ResultEntry other, bool onlyMissing)
    {
        for (var i = 0; i < Values.Length; i++)
            if ((other.Mask & (1 << i)) != 0 && (!onlyMissing || (Mask & (1 << i)) == 0))
                Set((CardinalIndicator)i, other.Values[i]);
    }
}

internal sealed class ResultGroup
{
    public Dictionary<string, ResultEntry> Entries { get; } = new(StringComparer.Ordinal);

    public void Set(string id, CardinalIndicator indicator, double value, long order)
    {
        if (!Entries.TryGetValue(id, out var entry)) Entries[id] = entry = new ResultEntry(order);
        entry.LastLine = Math.Max(entry.LastLine, order);
        entry.Set(indicator, value);
    }

    /// <summary>Merges another worker's results as if both had run in file order: the later line's value wins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MergeFrom(ResultGroup other)
    {
        foreach (var (id, theirs) in other.Entries)
        {
            if (!Entries.TryGetValue(id, out var ours))
            {
                Entries[id] = theirs;
                continue;
            }
            ours.Overlay(theirs, onlyMissing: theirs.LastLine < ours.LastLine);
            ours.Order = Math.Min(ours.Order, theirs.Order);
            ours.LastLine = Math.Max(ours.LastLine, theirs.LastLine);
        }
    }
}

/// <summary>Cardinal's Mediant-style fraction: numerators and denominators add up across processes.</summary>
internal sealed class Fraction
{
    public long Numerator { get; set; }
    public long Denominator { get; set; }
    public double Value => (double)Numerator / Denominator;

    public void Add(long numerator, long denominator)
    {
        Numerator += numerator;
        Denominator += denominator;
    }
}

internal sealed class SupplierClassifications
{
    public long Processes { get; set; }
    // Sized for a typical supplier up front: growing thousands of small sets step by step cost more than the rest of R048.
    public HashSet<string> Codes { get; } = new(16, StringComparer.Ordinal);
}

/// <summary>Mappings from contracting processes to organizations (Cardinal's <c>--map</c>).</summary>
public sealed class CardinalMaps
{
    public Dictionary<string, string> OcidBuyerR038 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> OcidProcuringEntityR038 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> OcidTenderer { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> OcidTendererR024 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> OcidTendererR028 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> OcidTendererR030 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> OcidTendererR035 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> OcidTendererR058 { get; } = new(StringComparer.Ordinal);

    internal static void Add(Dictionary<string, HashSet<string>> map, string ocid, string id)
    {
        if (!map.TryGetValue(ocid, out var set)) map[ocid] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(id);
    }

    internal static void Extend<TValue>(Dictionary<string, TValue> into, Dictionary<string, TValue> from)
    {
        foreach (var (key, value) in from) into[key] = value;
    }
}

/// <summary>
/// What one worker accumulates over its share of the lines (Cardinal's <c>Indicators</c> item); workers' states merge
/// at the end and the indicators finalize on the merged state.
/// </summary>
internal sealed class IndicatorState(bool map)
{
    private const long FinalizeOrderBase = long.MaxValue / 2 / ResultsPerLine;
    private const int ResultsPerLine = 4096;
    private long _finalizeOrder = FinalizeOrderBase;
    private int _resultInLine;

    /// <summary>Per-process results and ratios (the OCID group), without an object per process.</summary>
    public OcidStore Ocids { get; } = new();
    private int _currentOcid = -1;
    public ResultGroup Buyer { get; } = new();
    public ResultGroup ProcuringEntity { get; } = new();
    public ResultGroup Tenderer { get; } = new();

    /// <summary>Cardinal's IndexMap of groups: OCID and Tenderer always exist first; the others are added when first flagged.</summary>
    public List<CardinalGroup> GroupOrder { get; } = [CardinalGroup.OCID, CardinalGroup.Tenderer];

    public List<(CardinalIndicator Indicator, List<KeyValuePair<string, double>> Values)> Meta { get; } = [];

    /// <summary>The main currency: the <c>currency</c> setting, else the first currency seen.</summary>
    public string? Currency { get; set; }

    /// <summary>Line number of the release being folded (orders the output like the input), or a counter after it in finalize.</summary>
    public long Line { get; set; }

    public long LinesRead { get; set; }
    public long ReleasesUsed { get; set; }
    public long InvalidLines { get; set; }

    public Dictionary<string, Fraction> R025Tenderer { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Fraction> R038Buyer { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Fraction> R038ProcuringEntity { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Fraction> R038Tenderer { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SupplierClassifications> R048Classifications { get; } = new(StringComparer.Ordinal);

    public CardinalMaps? Maps { get; } = map ? new CardinalMaps() : null;

    /// <summary>The release being folded, read into this worker's reusable facts.</summary>
    public ReleaseFacts Release { get; } = new();
    public Utf8Interner Strings { get; } = new();

    // Per-release scratch space, reused to keep the fold allocation-free.
    public List<int> CompleteAwards { get; } = [];
    public HashSet<string> ScratchA { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ScratchB { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ScratchC { get; } = new(StringComparer.Ordinal);

    /// <summary>R048's classification prefixes by classification id (one R048 configuration per run).</summary>
    public Dictionary<string, string> Prefixes { get; } = new(StringComparer.Ordinal);

    public ResultGroup Group(CardinalGroup group) => group switch
    {
        CardinalGroup.OCID => throw new ArgumentOutOfRangeException(nameof(group), "OCID results live in Ocids."),
        CardinalGroup.Buyer => Buyer,
        CardinalGroup.ProcuringEntity => ProcuringEntity,
        _ => Tenderer,
    };

    public void BeginRelease(long line)
    {
        Line = line;
        _resultInLine = 0;
        _currentOcid = -1;
    }

    /// <summary>The current release's process in <see cref="Ocids"/>, added on first use: processes without results take no space.</summary>
    public int CurrentOcid => _currentOcid >= 0 ? _currentOcid : _currentOcid = Ocids.GetOrAdd(Release.OcidUtf8);

    /// <summary>The current release's ocid as a string (for <c>--map</c>).</summary>
    public string CurrentOcidString() => System.Text.Encoding.UTF8.GetString(Release.OcidUtf8);

    public void SetOcidResult(CardinalIndicator indicator, double value) => SetOcidResult(CurrentOcid, indicator, value);

    public void SetOcidResult(int ocid, CardinalIndicator indicator, double value) => Ocids.SetResult(ocid, indicator, value, NextOrder());

    public void SetResult(CardinalGroup group, string id, CardinalIndicator indicator, double value)
    {
        if (!GroupOrder.Contains(group)) GroupOrder.Add(group);
        Group(group).Set(id, indicator, value, NextOrder());
    }


    /// <summary>Results set while finalizing are ordered by when they were set (after every line's own results).</summary>
    public void NextFinalizeOrder()
    {
        Line = ++_finalizeOrder;
        _resultInLine = 0;
    }

    /// <summary>
    /// Orders results as one pass in file order sets them: by line, then by when within the line, so workers' results
    /// merge into exactly the order of a single pass.
    /// </summary>
    private long NextOrder() => Line * ResultsPerLine + Math.Min(_resultInLine++, ResultsPerLine - 1);

    public void SetMeta(CardinalIndicator indicator, string key, double value)
    {
        var index = Meta.FindIndex(m => m.Indicator == indicator);
        if (index < 0)
        {
            Meta.Add((indicator, []));
            index = Meta.Count - 1;
        }
        var values = Meta[index].Values;
        var at = values.FindIndex(v => v.Key == key);
        if (at >= 0) values[at] = new(key, value);
        else values.Add(new(key, value));
    }

    /// <summary>True if <paramref name="currency"/> is the main currency, which the first call fixes when nothing configured it.</summary>
    public bool IsMainCurrency(string currency, string? configured)
    {
        Currency ??= configured ?? currency;
        return currency == Currency;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sum(Dictionary<string, Fraction> into, Dictionary<string, Fraction> from)
    {
        foreach (var (key, value) in from)
        {
            if (into.TryGetValue(key, out var fraction)) fraction.Add(value.Numerator, value.Denominator);
            else into[key] = value;
        }
    }

    public static Fraction FractionFor(Dictionary<string, Fraction> map, string key)
    {
        if (!map.TryGetValue(key, out var fraction)) map[key] = fraction = new Fraction();
        return fraction;
    }
}
