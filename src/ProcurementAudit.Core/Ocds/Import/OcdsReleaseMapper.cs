using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Maps one compiled release onto a tender. Real feeds are messy (amounts as strings, codes outside the codelists,
/// parties referenced only by name), so the mapping is lenient about shape and strict only about the ocid.
/// </summary>
internal static class OcdsReleaseMapper
{
    public const string PartyIdScheme = "OCDS-PARTY";
    public const string PartyNameScheme = "OCDS-NAME";

    /// <summary>Returns the tender, or null with the reason it cannot be imported.</summary>
    public static OcdsTender? Map(JsonElement release, long line, out string? reason)
    {
        reason = null;
        if (release.ValueKind != JsonValueKind.Object) { reason = "Not a JSON object."; return null; }
        var ocid = OnceStr(release, "ocid"u8);
        if (string.IsNullOrWhiteSpace(ocid)) { reason = "The release has no ocid."; return null; }
        if (ocid.Length > 100) { reason = "The ocid is longer than 100 characters."; return null; }

        var context = new PartyContext(OcidPrefix(ocid));
        if (Arr(release, "parties"u8) is { } parties)
            foreach (var party in parties.EnumerateArray())
                if (Str(party, "id"u8) is { } partyId) context.ById.TryAdd(partyId, party);

        var tender = Obj(release, "tender"u8);
        var tenderValue = tender is { } t0 ? Obj(t0, "value"u8) : null;
        var currencies = new CurrencyPicker(Currency(tenderValue));

        // Buyer and procuring entity: explicit references first, then the parties holding those roles.
        var buyerRef = Obj(release, "buyer"u8) ?? context.FirstWithRole("buyer");
        var procuringRef = (tender is { } t1 ? Obj(t1, "procuringEntity"u8) : null) ?? context.FirstWithRole("procuringEntity");
        var buyer = buyerRef is { } b ? context.Resolve(b) : null;
        var procuring = procuringRef is { } p ? context.Resolve(p) : null;

        var title = NonBlank(tender is { } t2 ? OnceStr(t2, "title"u8) : null) ?? NonBlank(tender is { } t3 ? OnceStr(t3, "description"u8) : null) ?? NonBlank(OnceStr(release, "title"u8)) ?? ocid;
        var methodCode = tender is { } t4 ? Str(t4, "procurementMethod"u8) : null;
        var methodDetails = tender is { } t5 ? Str(t5, "procurementMethodDetails"u8) : null;

        var result = new OcdsTender
        {
            Ocid = ocid,
            Line = line,
            Title = Cut(title, 1000)!,
            Description = Cut(tender is { } t6 ? OnceStr(t6, "description"u8) : null, 4000),
            Method = MapMethod(methodCode),
            MethodDetails = Cut(methodDetails ?? methodCode, 400),
            Category = MapCategory(tender is { } t7 ? Str(t7, "mainProcurementCategory"u8) : null),
            Status = MapTenderStatus(tender is { } t8 ? Str(t8, "status"u8) : null),
            EstimatedValueMinor = Amount(tenderValue),
            Currency = "UAH",
            TenderPeriodStart = PeriodDate(tender, "tenderPeriod"u8, "startDate"u8),
            TenderPeriodEnd = PeriodDate(tender, "tenderPeriod"u8, "endDate"u8),
            AwardPeriodStart = PeriodDate(tender, "awardPeriod"u8, "startDate"u8),
            AwardPeriodEnd = PeriodDate(tender, "awardPeriod"u8, "endDate"u8),
            BuyerKey = buyer?.Key,
            ProcuringEntityKey = procuring?.Key,
            BuyerIdentifier = buyer is null ? null : buyer.Scheme is PartyIdScheme or PartyNameScheme ? null : buyer.Id,
        };
        context.Use(buyer);
        context.Use(procuring);

        if (tender is { } tenderElement)
        {
            if (Arr(tenderElement, "lots"u8) is { } lots)
                foreach (var lot in lots.EnumerateArray())
                {
                    var lotId = Str(lot, "id"u8);
                    if (lotId is null) continue;
                    result.Lots.Add(new OcdsLot(Cut(lotId, 400)!, Cut(NonBlank(Str(lot, "title"u8)) ?? NonBlank(Str(lot, "description"u8)) ?? lotId, 400)!,
                        Amount(Obj(lot, "value"u8)), Cut(Str(lot, "status"u8), 400)));
                }
            if (Arr(tenderElement, "items"u8) is { } items)
                foreach (var item in items.EnumerateArray())
                    result.Items.Add(MapItem(item));
        }

        var bids = Obj(release, "bids"u8) is { } bidsObject ? Arr(bidsObject, "details"u8) : null;
        if (bids is { } details)
            foreach (var bid in details.EnumerateArray())
            {
                var tenderer = default(JsonElement);
                if (Arr(bid, "tenderers"u8) is { } tenderers)
                    foreach (var first in tenderers.EnumerateArray()) { tenderer = first; break; }
                if (tenderer.ValueKind != JsonValueKind.Object) continue; // a bid without a tenderer says nothing we can keep
                var party = context.Resolve(tenderer);
                if (party is null) continue;
                context.Use(party);
                var value = Obj(bid, "value"u8);
                result.Bids.Add(new OcdsBid(Cut(OnceStr(bid, "id"u8), 400), party.Key, Amount(value), currencies.Pick(Currency(value)),
                    Date(bid, "date"u8), MapBidStatus(Str(bid, "status"u8)), null, FirstRelatedLot(bid)));
            }

        if (Arr(release, "awards"u8) is { } awards)
            foreach (var award in awards.EnumerateArray())
            {
                if (Arr(award, "suppliers"u8) is not { } suppliers) continue;
                var value = Obj(award, "value"u8);
                var first = true;
                foreach (var supplier in suppliers.EnumerateArray())
                {
                    var party = context.Resolve(supplier);
                    if (party is null) continue;
                    context.Use(party);
                    // One row per supplier; the award's value sits on the first so sums are not multiplied.
                    result.Awards.Add(new OcdsAward(Cut(OnceStr(award, "id"u8), 400), party.Key, first ? Amount(value) : null, currencies.Pick(Currency(value)),
                        MapAwardStatus(Str(award, "status"u8)), Date(award, "date"u8), FirstRelatedLot(award), OnceStr(award, "relatedBid"u8)));
                    first = false;
                }
            }

        if (Arr(release, "contracts"u8) is { } contracts)
            foreach (var contract in contracts.EnumerateArray())
            {
                var value = Obj(contract, "value"u8);
                var amendments = new List<OcdsAmendment>();
                if (Arr(contract, "amendments"u8) is { } amendmentArray)
                    foreach (var amendment in amendmentArray.EnumerateArray())
                    {
                        if (Date(amendment, "date"u8) is not { } date) continue;
                        amendments.Add(new OcdsAmendment(date, Cut(NonBlank(OnceStr(amendment, "rationale"u8)) ?? NonBlank(OnceStr(amendment, "description"u8)) ?? "", 2000)!,
                            Amount(Obj(amendment, "value"u8))));
                    }
                var number = NonBlank(OnceStr(contract, "contractID"u8)) ?? NonBlank(OnceStr(contract, "id"u8)) ?? $"{result.Contracts.Count + 1}";
                result.Contracts.Add(new OcdsContract(Cut(OnceStr(contract, "id"u8), 400), Cut(number, 100)!, OnceStr(contract, "awardID"u8), Amount(value),
                    currencies.Pick(Currency(value)), Date(contract, "dateSigned"u8), MapContractStatus(Str(contract, "status"u8)), amendments));
            }

        foreach (var party in context.Used) result.Parties[party.Key] = party;
        result.Currency = currencies.Best;
        return result;
    }

    private static OcdsItem MapItem(JsonElement item)
    {
        var classification = Obj(item, "classification"u8);
        string? cpv = null;
        if (classification is { } c && string.Equals(Str(c, "scheme"u8), "CPV", StringComparison.OrdinalIgnoreCase))
            cpv = Cut(Str(c, "id"u8), 20);
        var description = NonBlank(Str(item, "description"u8)) ?? NonBlank(classification is { } c2 ? Str(c2, "description"u8) : null) ?? "";
        var unit = Obj(item, "unit"u8) is { } u ? NonBlank(Str(u, "name"u8)) ?? NonBlank(Str(u, "id"u8)) : null;
        return new OcdsItem(Cut(description, 2000)!, cpv, Decimal(item, "quantity"u8), Cut(unit, 400), Str(item, "relatedLot"u8));
    }

    private static string? FirstRelatedLot(JsonElement element)
    {
        if (Arr(element, "relatedLots"u8) is not { } lots) return Str(element, "relatedLot"u8);
        foreach (var lot in lots.EnumerateArray())
        {
            if (lot.ValueKind == JsonValueKind.String) return lot.GetString();
            if (lot.ValueKind == JsonValueKind.Number) return lot.GetRawText();
        }
        return null;
    }

    // ---- codelists ----

    internal static ProcurementMethod MapMethod(string? code)
    {
        var value = Code(code);
        return value switch
        {
            "open" => ProcurementMethod.Open,
            "selective" => ProcurementMethod.Selective,
            "limited" => ProcurementMethod.Limited,
            "direct" => ProcurementMethod.Direct,
            // Non-codelist labels seen in real feeds (Romanian, Spanish, Ukrainian).
            _ when value.Contains("direct") || value.Contains("directa") || value.Contains("пряма") => ProcurementMethod.Direct,
            _ when value.Contains("negoc") || value.Contains("negot") || value.Contains("limit") || value.Contains("переговор") => ProcurementMethod.Limited,
            _ when value.Contains("restr") || value.Contains("select") || value.Contains("invit") || value.Contains("cotiz") => ProcurementMethod.Selective,
            _ => ProcurementMethod.Open,
        };
    }

    private static ProcurementCategory MapCategory(string? code) => Code(code) switch
    {
        "works" => ProcurementCategory.Works,
        "services" or "consultingservices" => ProcurementCategory.Services,
        _ => ProcurementCategory.Goods,
    };

    private static TenderStatus MapTenderStatus(string? code) => Code(code) switch
    {
        "planning" or "planned" => TenderStatus.Planning,
        "complete" => TenderStatus.Complete,
        "unsuccessful" => TenderStatus.Unsuccessful,
        "cancelled" or "withdrawn" => TenderStatus.Cancelled,
        _ => TenderStatus.Active,
    };

    // ProZorro publishes "active" for bids it accepted; "unsuccessful"/"invalid" are disqualified bids.
    private static BidStatus MapBidStatus(string? code) => Code(code) switch
    {
        "valid" or "active" => BidStatus.Valid,
        "disqualified" or "unsuccessful" or "invalid" => BidStatus.Disqualified,
        "withdrawn" or "deleted" => BidStatus.Withdrawn,
        _ => BidStatus.Pending,
    };

    private static AwardStatus MapAwardStatus(string? code) => Code(code) switch
    {
        "active" => AwardStatus.Active,
        "unsuccessful" => AwardStatus.Unsuccessful,
        "cancelled" => AwardStatus.Cancelled,
        _ => AwardStatus.Pending,
    };

    private static ContractStatus MapContractStatus(string? code) => Code(code) switch
    {
        "active" => ContractStatus.Active,
        "terminated" => ContractStatus.Terminated,
        "cancelled" => ContractStatus.Cancelled,
        _ => ContractStatus.Pending,
    };

    // ---- parties ----

    private sealed class PartyContext(string publisher)
    {
        public Dictionary<string, JsonElement> ById { get; } = new(StringComparer.Ordinal);
        private readonly Dictionary<string, OcdsParty> _used = new(StringComparer.Ordinal);
        public IEnumerable<OcdsParty> Used => _used.Values;

        // A release names the same parties again and again (buyer, procuring entity, a supplier in every bid and
        // award), usually by the very same reference: resolving it is a dozen lookups and a new party each time.
        private readonly List<(JsonElement Reference, OcdsParty? Party)> _resolved = [];

        public void Use(OcdsParty? party)
        {
            if (party is null) return;
            // A copy: the resolved party may be handed out again, and merging must not change what it resolves to.
            if (_used.TryGetValue(party.Key, out var known)) known.MergeFrom(party);
            else _used[party.Key] = party.Copy();
        }

        /// <summary>The party a reference resolves to; the same reference (byte for byte) is resolved once per release.</summary>
        public OcdsParty? Resolve(JsonElement reference)
        {
            if (reference.ValueKind != JsonValueKind.Object) return null;
            var raw = JsonMarshal.GetRawUtf8Value(reference);
            foreach (var (seen, party) in _resolved)
                if (JsonMarshal.GetRawUtf8Value(seen).SequenceEqual(raw)) return party;
            var resolved = ResolveAnew(reference);
            _resolved.Add((reference, resolved));
            return resolved;
        }

        public JsonElement? FirstWithRole(string role)
        {
            foreach (var party in ById.Values)
                if (Arr(party, "roles"u8) is { } roles)
                    foreach (var r in roles.EnumerateArray())
                        if (r.ValueKind == JsonValueKind.String && r.ValueEquals(role)) return party;
            return null;
        }

        /// <summary>An organisation reference or party: identity from its identifier, else its OCDS id, else its name.</summary>
        private OcdsParty? ResolveAnew(JsonElement reference)
        {
            var full = Str(reference, "id"u8) is { } id && ById.TryGetValue(id, out var party) ? party : reference;
            var identifier = Obj(full, "identifier"u8) ?? Obj(reference, "identifier"u8);
            var identifierId = identifier is { } i ? Str(i, "id"u8) : null;
            var name = NonBlank(Str(full, "name"u8)) ?? NonBlank(Str(reference, "name"u8)) ?? NonBlank(identifier is { } i2 ? Str(i2, "legalName"u8) : null);
            string scheme, key;
            if (!string.IsNullOrWhiteSpace(identifierId))
            {
                scheme = NonBlank(identifier is { } i3 ? Str(i3, "scheme"u8) : null) ?? "UNKNOWN";
                key = identifierId.Trim();
            }
            else if (Str(reference, "id"u8) is { } ocdsId && !string.IsNullOrWhiteSpace(ocdsId))
            {
                // Party ids are only unique within a publisher, so they are kept with the ocid prefix.
                scheme = PartyIdScheme;
                key = $"{publisher}/{ocdsId.Trim()}";
            }
            else if (name is not null)
            {
                scheme = PartyNameScheme;
                key = $"{publisher}/{name.Trim()}";
            }
            else return null;

            var address = Obj(full, "address"u8) ?? Obj(reference, "address"u8);
            var contact = Obj(full, "contactPoint"u8) ?? Obj(reference, "contactPoint"u8);
            var result = new OcdsParty
            {
                Scheme = Cut(scheme, 40)!,
                Id = Cut(key, 200)!,
                Name = Cut(name ?? key, 400)!,
                LegalName = Cut(identifier is { } i4 ? Str(i4, "legalName"u8) : null, 400),
                StreetAddress = Cut(address is { } a1 ? Str(a1, "streetAddress"u8) : null, 400),
                Locality = Cut(address is { } a2 ? Str(a2, "locality"u8) : null, 400),
                Region = Cut(address is { } a3 ? Str(a3, "region"u8) : null, 400),
                PostalCode = Cut(address is { } a4 ? Str(a4, "postalCode"u8) : null, 400),
                CountryName = Cut(address is { } a5 ? Str(a5, "countryName"u8) : null, 400),
                ContactName = Cut(contact is { } c1 ? Str(c1, "name"u8) : null, 400),
                ContactEmail = Cut(contact is { } c2 ? Str(c2, "email"u8) : null, 400),
                ContactPhone = Cut(contact is { } c3 ? Str(c3, "telephone"u8) : null, 400),
            };
            if (Arr(full, "additionalIdentifiers"u8) is { } extra)
                foreach (var other in extra.EnumerateArray())
                    if (Str(other, "id"u8) is { } otherId && !string.IsNullOrWhiteSpace(otherId))
                    {
                        var entry = (Cut(Str(other, "scheme"u8) ?? "UNKNOWN", 400)!, Cut(otherId, 400)!, Cut(Str(other, "legalName"u8), 400));
                        if (!result.AdditionalIdentifiers.Contains(entry)) result.AdditionalIdentifiers.Add(entry);
                    }
            return result;
        }
    }

    private static string OcidPrefix(string ocid)
    {
        var first = ocid.IndexOf('-');
        var second = first < 0 ? -1 : ocid.IndexOf('-', first + 1);
        return second < 0 ? ocid : ocid[..second];
    }

    // ---- values ----

    private sealed class CurrencyPicker(string? tenderCurrency)
    {
        private string? _first = tenderCurrency;
        public string Best => _first ?? Money.DefaultCurrency;

        public string Pick(string? currency)
        {
            _first ??= currency;
            return currency ?? Best;
        }
    }

    private static string? Currency(JsonElement? value)
    {
        var code = value is { } v ? Str(v, "currency"u8) : null;
        return code is { Length: 3 } ? code.ToUpperInvariant() : null;
    }

    /// <summary>Amount in minor units; OCDS amounts may carry more than two decimals, so they are rounded.</summary>
    private static long? Amount(JsonElement? value)
    {
        if (value is not { } v || Decimal(v, "amount"u8) is not { } amount) return null;
        var minor = decimal.Round(amount * Money.MinorPerMajor, MidpointRounding.AwayFromZero);
        return minor is >= long.MinValue and <= long.MaxValue ? (long)minor : null;
    }

    private static decimal? Decimal(JsonElement element, ReadOnlySpan<byte> name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number)
            return value.TryGetDecimal(out var d) ? d : double.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && Math.Abs(f) < 7.9e27 ? (decimal)f : null;
        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        return null;
    }

    private static DateTime? PeriodDate(JsonElement? tender, ReadOnlySpan<byte> period, ReadOnlySpan<byte> name) =>
        tender is { } t && Obj(t, period) is { } p ? Date(p, name) : null;

    private static DateTime? Date(JsonElement element, ReadOnlySpan<byte> name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        // ISO 8601 with an explicit offset (nearly every feed) is parsed from the UTF-8 directly; without one the
        // reader would assume local time where we assume UTC, so anything else takes the lenient parse.
        if (value.ValueKind == JsonValueKind.String && HasOffset(JsonMarshal.GetRawUtf8Value(value)) && value.TryGetDateTimeOffset(out var iso))
            return iso.UtcDateTime;
        var text = Text(value);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime : null;
    }

    private static bool HasOffset(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > 0 && raw[^1] == (byte)'"') raw = raw[..^1];
        if (raw.Length < 11) return false;
        if (raw[^1] is (byte)'Z' or (byte)'z') return true;
        return raw.Length >= 17 && raw[^6] is (byte)'+' or (byte)'-' && raw[^3] == (byte)':';
    }

    private static JsonElement? Obj(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static JsonElement? Arr(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Text(value) : null;

    // Property names as UTF-8 literals: JsonDocument compares UTF-8, so a string name is transcoded on every lookup.
    private static string? Str(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>A value unique to one release (ocid, ids, titles): not worth keeping in the string cache.</summary>
    private static string? OnceStr(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Text(value, cache: false) : null;

    private static string? Text(JsonElement value, bool cache = true)
    {
        return value.ValueKind switch
        {
            JsonValueKind.String => (cache ? StringCache.Get(value) : value.GetString()) is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Null for a blank value; chained with <c>??</c>, so a fallback is only read when it is needed.</summary>
    private static string? NonBlank(string? a) => string.IsNullOrWhiteSpace(a) ? null : a;

    /// <summary>A code trimmed and lower-cased, without a new string when it already is (codelist values usually are).</summary>
    private static string Code(string? code)
    {
        if (code is null) return "";
        var trimmed = code.Trim();
        foreach (var ch in trimmed)
            if (char.IsUpper(ch)) return trimmed.ToLowerInvariant();
        return trimmed;
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>
    /// Short strings seen before (party names, ids, addresses, statuses, units) come back as the same instance instead
    /// of a new string per release: less to allocate, and the tenders waiting to be written hold less. One bounded
    /// interner per thread (the import's own reader thread, which ends with it), so memory stays flat whatever the input.
    /// </summary>
    private static class StringCache
    {
        private const int MaxBytes = 96;

        [ThreadStatic] private static Utf8Interner? _interner;

        public static string? Get(JsonElement value)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            // The raw value keeps its quotes; escaped text is left to the reader to unescape, and invalid UTF-8 to reject.
            if (raw.Length < 2 || raw.Length - 2 > MaxBytes || raw.Contains((byte)'\\') || !Utf8.IsValid(raw)) return value.GetString();
            return (_interner ??= new Utf8Interner()).Intern(raw[1..^1]);
        }
    }
}
