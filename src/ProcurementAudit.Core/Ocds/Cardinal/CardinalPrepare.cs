using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcurementAudit.Core.Ocds.Cardinal;

public sealed record CardinalPrepareSummary(long LinesRead, long LinesWritten, long InvalidLines, long IssuesReported);

/// <summary>
/// OCDS Cardinal's <c>prepare</c> command: fills defaults, re-maps codelists, redacts placeholder amounts and organization ids,
/// normalizes ids to strings (with prefixes), moves auction bids into bids, and corrects award statuses from contract statuses.
/// Writes corrected releases (JSONL, input order) and quality issues as CSV rows: line, ocid, path, array indexes, value, issue.
/// </summary>
public static class CardinalPrepare
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };
    private static readonly HashSet<string> BidStatuses = ["invited", "pending", "valid", "disqualified", "withdrawn"];
    private static readonly HashSet<string> AwardStatuses = ["pending", "active", "cancelled", "unsuccessful"];

    public static async Task<CardinalPrepareSummary> RunAsync(
        Stream input, CardinalSettings settings, Stream output, Stream errors, TextWriter? warnings = null, int? workers = null,
        CancellationToken ct = default)
    {
        var log = new Warnings(warnings);
        var preparer = new Preparer(settings, log);
        long read = 0, written = 0, invalid = 0, issues = 0;

        await OrderedPipeline.RunAsync(input, Math.Max(1, workers ?? Environment.ProcessorCount), chunk =>
        {
            var result = new ChunkOutput();
            chunk.ForEachLine((line, number) => preparer.PrepareLine(line, number, result));
            return result;
        }, async result =>
        {
            await output.WriteAsync(result.Output.WrittenMemory, ct);
            if (result.Errors.Length > 0) await errors.WriteAsync(Encoding.UTF8.GetBytes(result.Errors.ToString()), ct);
            read += result.Read;
            written += result.Written;
            invalid += result.Invalid;
            issues += result.Issues;
        }, ct);

        await output.FlushAsync(ct);
        await errors.FlushAsync(ct);
        return new CardinalPrepareSummary(read, written, invalid, issues);
    }

    private sealed class ChunkOutput
    {
        public ArrayBufferWriter<byte> Output { get; } = new(64 * 1024);
        public StringBuilder Errors { get; } = new();
        public long Read { get; set; }
        public long Written { get; set; }
        public long Invalid { get; set; }
        public long Issues { get; set; }
    }

    private sealed class Preparer(CardinalSettings settings, Warnings log)
    {
        private readonly string? _currency = settings.Defaults?.Currency;
        private readonly string? _scheme = settings.Defaults?.ItemClassificationScheme;
        private readonly string? _bidStatus = settings.Defaults?.BidStatus;
        private readonly string? _awardStatus = settings.Defaults?.AwardStatus;
        private readonly bool _partyRoles = settings.Defaults?.PartyRoles ?? false;
        private readonly double[] _redactAmounts = Release.PipeSet(settings.Redactions?.Amount)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (double?)d : null)
            .OfType<double>().Order().ToArray();
        private readonly HashSet<string> _redactOrganizationIds = Release.PipeSet(settings.Redactions?.OrganizationId);
        private readonly bool _awardStatusByContractStatus = settings.Corrections?.AwardStatusByContractStatus ?? false;
        private readonly bool _moveAuctions = settings.Modifications?.MoveAuctions ?? false;
        private readonly string _prefixBuyer = settings.Modifications?.PrefixBuyerOrProcuringEntityId ?? "";
        private readonly string _prefixTenderer = settings.Modifications?.PrefixTendererOrSupplierId ?? "";
        private readonly string? _split = settings.Modifications?.SplitProcurementMethodDetails;
        private readonly IReadOnlyDictionary<string, string> _bidStatusCodes = settings.BidStatusCodelist ?? new Dictionary<string, string>();
        private readonly IReadOnlyDictionary<string, string> _awardStatusCodes = settings.AwardStatusCodelist ?? new Dictionary<string, string>();
        private static readonly HashSet<string> NoIds = [];

        public void PrepareLine(ReadOnlyMemory<byte> line, long number, ChunkOutput result)
        {
            result.Read++;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line.Span, documentOptions: DocumentOptions);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                if (!JsonLines.IsBlank(line.Span))
                {
                    result.Invalid++;
                    log.Write($"Line {number} is invalid JSON, skipping. [{ex.Message}]");
                }
                return;
            }
            if (node is not JsonObject release)
            {
                result.Invalid++;
                log.Write($"Line {number} is not a JSON object, skipping.");
                return;
            }

            var rows = new Rows(result, number, release.TryGetPropertyValue("ocid", out var ocid) ? ocid : null);
            Prepare(release, rows);
            SerdeJson.WriteNode(result.Output, release);
            SerdeJson.WriteRaw(result.Output, "\n"u8);
            result.Written++;
        }

        private void Prepare(JsonObject release, Rows rows)
        {
            PrepareIdArray(release, "parties", _redactOrganizationIds, "", null, "");

            Dictionary<string, HashSet<string>>? roles = null;
            if (_partyRoles && release["parties"] is JsonArray parties)
            {
                roles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (var party in parties)
                {
                    if (party is not JsonObject p || AsString(p["id"]) is not { } id) continue;
                    var set = new HashSet<string>(StringComparer.Ordinal);
                    if (p["roles"] is JsonArray partyRoles)
                        foreach (var role in partyRoles)
                            if (AsString(role) is { } r) set.Add(r);
                    roles[id] = set;
                }
            }

            PrepareIdObject(release, "buyer", _redactOrganizationIds, _prefixBuyer, roles, "buyer");

            if (release["tender"] is JsonObject tender)
            {
                PrepareIdObject(tender, "procuringEntity", _redactOrganizationIds, _prefixBuyer, roles, "procuringEntity");
                if (_split is not null && AsString(tender["procurementMethodDetails"]) is { } details)
                {
                    // Rust's str::split: an empty pattern yields "" first.
                    var first = _split.Length == 0 ? "" : details.Split(_split)[0];
                    tender["procurementMethodDetails"] = first.TrimEnd();
                }
            }

            if (_moveAuctions) MoveAuctions(release);
            PrepareBids(release, rows, roles);
            var cancelledAwards = _awardStatusByContractStatus ? CancelledAwardIds(release) : null;
            PrepareAwards(release, rows, roles, cancelledAwards);

            if (roles is not null && release["parties"] is JsonArray all)
            {
                foreach (var party in all)
                {
                    if (party is not JsonObject p || AsString(p["id"]) is not { } id || !roles.TryGetValue(id, out var set) || set.Count == 0) continue;
                    p["roles"] = new JsonArray(set.Order(StringComparer.Ordinal).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
                }
            }
        }

        private void MoveAuctions(JsonObject release)
        {
            if (release.ContainsKey("auctions") && release.ContainsKey("bids"))
            {
                log.Write("Can't move /auctions, because /bids is occupied.");
                return;
            }
            if (release["auctions"] is not JsonArray auctions) return;
            var details = new JsonArray();
            foreach (var auction in auctions)
            {
                if (auction is not JsonObject a || a["stages"] is not JsonArray stages) continue;
                foreach (var stage in stages)
                {
                    if (stage is not JsonObject s || !s.ContainsKey("bids")) continue;
                    if (SwapRemove(s, "bids") is JsonArray bids)
                    {
                        while (bids.Count > 0)
                        {
                            var bid = bids[0];
                            bids.RemoveAt(0);
                            details.Add(bid);
                        }
                    }
                }
            }
            release["bids"] = new JsonObject { ["details"] = details };
        }

        private void PrepareBids(JsonObject release, Rows rows, Dictionary<string, HashSet<string>>? roles)
        {
            if (release["bids"] is not JsonObject bids || bids["details"] is not JsonArray details) return;
            for (var j = 0; j < details.Count; j++)
            {
                var bid = details[j];
                var index = j.ToString(CultureInfo.InvariantCulture);
                if (bid is JsonObject b && b["value"] is JsonObject value)
                {
                    if (value["amount"] is JsonValue amountNode && amountNode.GetValueKind() == JsonValueKind.Number)
                    {
                        var amount = double.Parse(SerdeJson.NumberText(amountNode), CultureInfo.InvariantCulture);
                        if (Array.BinarySearch(_redactAmounts, amount) >= 0) SwapRemove(value, "amount");
                        else if (amount == 0) rows.Add("/bids/details[]/value/amount", index, "", "is zero");
                    }
                    if (!value.ContainsKey("currency"))
                    {
                        if (_currency is not null) value["currency"] = _currency;
                        else rows.Add("/bids/details[]/value/currency", index, "", "not set");
                    }
                }

                if (bid is JsonObject bi && bi["items"] is JsonArray items)
                    DefaultSchemes(items, rows, "/bids/details[]/items[]/classification/scheme", j);

                bid = DefaultStatus(details, j, _bidStatus, rows, "/bids/details[]/status");
                if (bid is not JsonObject bidObject) continue;
                if (AsString(bidObject["status"]) is { } status)
                {
                    if (_bidStatusCodes.TryGetValue(status, out var mapped)) bidObject["status"] = status = mapped;
                    if (!BidStatuses.Contains(status)) rows.Add("/bids/details[]/status", index, status, "invalid");
                }
                PrepareIdArray(bidObject, "tenderers", _redactOrganizationIds, _prefixTenderer, roles, "tenderer");
            }
        }

        /// <summary>For each award id, whether every contract that references it is cancelled.</summary>
        private static Dictionary<string, bool>? CancelledAwardIds(JsonObject release)
        {
            if (release["contracts"] is not JsonArray contracts) return null;
            var cancelled = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var contract in contracts)
            {
                if (contract is not JsonObject c) continue;
                Stringify(c, "awardID");
                if (AsString(c["awardID"]) is not { } awardId) continue;
                var isCancelled = AsString(c["status"]) == "cancelled";
                cancelled[awardId] = cancelled.TryGetValue(awardId, out var all) ? all && isCancelled : isCancelled;
            }
            return cancelled;
        }

        private void PrepareAwards(JsonObject release, Rows rows, Dictionary<string, HashSet<string>>? roles, Dictionary<string, bool>? cancelledAwards)
        {
            if (release["awards"] is not JsonArray awards) return;
            for (var j = 0; j < awards.Count; j++)
            {
                var index = j.ToString(CultureInfo.InvariantCulture);
                if (awards[j] is JsonObject a)
                {
                    Stringify(a, "id");
                    if (a["items"] is JsonArray items)
                    {
                        foreach (var item in items)
                            if (item is JsonObject i && i["classification"] is JsonObject classification) Stringify(classification, "id");
                        DefaultSchemes(items, rows, "/awards[]/items[]/classification/scheme", j);
                    }
                }

                if (DefaultStatus(awards, j, _awardStatus, rows, "/awards[]/status") is not JsonObject award) continue;
                if (AsString(award["status"]) is { } status)
                {
                    if (_awardStatusCodes.TryGetValue(status, out var mapped)) award["status"] = status = mapped;
                    if (!AwardStatuses.Contains(status)) rows.Add("/awards[]/status", index, status, "invalid");
                }
                if (cancelledAwards is not null && AsString(award["id"]) is { } id && cancelledAwards.TryGetValue(id, out var cancelled) && cancelled)
                    award["status"] = "cancelled";
                PrepareIdArray(award, "suppliers", _redactOrganizationIds, _prefixTenderer, roles, "supplier");
            }
        }

        private void DefaultSchemes(JsonArray items, Rows rows, string path, int j)
        {
            for (var k = 0; k < items.Count; k++)
            {
                if (items[k] is not JsonObject item || item["classification"] is not JsonObject classification || classification.ContainsKey("scheme")) continue;
                if (_scheme is not null) classification["scheme"] = _scheme;
                else rows.Add(path, $"{j}.{k}", "", "not set");
            }
        }

        /// <summary>Sets a missing status; as serde_json's IndexMut, a null entry becomes an object.</summary>
        private static JsonNode? DefaultStatus(JsonArray array, int j, string? fallback, Rows rows, string path)
        {
            var entry = array[j];
            if (entry is JsonObject o && o.ContainsKey("status")) return entry;
            if (fallback is null)
            {
                rows.Add(path, j.ToString(CultureInfo.InvariantCulture), "", "not set");
                return entry;
            }
            if (entry is JsonObject obj) obj["status"] = fallback;
            else if (entry is null) array[j] = entry = new JsonObject { ["status"] = fallback };
            return entry;
        }

        private static void PrepareIdObject(JsonObject parent, string key, HashSet<string> redact, string prefix, Dictionary<string, HashSet<string>>? roles, string role)
        {
            if (parent[key] is JsonObject organization) PrepareId(organization, redact, prefix, roles, role);
        }

        private static void PrepareIdArray(JsonObject parent, string key, HashSet<string> redact, string prefix, Dictionary<string, HashSet<string>>? roles, string role)
        {
            // A single object where an array belongs becomes a one-element array.
            if (parent[key] is JsonObject single)
            {
                parent[key] = null;
                parent[key] = new JsonArray(single);
            }
            if (parent[key] is not JsonArray array) return;
            foreach (var entry in array)
                if (entry is JsonObject organization) PrepareId(organization, redact, prefix, roles, role);
        }

        private static void PrepareId(JsonObject organization, HashSet<string> redact, string prefix, Dictionary<string, HashSet<string>>? roles, string role)
        {
            Stringify(organization, "id");
            if (AsString(organization["id"]) is not { } id) return;
            if (redact.Contains(id))
            {
                SwapRemove(organization, "id");
                return;
            }
            if (!id.StartsWith(prefix, StringComparison.Ordinal)) organization["id"] = id = prefix + id;
            if (roles is not null && roles.TryGetValue(id, out var set)) set.Add(role);
        }

        private static void Stringify(JsonObject obj, string key)
        {
            if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number) obj[key] = SerdeJson.NumberText(value);
        }

        private static string? AsString(JsonNode? node) =>
            node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        /// <summary>serde_json's Map::remove with preserve_order (IndexMap::swap_remove): the last key moves into the gap.</summary>
        private static JsonNode? SwapRemove(JsonObject obj, string key)
        {
            var index = obj.IndexOf(key);
            if (index < 0) return null;
            var removed = obj.GetAt(index).Value;
            var last = obj.Count - 1;
            if (index == last)
            {
                obj.RemoveAt(index);
                return removed;
            }
            var (lastKey, lastValue) = obj.GetAt(last);
            obj.RemoveAt(last);
            obj.RemoveAt(index);
            obj.Insert(index, lastKey, lastValue);
            return removed;
        }
    }

    /// <summary>Quality-issue rows in the CSV format of Cardinal's errors file.</summary>
    private sealed class Rows(ChunkOutput result, long line, JsonNode? ocid)
    {
        public void Add(string path, string indexes, string value, string issue)
        {
            var ocidText = ocid switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => SerdeJson.NumberText(v),
                _ => ocid.ToJsonString(),
            };
            result.Errors.Append(line.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(ocidText)).Append(',').Append(Field(path)).Append(',').Append(Field(indexes)).Append(',')
                .Append(Field(value)).Append(',').Append(Field(issue)).Append('\n');
            result.Issues++;
        }

        private static string Field(string value) =>
            value.AsSpan().IndexOfAny("\",\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
