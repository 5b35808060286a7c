using System.Runtime.InteropServices;
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
    public static OcdsTender? Map(JsonElement release, long line, out string? reason) =>
        Map(release.ValueKind == JsonValueKind.Object ? JsonMarshal.GetRawUtf8Value(release) : "null"u8, line, out reason);

    /// <summary>Maps the release whose UTF-8 JSON starts <paramref name="utf8"/>; malformed JSON throws <see cref="JsonException"/>.</summary>
    public static OcdsTender? Map(ReadOnlySpan<byte> utf8, long line, out string? reason)
    {
        var release = RawRelease.Read(utf8, stopAtContainer: false, out _);
        if (release is null) { reason = "Not a JSON object."; return null; }
        return Map(release, line, out reason);
    }

    /// <summary>
    /// Maps a top-level value when it is a release. Returns false, having read no further than needed to tell, when it
    /// is a package or record or has no ocid: the caller then reads it whole.
    /// </summary>
    public static bool TryMapRelease(ReadOnlySpan<byte> utf8, long line, out OcdsTender? tender, out string? ocid, out string? reason, out int consumed)
    {
        (tender, ocid, reason) = (null, null, null);
        var release = RawRelease.Read(utf8, stopAtContainer: true, out consumed);
        if (release is not { IsContainer: false, HasOcid: true }) return false;
        ocid = release.Ocid;
        tender = Map(release, line, out reason);
        return true;
    }

    private static OcdsTender? Map(RawRelease release, long line, out string? reason)
    {
        reason = null;
        var ocid = release.Ocid;
        if (string.IsNullOrWhiteSpace(ocid)) { reason = "The release has no ocid."; return null; }
        if (ocid.Length > 100) { reason = "The ocid is longer than 100 characters."; return null; }

        var context = new PartyContext(OcidPrefix(ocid), release.Parties);

        var tender = release.Tender;
        var currencies = new CurrencyPicker(Currency(tender?.Value));

        // Buyer and procuring entity: explicit references first, then the parties holding those roles.
        var buyerRef = release.Buyer ?? context.FirstWithRole(p => p.IsBuyer);
        var procuringRef = tender?.ProcuringEntity ?? context.FirstWithRole(p => p.IsProcuringEntity);
        var buyer = buyerRef is { } b ? context.Resolve(b) : null;
        var procuring = procuringRef is { } p ? context.Resolve(p) : null;

        var title = NonBlank(tender?.Title) ?? NonBlank(tender?.Description) ?? NonBlank(release.Title) ?? ocid;
        var result = new OcdsTender
        {
            Ocid = ocid,
            Line = line,
            Title = Cut(title, 1000)!,
            Description = Cut(tender?.Description, 4000),
            Method = MapMethod(tender?.Method),
            MethodDetails = Cut(tender?.MethodDetails ?? tender?.Method, 400),
            Category = MapCategory(tender?.Category),
            Status = MapTenderStatus(tender?.Status),
            EstimatedValueMinor = Amount(tender?.Value),
            Currency = "UAH",
            TenderPeriodStart = tender?.TenderPeriod?.Start,
            TenderPeriodEnd = tender?.TenderPeriod?.End,
            AwardPeriodStart = tender?.AwardPeriod?.Start,
            AwardPeriodEnd = tender?.AwardPeriod?.End,
            BuyerKey = buyer?.Key,
            ProcuringEntityKey = procuring?.Key,
            BuyerIdentifier = buyer is null ? null : buyer.Scheme is PartyIdScheme or PartyNameScheme ? null : buyer.Id,
        };
        context.Use(buyer);
        context.Use(procuring);

        if (tender is not null)
        {
            foreach (var lot in tender.Lots)
            {
                if (lot.Id is not { } lotId) continue;
                result.Lots.Add(new OcdsLot(Cut(lotId, 400)!, Cut(NonBlank(lot.Title) ?? NonBlank(lot.Description) ?? lotId, 400)!,
                    Amount(lot.Value), Cut(lot.Status, 400)));
            }
            foreach (var item in tender.Items) result.Items.Add(MapItem(item));
        }

        foreach (var bid in release.Bids)
        {
            if (bid.Tenderer is not { } tenderer) continue; // a bid without a tenderer says nothing we can keep
            var party = context.Resolve(tenderer);
            if (party is null) continue;
            context.Use(party);
            result.Bids.Add(new OcdsBid(Cut(bid.Id, 400), party.Key, Amount(bid.Value), currencies.Pick(Currency(bid.Value)),
                bid.Date, MapBidStatus(bid.Status), null, bid.Lot.Value));
        }

        foreach (var award in release.Awards)
        {
            if (award.Suppliers is not { } suppliers) continue;
            var first = true;
            foreach (var supplier in suppliers)
            {
                var party = context.Resolve(supplier);
                if (party is null) continue;
                context.Use(party);
                // One row per supplier; the award's value sits on the first so sums are not multiplied.
                result.Awards.Add(new OcdsAward(Cut(award.Id, 400), party.Key, first ? Amount(award.Value) : null, currencies.Pick(Currency(award.Value)),
                    MapAwardStatus(award.Status), award.Date, award.Lot.Value, award.RelatedBid));
                first = false;
            }
        }

        foreach (var contract in release.Contracts)
        {
            var amendments = new List<OcdsAmendment>();
            foreach (var amendment in contract.Amendments)
            {
                if (amendment.Date is not { } date) continue;
                amendments.Add(new OcdsAmendment(date, Cut(NonBlank(amendment.Rationale) ?? NonBlank(amendment.Description) ?? "", 2000)!,
                    Amount(amendment.Value)));
            }
            var number = NonBlank(contract.ContractId) ?? NonBlank(contract.Id) ?? $"{result.Contracts.Count + 1}";
            result.Contracts.Add(new OcdsContract(Cut(contract.Id, 400), Cut(number, 100)!, contract.AwardId, Amount(contract.Value),
                currencies.Pick(Currency(contract.Value)), contract.DateSigned, MapContractStatus(contract.Status), amendments));
        }

        foreach (var party in context.Used) result.Parties[party.Key] = party;
        result.Currency = currencies.Best;
        return result;
    }

    private static OcdsItem MapItem(RawItem item)
    {
        var cpv = string.Equals(item.ClassificationScheme, "CPV", StringComparison.OrdinalIgnoreCase) ? Cut(item.ClassificationId, 20) : null;
        var description = NonBlank(item.Description) ?? NonBlank(item.ClassificationDescription) ?? "";
        var unit = NonBlank(item.UnitName) ?? NonBlank(item.UnitId);
        return new OcdsItem(Cut(description, 2000)!, cpv, item.Quantity, Cut(unit, 400), item.RelatedLot);
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

    private sealed class PartyContext(string publisher, List<RawParty> parties)
    {
        // Parties are a handful per release: a list searched in order beats building dictionaries for each release.
        private readonly List<(OcdsParty Party, bool Copied)> _used = [];
        public IEnumerable<OcdsParty> Used => _used.Select(u => u.Party);

        /// <summary>
        /// Merges the party into the release's parties, by key. The first use of a key keeps the resolved party itself; a
        /// different party with the same key merges into a copy, since the resolved one may be handed out again and must
        /// not change what it resolves to.
        /// </summary>
        public void Use(OcdsParty? party)
        {
            if (party is null) return;
            for (var i = 0; i < _used.Count; i++)
            {
                var (known, copied) = _used[i];
                if (known.Key != party.Key) continue;
                if (ReferenceEquals(known, party)) return; // merging a party into itself changes nothing
                if (!copied) _used[i] = (known = known.Copy(), true);
                known.MergeFrom(party);
                return;
            }
            _used.Add((party, false));
        }

        /// <summary>The party a reference resolves to; a reference read once (the same bytes) is resolved once.</summary>
        public OcdsParty? Resolve(RawParty reference)
        {
            if (!reference.IsResolved) (reference.Resolved, reference.IsResolved) = (ResolveAnew(reference), true);
            return reference.Resolved;
        }

        /// <summary>The first party with the role, among the first party of each id (as a lookup by id would see them).</summary>
        public RawParty? FirstWithRole(Func<RawParty, bool> hasRole)
        {
            for (var i = 0; i < parties.Count; i++)
                if (parties[i] is { Id: { } id } party && hasRole(party) && ById(id) == party) return party;
            return null;
        }

        /// <summary>The first party in the release with the id.</summary>
        private RawParty? ById(string id)
        {
            foreach (var party in parties)
                if (party.Id == id) return party;
            return null;
        }

        /// <summary>An organisation reference or party: identity from its identifier, else its OCDS id, else its name.</summary>
        private OcdsParty? ResolveAnew(RawParty reference)
        {
            var full = reference.Id is { } id && ById(id) is { } party ? party : reference;
            var identifier = full.Identifier ?? reference.Identifier;
            var identifierId = identifier?.Id;
            var name = NonBlank(full.Name) ?? NonBlank(reference.Name) ?? NonBlank(identifier?.LegalName);
            string scheme, key;
            if (!string.IsNullOrWhiteSpace(identifierId))
            {
                scheme = NonBlank(identifier?.Scheme) ?? "UNKNOWN";
                key = identifierId.Trim();
            }
            else if (reference.Id is { } ocdsId && !string.IsNullOrWhiteSpace(ocdsId))
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

            var address = full.HasAddress ? full : reference;
            var contact = full.HasContact ? full : reference;
            var result = new OcdsParty
            {
                Scheme = Cut(scheme, 40)!,
                Id = Cut(key, 200)!,
                Name = Cut(name ?? key, 400)!,
                LegalName = Cut(identifier?.LegalName, 400),
                StreetAddress = Cut(address.StreetAddress, 400),
                Locality = Cut(address.Locality, 400),
                Region = Cut(address.Region, 400),
                PostalCode = Cut(address.PostalCode, 400),
                CountryName = Cut(address.CountryName, 400),
                ContactName = Cut(contact.ContactName, 400),
                ContactEmail = Cut(contact.ContactEmail, 400),
                ContactPhone = Cut(contact.ContactPhone, 400),
            };
            foreach (var other in full.AdditionalIdentifiers ?? [])
                if (other.Id is { } otherId && !string.IsNullOrWhiteSpace(otherId))
                {
                    var entry = (Cut(other.Scheme ?? "UNKNOWN", 400)!, Cut(otherId, 400)!, Cut(other.LegalName, 400));
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

    private static string? Currency(RawValue? value) => value?.Currency is { Length: 3 } code ? code.ToUpperInvariant() : null;

    /// <summary>Amount in minor units; OCDS amounts may carry more than two decimals, so they are rounded.</summary>
    private static long? Amount(RawValue? value)
    {
        if (value?.Amount is not { } amount) return null;
        var minor = decimal.Round(amount * Money.MinorPerMajor, MidpointRounding.AwayFromZero);
        return minor is >= long.MinValue and <= long.MaxValue ? (long)minor : null;
    }

    /// <summary>A string property of a release held whole (its ocid, for a skip message).</summary>
    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) is { Length: > 0 } s ? s : null
            : null;

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
}
