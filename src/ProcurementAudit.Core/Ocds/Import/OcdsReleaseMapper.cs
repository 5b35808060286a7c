using System.Globalization;
using System.Text.Json;
using ProcurementAudit.Core.Domain;

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
        var ocid = Str(release, "ocid");
        if (string.IsNullOrWhiteSpace(ocid)) { reason = "The release has no ocid."; return null; }
        if (ocid.Length > 100) { reason = "The ocid is longer than 100 characters."; return null; }

        var context = new PartyContext(OcidPrefix(ocid));
        if (Arr(release, "parties") is { } parties)
            foreach (var party in parties.EnumerateArray())
                if (Str(party, "id") is { } partyId) context.ById.TryAdd(partyId, party);

        var tender = Obj(release, "tender");
        var tenderValue = tender is { } t0 ? Obj(t0, "value") : null;
        var currencies = new CurrencyPicker(Currency(tenderValue));

        // Buyer and procuring entity: explicit references first, then the parties holding those roles.
        var buyerRef = Obj(release, "buyer") ?? context.FirstWithRole("buyer");
        var procuringRef = (tender is { } t1 ? Obj(t1, "procuringEntity") : null) ?? context.FirstWithRole("procuringEntity");
        var buyer = buyerRef is { } b ? context.Resolve(b) : null;
        var procuring = procuringRef is { } p ? context.Resolve(p) : null;

        var title = FirstNonEmpty(tender is { } t2 ? Str(t2, "title") : null, tender is { } t3 ? Str(t3, "description") : null, Str(release, "title")) ?? ocid;
        var methodCode = tender is { } t4 ? Str(t4, "procurementMethod") : null;
        var methodDetails = tender is { } t5 ? Str(t5, "procurementMethodDetails") : null;

        var result = new OcdsTender
        {
            Ocid = ocid,
            Line = line,
            Title = Cut(title, 1000)!,
            Description = Cut(tender is { } t6 ? Str(t6, "description") : null, 4000),
            Method = MapMethod(methodCode),
            MethodDetails = Cut(methodDetails ?? methodCode, 400),
            Category = MapCategory(tender is { } t7 ? Str(t7, "mainProcurementCategory") : null),
            Status = MapTenderStatus(tender is { } t8 ? Str(t8, "status") : null),
            EstimatedValueMinor = Amount(tenderValue),
            Currency = "UAH",
            TenderPeriodStart = PeriodDate(tender, "tenderPeriod", "startDate"),
            TenderPeriodEnd = PeriodDate(tender, "tenderPeriod", "endDate"),
            AwardPeriodStart = PeriodDate(tender, "awardPeriod", "startDate"),
            AwardPeriodEnd = PeriodDate(tender, "awardPeriod", "endDate"),
            BuyerKey = buyer?.Key,
            ProcuringEntityKey = procuring?.Key,
            BuyerIdentifier = buyer is null ? null : buyer.Scheme is PartyIdScheme or PartyNameScheme ? null : buyer.Id,
        };
        context.Use(buyer);
        context.Use(procuring);

        if (tender is { } tenderElement)
        {
            if (Arr(tenderElement, "lots") is { } lots)
                foreach (var lot in lots.EnumerateArray())
                {
                    var lotId = Str(lot, "id");
                    if (lotId is null) continue;
                    result.Lots.Add(new OcdsLot(Cut(lotId, 400)!, Cut(FirstNonEmpty(Str(lot, "title"), Str(lot, "description")) ?? lotId, 400)!,
                        Amount(Obj(lot, "value")), Cut(Str(lot, "status"), 400)));
                }
            if (Arr(tenderElement, "items") is { } items)
                foreach (var item in items.EnumerateArray())
                    result.Items.Add(MapItem(item));
        }

        var bids = Obj(release, "bids") is { } bidsObject ? Arr(bidsObject, "details") : null;
        if (bids is { } details)
            foreach (var bid in details.EnumerateArray())
            {
                var tenderer = Arr(bid, "tenderers") is { } tenderers ? tenderers.EnumerateArray().FirstOrDefault() : default;
                if (tenderer.ValueKind != JsonValueKind.Object) continue; // a bid without a tenderer says nothing we can keep
                var party = context.Resolve(tenderer);
                if (party is null) continue;
                context.Use(party);
                var value = Obj(bid, "value");
                result.Bids.Add(new OcdsBid(Cut(Str(bid, "id"), 400), party.Key, Amount(value), currencies.Pick(Currency(value)),
                    Date(bid, "date"), MapBidStatus(Str(bid, "status")), null, FirstRelatedLot(bid)));
            }

        if (Arr(release, "awards") is { } awards)
            foreach (var award in awards.EnumerateArray())
            {
                if (Arr(award, "suppliers") is not { } suppliers) continue;
                var value = Obj(award, "value");
                var first = true;
                foreach (var supplier in suppliers.EnumerateArray())
                {
                    var party = context.Resolve(supplier);
                    if (party is null) continue;
                    context.Use(party);
                    // One row per supplier; the award's value sits on the first so sums are not multiplied.
                    result.Awards.Add(new OcdsAward(Cut(Str(award, "id"), 400), party.Key, first ? Amount(value) : null, currencies.Pick(Currency(value)),
                        MapAwardStatus(Str(award, "status")), Date(award, "date"), FirstRelatedLot(award), Str(award, "relatedBid")));
                    first = false;
                }
            }

        if (Arr(release, "contracts") is { } contracts)
            foreach (var contract in contracts.EnumerateArray())
            {
                var value = Obj(contract, "value");
                var amendments = new List<OcdsAmendment>();
                if (Arr(contract, "amendments") is { } amendmentArray)
                    foreach (var amendment in amendmentArray.EnumerateArray())
                    {
                        if (Date(amendment, "date") is not { } date) continue;
                        amendments.Add(new OcdsAmendment(date, Cut(FirstNonEmpty(Str(amendment, "rationale"), Str(amendment, "description")) ?? "", 2000)!,
                            Amount(Obj(amendment, "value"))));
                    }
                var number = FirstNonEmpty(Str(contract, "contractID"), Str(contract, "id")) ?? $"{result.Contracts.Count + 1}";
                result.Contracts.Add(new OcdsContract(Cut(Str(contract, "id"), 400), Cut(number, 100)!, Str(contract, "awardID"), Amount(value),
                    currencies.Pick(Currency(value)), Date(contract, "dateSigned"), MapContractStatus(Str(contract, "status")), amendments));
            }

        foreach (var party in context.Used) result.Parties[party.Key] = party;
        result.Currency = currencies.Best;
        return result;
    }

    private static OcdsItem MapItem(JsonElement item)
    {
        var classification = Obj(item, "classification");
        string? cpv = null;
        if (classification is { } c && string.Equals(Str(c, "scheme"), "CPV", StringComparison.OrdinalIgnoreCase))
            cpv = Cut(Str(c, "id"), 20);
        var description = FirstNonEmpty(Str(item, "description"), classification is { } c2 ? Str(c2, "description") : null) ?? "";
        var unit = Obj(item, "unit") is { } u ? FirstNonEmpty(Str(u, "name"), Str(u, "id")) : null;
        return new OcdsItem(Cut(description, 2000)!, cpv, Decimal(item, "quantity"), Cut(unit, 400), Str(item, "relatedLot"));
    }

    private static string? FirstRelatedLot(JsonElement element) =>
        Arr(element, "relatedLots") is { } lots ? lots.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : l.ValueKind == JsonValueKind.Number ? l.GetRawText() : null).FirstOrDefault(l => l is not null)
        : Str(element, "relatedLot");

    // ---- codelists ----

    internal static ProcurementMethod MapMethod(string? code)
    {
        var value = code?.Trim().ToLowerInvariant() ?? "";
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

    private static ProcurementCategory MapCategory(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "works" => ProcurementCategory.Works,
        "services" or "consultingservices" => ProcurementCategory.Services,
        _ => ProcurementCategory.Goods,
    };

    private static TenderStatus MapTenderStatus(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "planning" or "planned" => TenderStatus.Planning,
        "complete" => TenderStatus.Complete,
        "unsuccessful" => TenderStatus.Unsuccessful,
        "cancelled" or "withdrawn" => TenderStatus.Cancelled,
        _ => TenderStatus.Active,
    };

    // ProZorro publishes "active" for bids it accepted; "unsuccessful"/"invalid" are disqualified bids.
    private static BidStatus MapBidStatus(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "valid" or "active" => BidStatus.Valid,
        "disqualified" or "unsuccessful" or "invalid" => BidStatus.Disqualified,
        "withdrawn" or "deleted" => BidStatus.Withdrawn,
        _ => BidStatus.Pending,
    };

    private static AwardStatus MapAwardStatus(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "active" => AwardStatus.Active,
        "unsuccessful" => AwardStatus.Unsuccessful,
        "cancelled" => AwardStatus.Cancelled,
        _ => AwardStatus.Pending,
    };

    private static ContractStatus MapContractStatus(string? code) => code?.Trim().ToLowerInvariant() switch
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

        public void Use(OcdsParty? party)
        {
            if (party is null) return;
            if (_used.TryGetValue(party.Key, out var known)) known.MergeFrom(party);
            else _used[party.Key] = party;
        }

        public JsonElement? FirstWithRole(string role)
        {
            foreach (var party in ById.Values)
                if (Arr(party, "roles") is { } roles && roles.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == role))
                    return party;
            return null;
        }

        /// <summary>An organisation reference or party: identity from its identifier, else its OCDS id, else its name.</summary>
        public OcdsParty? Resolve(JsonElement reference)
        {
            if (reference.ValueKind != JsonValueKind.Object) return null;
            var full = Str(reference, "id") is { } id && ById.TryGetValue(id, out var party) ? party : reference;
            var identifier = Obj(full, "identifier") ?? Obj(reference, "identifier");
            var identifierId = identifier is { } i ? Str(i, "id") : null;
            var name = FirstNonEmpty(Str(full, "name"), Str(reference, "name"), identifier is { } i2 ? Str(i2, "legalName") : null);
            string scheme, key;
            if (!string.IsNullOrWhiteSpace(identifierId))
            {
                scheme = FirstNonEmpty(identifier is { } i3 ? Str(i3, "scheme") : null) ?? "UNKNOWN";
                key = identifierId.Trim();
            }
            else if (Str(reference, "id") is { } ocdsId && !string.IsNullOrWhiteSpace(ocdsId))
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

            var address = Obj(full, "address") ?? Obj(reference, "address");
            var contact = Obj(full, "contactPoint") ?? Obj(reference, "contactPoint");
            var result = new OcdsParty
            {
                Scheme = Cut(scheme, 40)!,
                Id = Cut(key, 200)!,
                Name = Cut(name ?? key, 400)!,
                LegalName = Cut(identifier is { } i4 ? Str(i4, "legalName") : null, 400),
                StreetAddress = Cut(address is { } a1 ? Str(a1, "streetAddress") : null, 400),
                Locality = Cut(address is { } a2 ? Str(a2, "locality") : null, 400),
                Region = Cut(address is { } a3 ? Str(a3, "region") : null, 400),
                PostalCode = Cut(address is { } a4 ? Str(a4, "postalCode") : null, 400),
                CountryName = Cut(address is { } a5 ? Str(a5, "countryName") : null, 400),
                ContactName = Cut(contact is { } c1 ? Str(c1, "name") : null, 400),
                ContactEmail = Cut(contact is { } c2 ? Str(c2, "email") : null, 400),
                ContactPhone = Cut(contact is { } c3 ? Str(c3, "telephone") : null, 400),
            };
            if (Arr(full, "additionalIdentifiers") is { } extra)
                foreach (var other in extra.EnumerateArray())
                    if (Str(other, "id") is { } otherId && !string.IsNullOrWhiteSpace(otherId))
                    {
                        var entry = (Cut(Str(other, "scheme") ?? "UNKNOWN", 400)!, Cut(otherId, 400)!, Cut(Str(other, "legalName"), 400));
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
        var code = value is { } v ? Str(v, "currency") : null;
        return code is { Length: 3 } ? code.ToUpperInvariant() : null;
    }

    /// <summary>Amount in minor units; OCDS amounts may carry more than two decimals, so they are rounded.</summary>
    private static long? Amount(JsonElement? value)
    {
        if (value is not { } v || Decimal(v, "amount") is not { } amount) return null;
        var minor = decimal.Round(amount * Money.MinorPerMajor, MidpointRounding.AwayFromZero);
        return minor is >= long.MinValue and <= long.MaxValue ? (long)minor : null;
    }

    private static decimal? Decimal(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number)
            return value.TryGetDecimal(out var d) ? d : double.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && Math.Abs(f) < 7.9e27 ? (decimal)f : null;
        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        return null;
    }

    private static DateTime? PeriodDate(JsonElement? tender, string period, string name) =>
        tender is { } t && Obj(t, period) is { } p ? Date(p, name) : null;

    private static DateTime? Date(JsonElement element, string name)
    {
        var text = Str(element, name);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime : null;
    }

    private static JsonElement? Obj(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static JsonElement? Arr(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    internal static string? Str(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
