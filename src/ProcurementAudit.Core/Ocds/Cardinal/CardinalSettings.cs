using System.Globalization;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// OCDS Cardinal's settings file (INI), shared by <c>prepare</c> and <c>indicators</c>. A section enables an indicator even when it is
/// empty; an unknown section or key is an error that names it, as in Cardinal (serde's deny_unknown_fields).
/// </summary>
public sealed record CardinalSettings
{
    // prepare
    public IReadOnlyDictionary<string, string>? BidStatusCodelist { get; init; }
    public IReadOnlyDictionary<string, string>? AwardStatusCodelist { get; init; }
    public PrepareDefaults? Defaults { get; init; }
    public PrepareRedactions? Redactions { get; init; }
    public PrepareCorrections? Corrections { get; init; }
    public PrepareModifications? Modifications { get; init; }

    // indicators
    public string? Currency { get; init; }
    public string? NoPriceComparisonProcurementMethods { get; init; }
    public string? PriceComparisonProcurementMethods { get; init; }
    public IndicatorExclusions? Exclusions { get; init; }
    public R003Settings? R003 { get; init; }
    public R018Settings? R018 { get; init; }
    public RatioThresholdSettings? R024 { get; init; }
    public R025Settings? R025 { get; init; }
    public EmptySettings? R028 { get; init; }
    public EmptySettings? R030 { get; init; }
    public CountThresholdSettings? R035 { get; init; }
    public EmptySettings? R036 { get; init; }
    public R038Settings? R038 { get; init; }
    public R048Settings? R048 { get; init; }
    public RatioThresholdSettings? R058 { get; init; }

    /// <summary>Every indicator enabled with Cardinal's defaults (what <c>init</c> writes, uncommented sections only).</summary>
    public static CardinalSettings AllIndicators() => new()
    {
        R003 = new(), R018 = new(), R024 = new(), R025 = new(), R028 = new(), R030 = new(),
        R035 = new(), R036 = new(), R038 = new(), R048 = new(), R058 = new(),
    };

    public static CardinalSettings Load(string path) => Parse(File.ReadAllText(path), path);

    public static CardinalSettings Parse(string ini, string source = "settings") => SettingsBinder.Bind(IniDocument.Parse(ini, source), source);
}

public sealed record PrepareDefaults
{
    public string? Currency { get; init; }
    public string? ItemClassificationScheme { get; init; }
    public string? BidStatus { get; init; }
    public string? AwardStatus { get; init; }
    public bool? PartyRoles { get; init; }
}

public sealed record PrepareRedactions
{
    public string? Amount { get; init; }
    public string? OrganizationId { get; init; }
}

public sealed record PrepareCorrections
{
    public bool? AwardStatusByContractStatus { get; init; }
}

public sealed record PrepareModifications
{
    public bool? MoveAuctions { get; init; }
    public string? PrefixBuyerOrProcuringEntityId { get; init; }
    public string? PrefixTendererOrSupplierId { get; init; }
    public string? SplitProcurementMethodDetails { get; init; }
}

public sealed record IndicatorExclusions
{
    public string? ProcurementMethodDetails { get; init; }
}

public sealed record EmptySettings;

public sealed record RatioThresholdSettings
{
    public double? Threshold { get; init; }
}

public sealed record CountThresholdSettings
{
    public ulong? Threshold { get; init; }
}

public sealed record R003Settings
{
    public long? Threshold { get; init; }
    public string? ProcurementMethods { get; init; }
    public IReadOnlyDictionary<string, long>? ProcurementMethodDetails { get; init; }
}

public sealed record R018Settings
{
    public string? ProcurementMethods { get; init; }
}

public sealed record R025Settings
{
    public ulong? Percentile { get; init; }
    public double? Threshold { get; init; }
}

public sealed record R038Settings
{
    public double? Threshold { get; init; }
    public ulong? MinimumSubmittedBids { get; init; }
    public ulong? MinimumContractingProcesses { get; init; }
}

public sealed record R048Settings
{
    public ulong? Digits { get; init; }
    public ulong? Threshold { get; init; }
    public ulong? MinimumContractingProcesses { get; init; }
}

/// <summary>A settings file that Cardinal would reject: unknown section or key, or a value of the wrong type.</summary>
public sealed class CardinalSettingsException(string message) : Exception(message);

/// <summary>
/// The INI dialect Cardinal reads (through the config crate): <c>key = value</c> lines, <c>;</c> or <c>#</c> comments, and
/// dotted section names that nest (<c>[codelists.bid_status]</c> is the table bid_status inside codelists).
/// </summary>
internal sealed class IniTable
{
    public Dictionary<string, IniTable> Tables { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string Value, int Line)> Values { get; } = new(StringComparer.Ordinal);
    public int Line { get; set; }

    public IEnumerable<string> Keys => Values.Keys.Concat(Tables.Keys);
}

internal static class IniDocument
{
    public static IniTable Parse(string text, string source)
    {
        var root = new IniTable();
        var current = root;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#') continue;
            if (line[0] == '[')
            {
                if (line[^1] != ']') throw new CardinalSettingsException($"{source}, line {lineNumber}: a section header must end with ']'.");
                current = root;
                foreach (var part in line[1..^1].Trim().Split('.'))
                {
                    if (current.Values.ContainsKey(part))
                        throw new CardinalSettingsException($"{source}, line {lineNumber}: [{line[1..^1]}] clashes with the key '{part}'.");
                    if (!current.Tables.TryGetValue(part, out var next))
                        current.Tables[part] = next = new IniTable { Line = lineNumber };
                    current = next;
                }
                continue;
            }
            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0) throw new CardinalSettingsException($"{source}, line {lineNumber}: expected 'key = value', found '{line}'.");
            var key = line[..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'') value = value[1..^1];
            current.Values[key] = (value, lineNumber);
        }
        return root;
    }
}

internal static class SettingsBinder
{
    public static CardinalSettings Bind(IniTable root, string source)
    {
        var r = new Reader(source);
        r.Allow(root, "", "codelists", "defaults", "redactions", "corrections", "modifications", "currency",
            "no_price_comparison_procurement_methods", "price_comparison_procurement_methods", "exclusions",
            "R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058");

        IReadOnlyDictionary<string, string>? bidStatus = null, awardStatus = null;
        if (r.Table(root, "", "codelists") is { } codelists)
        {
            r.Allow(codelists, "codelists", "bid_status", "award_status");
            bidStatus = r.StringMap(codelists, "codelists", "bid_status");
            awardStatus = r.StringMap(codelists, "codelists", "award_status");
        }

        return new CardinalSettings
        {
            BidStatusCodelist = bidStatus,
            AwardStatusCodelist = awardStatus,
            Defaults = r.Section(root, "defaults", t => new PrepareDefaults
            {
                Currency = r.String(t, "defaults", "currency"),
                ItemClassificationScheme = r.String(t, "defaults", "item_classification_scheme"),
                BidStatus = r.String(t, "defaults", "bid_status"),
                AwardStatus = r.String(t, "defaults", "award_status"),
                PartyRoles = r.Bool(t, "defaults", "party_roles"),
            }, "currency", "item_classification_scheme", "bid_status", "award_status", "party_roles"),
            Redactions = r.Section(root, "redactions", t => new PrepareRedactions
            {
                Amount = r.String(t, "redactions", "amount"),
                OrganizationId = r.String(t, "redactions", "organization_id"),
            }, "amount", "organization_id"),
            Corrections = r.Section(root, "corrections", t => new PrepareCorrections
            {
                AwardStatusByContractStatus = r.Bool(t, "corrections", "award_status_by_contract_status"),
            }, "award_status_by_contract_status"),
            Modifications = r.Section(root, "modifications", t => new PrepareModifications
            {
                MoveAuctions = r.Bool(t, "modifications", "move_auctions"),
                PrefixBuyerOrProcuringEntityId = r.String(t, "modifications", "prefix_buyer_or_procuring_entity_id"),
                PrefixTendererOrSupplierId = r.String(t, "modifications", "prefix_tenderer_or_supplier_id"),
                SplitProcurementMethodDetails = r.String(t, "modifications", "split_procurement_method_details"),
            }, "move_auctions", "prefix_buyer_or_procuring_entity_id", "prefix_tenderer_or_supplier_id", "split_procurement_method_details"),
            Currency = r.String(root, "", "currency"),
            NoPriceComparisonProcurementMethods = r.String(root, "", "no_price_comparison_procurement_methods"),
            PriceComparisonProcurementMethods = r.String(root, "", "price_comparison_procurement_methods"),
            Exclusions = r.Section(root, "exclusions", t => new IndicatorExclusions
            {
                ProcurementMethodDetails = r.String(t, "exclusions", "procurement_method_details"),
            }, "procurement_method_details"),
            R003 = r.Section(root, "R003", t => new R003Settings
            {
                Threshold = r.Integer(t, "R003", "threshold"),
                ProcurementMethods = r.String(t, "R003", "procurement_methods"),
                ProcurementMethodDetails = r.IntegerMap(t, "R003", "procurement_method_details"),
            }, "threshold", "procurement_methods", "procurement_method_details"),
            R018 = r.Section(root, "R018", t => new R018Settings { ProcurementMethods = r.String(t, "R018", "procurement_methods") }, "procurement_methods"),
            R024 = r.Section(root, "R024", t => new RatioThresholdSettings { Threshold = r.Float(t, "R024", "threshold") }, "threshold"),
            R025 = r.Section(root, "R025", t => new R025Settings
            {
                Percentile = r.Unsigned(t, "R025", "percentile"),
                Threshold = r.Float(t, "R025", "threshold"),
            }, "percentile", "threshold"),
            R028 = r.Section(root, "R028", _ => new EmptySettings()),
            R030 = r.Section(root, "R030", _ => new EmptySettings()),
            R035 = r.Section(root, "R035", t => new CountThresholdSettings { Threshold = r.Unsigned(t, "R035", "threshold") }, "threshold"),
            R036 = r.Section(root, "R036", _ => new EmptySettings()),
            R038 = r.Section(root, "R038", t => new R038Settings
            {
                Threshold = r.Float(t, "R038", "threshold"),
                MinimumSubmittedBids = r.Unsigned(t, "R038", "minimum_submitted_bids"),
                MinimumContractingProcesses = r.Unsigned(t, "R038", "minimum_contracting_processes"),
            }, "threshold", "minimum_submitted_bids", "minimum_contracting_processes"),
            R048 = r.Section(root, "R048", t => new R048Settings
            {
                Digits = r.Unsigned(t, "R048", "digits"),
                Threshold = r.Unsigned(t, "R048", "threshold"),
                MinimumContractingProcesses = r.Unsigned(t, "R048", "minimum_contracting_processes"),
            }, "digits", "threshold", "minimum_contracting_processes"),
            R058 = r.Section(root, "R058", t => new RatioThresholdSettings { Threshold = r.Float(t, "R058", "threshold") }, "threshold"),
        };
    }

    private sealed class Reader(string source)
    {
        private static string Path(string section, string key) => section.Length == 0 ? key : $"{section}.{key}";

        private CardinalSettingsException Error(int line, string path, string message) =>
            new($"{source}, line {line}: {path}: {message}");

        public void Allow(IniTable table, string section, params string[] allowed)
        {
            foreach (var key in table.Keys)
            {
                if (Array.IndexOf(allowed, key) >= 0) continue;
                var line = table.Values.TryGetValue(key, out var v) ? v.Line : table.Tables[key].Line;
                var expected = allowed.Length == 0 ? "there are no fields" : "expected one of " + string.Join(", ", allowed.Select(a => $"`{a}`"));
                throw Error(line, Path(section, key), $"unknown field `{key}`, {expected}");
            }
        }

        public T? Section<T>(IniTable root, string name, Func<IniTable, T> bind, params string[] allowed) where T : class
        {
            if (Table(root, "", name) is not { } table) return null;
            Allow(table, name, allowed);
            return bind(table);
        }

        public IniTable? Table(IniTable parent, string section, string key)
        {
            if (parent.Tables.TryGetValue(key, out var table)) return table;
            if (parent.Values.TryGetValue(key, out var v))
                throw Error(v.Line, Path(section, key), "invalid type: string, expected a section");
            return null;
        }

        private (string Value, int Line)? Scalar(IniTable table, string section, string key)
        {
            if (table.Tables.TryGetValue(key, out var nested))
                throw Error(nested.Line, Path(section, key), "invalid type: section, expected a value");
            return table.Values.TryGetValue(key, out var v) ? v : null;
        }

        public string? String(IniTable table, string section, string key) => Scalar(table, section, key)?.Value;

        public bool? Bool(IniTable table, string section, string key)
        {
            if (Scalar(table, section, key) is not { } v) return null;
            return v.Value.ToLowerInvariant() switch
            {
                "true" or "1" or "on" or "yes" => true,
                "false" or "0" or "off" or "no" => false,
                _ => throw Error(v.Line, Path(section, key), $"invalid value `{v.Value}`, expected a boolean"),
            };
        }

        public long? Integer(IniTable table, string section, string key)
        {
            if (Scalar(table, section, key) is not { } v) return null;
            return long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n : throw Error(v.Line, Path(section, key), $"invalid value `{v.Value}`, expected an integer");
        }

        public ulong? Unsigned(IniTable table, string section, string key)
        {
            if (Scalar(table, section, key) is not { } v) return null;
            return ulong.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n : throw Error(v.Line, Path(section, key), $"invalid value `{v.Value}`, expected a non-negative integer");
        }

        public double? Float(IniTable table, string section, string key)
        {
            if (Scalar(table, section, key) is not { } v) return null;
            return double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? n : throw Error(v.Line, Path(section, key), $"invalid value `{v.Value}`, expected a number");
        }

        public IReadOnlyDictionary<string, string>? StringMap(IniTable parent, string section, string key)
        {
            if (Table(parent, section, key) is not { } table) return null;
            if (table.Tables.Count > 0) throw Error(table.Line, Path(section, key), "invalid type: section, expected a string");
            return table.Values.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        }

        public IReadOnlyDictionary<string, long>? IntegerMap(IniTable parent, string section, string key)
        {
            if (Table(parent, section, key) is not { } table) return null;
            var path = Path(section, key);
            if (table.Tables.Count > 0) throw Error(table.Line, path, "invalid type: section, expected an integer");
            var map = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var k in table.Values.Keys) map[k] = Integer(table, path, k)!.Value;
            return map;
        }
    }
}
