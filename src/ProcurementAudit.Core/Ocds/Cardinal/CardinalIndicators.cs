using System.Buffers;
using System.Text;
using System.Text.Json;
using ProcurementAudit.Core.Ocds.Cardinal.Indicators;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// OCDS Cardinal's <c>indicators</c> command: streams compiled releases (JSONL) through the enabled indicators on all cores and
/// returns Cardinal's result groups, Meta (quartiles and fences) and Maps.
/// </summary>
public static class CardinalIndicators
{
    public static async Task<CardinalIndicatorsResult> RunAsync(
        Stream input, CardinalSettings settings, bool map = false, TextWriter? warnings = null, int? workers = null, CancellationToken ct = default)
    {
        var log = new Warnings(warnings);
        var indicators = Create(settings, map, log);
        var exclusions = Release.PipeSet(settings.Exclusions?.ProcurementMethodDetails);
        var noInclusions = new HashSet<string>(StringComparer.Ordinal);

        var main = new IndicatorState(map);
        if (settings.Currency is not null) main.Currency = settings.Currency;

        void FoldLine(IndicatorState state, ReadOnlyMemory<byte> line, long number)
        {
            state.LinesRead++;
            var release = state.Release;
            bool isObject;
            try
            {
                isObject = ReleaseFactsReader.Read(line.Span, release, state.Strings);
            }
            catch (JsonException ex)
            {
                // Blank lines are skipped silently, as in Cardinal.
                if (!JsonLines.IsBlank(line.Span))
                {
                    state.InvalidLines++;
                    log.Write($"Line {number} is invalid JSON, skipping. [{ex.Message}]");
                }
                return;
            }
            if (!isObject
                || release.OcidLength < 0
                || release.TenderCancelled
                || !Release.MatchesProcurementMethodDetails(release, noInclusions, exclusions))
                return;
            state.BeginRelease(number);
            state.ReleasesUsed++;
            foreach (var indicator in indicators) indicator.Fold(state, release);
        }

        // "The first currency seen" is a property of file order: fold in order until it is known, then fan out.
        var currencyMatters = settings.Currency is null && (settings.R024 is not null || settings.R058 is not null || settings.R036 is not null);
        var workerCount = Math.Max(1, workers ?? Environment.ProcessorCount);
        var states = new IndicatorState?[workerCount];
        await JsonLines.RunParallelAsync(
            input,
            workerCount,
            currencyMatters
                ? chunk =>
                {
                    chunk.ForEachLine((line, number) => FoldLine(main, line, number));
                    return main.Currency is null;
                }
                : null,
            (index, chunk) =>
            {
                var state = states[index] ??= new IndicatorState(map) { Currency = main.Currency };
                chunk.ForEachLine((line, number) => FoldLine(state, line, number));
            },
            ct);

        // Merge into the state with the most processes, so its store is kept rather than copied, and let each merged
        // state go at once: peak memory stays near one copy of the per-process data. Results carry their line order,
        // so the direction of merging does not change the output.
        var all = states.Prepend(main).OfType<IndicatorState>().ToList();
        Array.Clear(states);
        var target = all.MaxBy(s => s.Ocids.Count)!;
        for (var i = 0; i < all.Count; i++)
        {
            var state = all[i];
            all[i] = null!;
            if (ReferenceEquals(state, target)) continue;
            target.Ocids.MergeResultsFrom(state.Ocids);
            target.Tenderer.MergeFrom(state.Tenderer);
            foreach (var indicator in indicators) indicator.Merge(target, state);
            target.LinesRead += state.LinesRead;
            target.ReleasesUsed += state.ReleasesUsed;
            target.InvalidLines += state.InvalidLines;
        }
        foreach (var indicator in indicators) indicator.Finalize(target);
        return CardinalIndicatorsResult.From(target);
    }

    private static List<ICardinalIndicator> Create(CardinalSettings s, bool map, Warnings log)
    {
        var list = new List<ICardinalIndicator>();
        if (map && (s.R025 is not null || s.R038 is not null || s.R048 is not null)) list.Add(new TenderersMap());
        if (s.R024 is not null || s.R058 is not null) list.Add(new SecondLowestBidRatio(s));
        if (s.NoPriceComparisonProcurementMethods is not null && s.PriceComparisonProcurementMethods is not null)
            log.Write("no_price_comparison_procurement_methods has no effect if price_comparison_procurement_methods is set.");
        if (s.R003 is { } r003) list.Add(new R003(r003));
        if (s.R018 is { } r018) list.Add(new R018(r018));
        if (s.R024 is { } r024) list.Add(new R024(r024));
        if (s.R025 is { } r025) list.Add(new R025(r025));
        if (s.R028 is not null) list.Add(new R028(s));
        if (s.R030 is not null) list.Add(new R030());
        if (s.R035 is { } r035) list.Add(new R035(r035));
        if (s.R036 is not null) list.Add(new R036(s));
        if (s.R038 is { } r038) list.Add(new R038(r038));
        if (s.R048 is { } r048) list.Add(new R048(r048));
        if (s.R058 is { } r058) list.Add(new R058(r058));
        return list;
    }
}

/// <summary>Warnings on standard error (or a test's writer), one line each, safe from any worker.</summary>
internal sealed class Warnings(TextWriter? writer)
{
    private readonly Lock _lock = new();

    public void Write(string message)
    {
        if (writer is null) return;
        lock (_lock) writer.WriteLine(message);
    }
}

public sealed record CardinalResultItem(string Id, IReadOnlyList<KeyValuePair<CardinalIndicator, double>> Values);

public sealed record CardinalResultGroup(CardinalGroup Group, IReadOnlyList<CardinalResultItem> Items);

public sealed class CardinalIndicatorsResult
{
    public required IReadOnlyList<CardinalResultGroup> Groups { get; init; }
    public required IReadOnlyList<(CardinalIndicator Indicator, IReadOnlyList<KeyValuePair<string, double>> Values)> Meta { get; init; }
    public CardinalMaps? Maps { get; init; }
    public long LinesRead { get; init; }
    public long ReleasesUsed { get; init; }
    public long InvalidLines { get; init; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static CardinalIndicatorsResult From(IndicatorState state)
    {
        // Cardinal drops empty OCID and Tenderer groups with IndexMap::swap_remove, which moves the last group into the gap.
        var order = state.GroupOrder.ToList();
        foreach (var group in new[] { CardinalGroup.OCID, CardinalGroup.Tenderer })
        {
            var count = group == CardinalGroup.OCID ? state.Ocids.ResultCount : state.Group(group).Entries.Count;
            if (count > 0) continue;
            var index = order.IndexOf(group);
            order[index] = order[^1];
            order.RemoveAt(order.Count - 1);
        }

        var groups = order.Select(g => new CardinalResultGroup(g, g == CardinalGroup.OCID ? new OcidResultList(state.Ocids) : state.Group(g).Entries
            .OrderBy(e => e.Value.Order)
            .Select(e => new CardinalResultItem(e.Key, Values(e.Value.Mask, e.Value.Values)))
            .ToList())).ToList();

        return new CardinalIndicatorsResult
        {
            Groups = groups,
            Meta = state.Meta.OrderBy(m => m.Indicator).Select(m => (m.Indicator, (IReadOnlyList<KeyValuePair<string, double>>)m.Values)).ToList(),
            Maps = state.Maps,
            LinesRead = state.LinesRead,
            ReleasesUsed = state.ReleasesUsed,
            InvalidLines = state.InvalidLines,
        };
    }

    internal static List<KeyValuePair<CardinalIndicator, double>> Values(int mask, ReadOnlySpan<double> values)
    {
        var list = new List<KeyValuePair<CardinalIndicator, double>>(System.Numerics.BitOperations.PopCount((uint)mask));
        for (var i = 0; i < 11; i++)
            if ((mask & (1 << i)) != 0) list.Add(new((CardinalIndicator)i, values[i]));
        return list;
    }

    /// <summary>Cardinal's <c>--count</c> lines: the number of results per group.</summary>
    public IEnumerable<string> CountLines() => Groups.Select(g => $"{g.Group}: {g.Items.Count}");

    public string ToJson(bool includeMeta = true, bool includeMaps = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteJson(buffer, includeMeta, includeMaps);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Cardinal's output object, compact, as serde_json writes it; Meta values are rounded to 4 decimals.</summary>
    public void WriteJson(IBufferWriter<byte> output, bool includeMeta = true, bool includeMaps = false)
    {
        var fields = new List<Action>();
        foreach (var group in Groups)
        {
            fields.Add(() =>
            {
                SerdeJson.WriteString(output, group.Group.ToString());
                SerdeJson.WriteRaw(output, ":"u8);
                WriteObject(output, group.Items, item =>
                {
                    SerdeJson.WriteString(output, item.Id);
                    SerdeJson.WriteRaw(output, ":"u8);
                    WriteObject(output, item.Values, v => WriteField(output, v.Key.ToString(), v.Value));
                });
            });
        }
        if (includeMeta)
        {
            fields.Add(() =>
            {
                SerdeJson.WriteString(output, "Meta");
                SerdeJson.WriteRaw(output, ":"u8);
                WriteObject(output, Meta, m =>
                {
                    SerdeJson.WriteString(output, m.Indicator.ToString());
                    SerdeJson.WriteRaw(output, ":"u8);
                    WriteObject(output, m.Values, v => WriteField(output, v.Key, Math.Round(v.Value * 10_000.0, MidpointRounding.AwayFromZero) / 10_000.0));
                });
            });
        }
        if (includeMaps)
        {
            var maps = Maps ?? new CardinalMaps();
            fields.Add(() =>
            {
                SerdeJson.WriteString(output, "Maps");
                SerdeJson.WriteRaw(output, ":{"u8);
                WriteStringMap(output, "ocid_buyer_r038", maps.OcidBuyerR038);
                SerdeJson.WriteRaw(output, ","u8);
                WriteStringMap(output, "ocid_procuringentity_r038", maps.OcidProcuringEntityR038);
                foreach (var (name, set) in new[]
                {
                    ("ocid_tenderer", maps.OcidTenderer), ("ocid_tenderer_r024", maps.OcidTendererR024),
                    ("ocid_tenderer_r028", maps.OcidTendererR028), ("ocid_tenderer_r030", maps.OcidTendererR030),
                    ("ocid_tenderer_r035", maps.OcidTendererR035), ("ocid_tenderer_r058", maps.OcidTendererR058),
                })
                {
                    SerdeJson.WriteRaw(output, ","u8);
                    SerdeJson.WriteString(output, name);
                    SerdeJson.WriteRaw(output, ":"u8);
                    WriteObject(output, set.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), p =>
                    {
                        SerdeJson.WriteString(output, p.Key);
                        SerdeJson.WriteRaw(output, ":["u8);
                        var first = true;
                        foreach (var id in p.Value.Order(StringComparer.Ordinal))
                        {
                            if (!first) SerdeJson.WriteRaw(output, ","u8);
                            first = false;
                            SerdeJson.WriteString(output, id);
                        }
                        SerdeJson.WriteRaw(output, "]"u8);
                    });
                }
                SerdeJson.WriteRaw(output, "}"u8);
            });
        }
        SerdeJson.WriteRaw(output, "{"u8);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) SerdeJson.WriteRaw(output, ","u8);
            fields[i]();
        }
        SerdeJson.WriteRaw(output, "}"u8);
    }

    private static void WriteField(IBufferWriter<byte> output, string key, double value)
    {
        SerdeJson.WriteString(output, key);
        SerdeJson.WriteRaw(output, ":"u8);
        SerdeJson.WriteFloat(output, value);
    }

    private static void WriteStringMap(IBufferWriter<byte> output, string name, Dictionary<string, string> map)
    {
        SerdeJson.WriteString(output, name);
        SerdeJson.WriteRaw(output, ":"u8);
        WriteObject(output, map.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), p =>
        {
            SerdeJson.WriteString(output, p.Key);
            SerdeJson.WriteRaw(output, ":"u8);
            SerdeJson.WriteString(output, p.Value);
        });
    }

    private static void WriteObject<T>(IBufferWriter<byte> output, IReadOnlyList<T> items, Action<T> write)
    {
        SerdeJson.WriteRaw(output, "{"u8);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) SerdeJson.WriteRaw(output, ","u8);
            write(items[i]);
        }
        SerdeJson.WriteRaw(output, "}"u8);
    }
}

/// <summary>
/// The OCID group's items as a view over the per-process store, built as they are read: holding hundreds of thousands of
/// result objects until the output is written would double the memory of a large run.
/// </summary>
internal sealed class OcidResultList(OcidStore ocids) : IReadOnlyList<CardinalResultItem>
{
    private readonly int[] _order = ocids.ResultsInOrder();

    public int Count => _order.Length;

    public CardinalResultItem this[int index]
    {
        get
        {
            var id = _order[index];
            ref var result = ref ocids.ResultOf(id);
            return new CardinalResultItem(ocids.GetString(id), CardinalIndicatorsResult.Values(result.Mask, result.Values));
        }
    }

    public IEnumerator<CardinalResultItem> GetEnumerator()
    {
        for (var i = 0; i < _order.Length; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
