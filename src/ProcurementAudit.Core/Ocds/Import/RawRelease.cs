using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ProcurementAudit.Core.Ocds.Cardinal;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// The part of a release the mapper uses, read in one forward pass over its UTF-8 with no document built: building a
/// <see cref="JsonDocument"/> and then looking properties up in it cost more than everything else the import did.
/// Values are kept as lenient as the feeds are: a string field may hold a number (its text is kept), an amount may
/// be a string, and a field of the wrong kind reads as absent.
/// </summary>
internal sealed class RawRelease
{
    public string? Ocid;
    public bool HasOcid;
    public string? Title;
    public RawTender? Tender;
    public RawParty? Buyer;
    public readonly List<RawParty> Parties = [];
    public readonly List<RawBid> Bids = [];
    public readonly List<RawAward> Awards = [];
    public readonly List<RawContract> Contracts = [];

    /// <summary>Set when the value is a package or record rather than a release (it has releases, records or a compiledRelease).</summary>
    public bool IsContainer;

    /// <summary>
    /// Reads the JSON object at the start of <paramref name="utf8"/>; what follows it is left unread. With
    /// <paramref name="stopAtContainer"/>, reading stops as soon as the value shows it is a package or record.
    /// Throws <see cref="JsonException"/> for malformed JSON.
    /// </summary>
    public static RawRelease? Read(ReadOnlySpan<byte> utf8, bool stopAtContainer, out int consumed)
    {
        var scope = new ReadScope(utf8);
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            consumed = (int)reader.BytesConsumed;
            return null;
        }
        var release = new RawRelease();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("ocid"u8)) { release.Ocid = Json.Text(ref reader, intern: false); release.HasOcid = true; }
            else if (name.SequenceEqual("tender"u8)) release.Tender = Json.Object(ref reader, ref scope, RawTender.Read);
            else if (name.SequenceEqual("parties"u8)) Json.Objects(ref reader, ref scope, release.Parties, RawParty.Read);
            else if (name.SequenceEqual("buyer"u8)) release.Buyer = Json.Object(ref reader, ref scope, RawParty.ReadReference);
            else if (name.SequenceEqual("bids"u8) && reader.TokenType == JsonTokenType.StartObject) release.ReadBids(ref reader, ref scope);
            else if (name.SequenceEqual("awards"u8)) Json.Objects(ref reader, ref scope, release.Awards, RawAward.Read);
            else if (name.SequenceEqual("contracts"u8)) Json.Objects(ref reader, ref scope, release.Contracts, RawContract.Read);
            else if (name.SequenceEqual("title"u8)) release.Title = Json.Text(ref reader, intern: false);
            else
            {
                if (IsContainerProperty(name, reader.TokenType))
                {
                    release.IsContainer = true;
                    if (stopAtContainer) { consumed = 0; return release; }
                }
                reader.Skip();
            }
        }
        consumed = (int)reader.BytesConsumed;
        return release;
    }

    /// <summary>The same tests that tell a record or package from a release when the value is held whole.</summary>
    private static bool IsContainerProperty(ReadOnlySpan<byte> name, JsonTokenType value) =>
        name.SequenceEqual("compiledRelease"u8) || name.SequenceEqual("versionedRelease"u8)
        || (value == JsonTokenType.StartArray && (name.SequenceEqual("releases"u8) || name.SequenceEqual("records"u8)));

    private void ReadBids(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        Bids.Clear();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("details"u8)) Json.Objects(ref reader, ref scope, Bids, RawBid.Read);
            else reader.Skip();
        }
    }
}

internal sealed class RawTender
{
    public RawValue? Value;
    public RawParty? ProcuringEntity;
    public string? Title, Description, Method, MethodDetails, Category, Status;
    public RawPeriod? TenderPeriod, AwardPeriod;
    public readonly List<RawLot> Lots = [];
    public readonly List<RawItem> Items = [];

    public static RawTender Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var tender = new RawTender();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("title"u8)) tender.Title = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("description"u8)) tender.Description = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("value"u8)) tender.Value = Json.Object(ref reader, ref scope, RawValue.Read);
            else if (name.SequenceEqual("procuringEntity"u8)) tender.ProcuringEntity = Json.Object(ref reader, ref scope, RawParty.ReadReference);
            else if (name.SequenceEqual("procurementMethod"u8)) tender.Method = Json.Text(ref reader);
            else if (name.SequenceEqual("procurementMethodDetails"u8)) tender.MethodDetails = Json.Text(ref reader);
            else if (name.SequenceEqual("mainProcurementCategory"u8)) tender.Category = Json.Text(ref reader);
            else if (name.SequenceEqual("status"u8)) tender.Status = Json.Text(ref reader);
            else if (name.SequenceEqual("tenderPeriod"u8)) tender.TenderPeriod = Json.Object(ref reader, ref scope, RawPeriod.Read);
            else if (name.SequenceEqual("awardPeriod"u8)) tender.AwardPeriod = Json.Object(ref reader, ref scope, RawPeriod.Read);
            else if (name.SequenceEqual("lots"u8)) Json.Objects(ref reader, ref scope, tender.Lots, RawLot.Read);
            else if (name.SequenceEqual("items"u8)) Json.Objects(ref reader, ref scope, tender.Items, RawItem.Read);
            else reader.Skip();
        }
        return tender;
    }
}

internal sealed class RawValue
{
    public decimal? Amount;
    public string? Currency;

    public static RawValue Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var value = new RawValue();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("amount"u8)) value.Amount = Json.Decimal(ref reader);
            else if (name.SequenceEqual("currency"u8)) value.Currency = Json.Text(ref reader);
            else reader.Skip();
        }
        return value;
    }
}

internal sealed class RawPeriod
{
    public DateTime? Start, End;

    public static RawPeriod Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var period = new RawPeriod();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("startDate"u8)) period.Start = Json.Date(ref reader);
            else if (name.SequenceEqual("endDate"u8)) period.End = Json.Date(ref reader);
            else reader.Skip();
        }
        return period;
    }
}

internal sealed class RawLot
{
    public string? Id, Title, Description, Status;
    public RawValue? Value;

    public static RawLot Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var lot = new RawLot();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("id"u8)) lot.Id = Json.Text(ref reader);
            else if (name.SequenceEqual("title"u8)) lot.Title = Json.Text(ref reader);
            else if (name.SequenceEqual("description"u8)) lot.Description = Json.Text(ref reader);
            else if (name.SequenceEqual("status"u8)) lot.Status = Json.Text(ref reader);
            else if (name.SequenceEqual("value"u8)) lot.Value = Json.Object(ref reader, ref scope, RawValue.Read);
            else reader.Skip();
        }
        return lot;
    }
}

internal sealed class RawItem
{
    public string? Description, ClassificationScheme, ClassificationId, ClassificationDescription, UnitName, UnitId, RelatedLot;
    public decimal? Quantity;

    public static RawItem Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var item = new RawItem();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("description"u8)) item.Description = Json.Text(ref reader);
            else if (name.SequenceEqual("quantity"u8)) item.Quantity = Json.Decimal(ref reader);
            else if (name.SequenceEqual("relatedLot"u8)) item.RelatedLot = Json.Text(ref reader);
            else if (name.SequenceEqual("classification"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                (item.ClassificationScheme, item.ClassificationId, item.ClassificationDescription) = (null, null, null);
                while (Json.NextProperty(ref reader, out var field))
                {
                    if (field.SequenceEqual("scheme"u8)) item.ClassificationScheme = Json.Text(ref reader);
                    else if (field.SequenceEqual("id"u8)) item.ClassificationId = Json.Text(ref reader);
                    else if (field.SequenceEqual("description"u8)) item.ClassificationDescription = Json.Text(ref reader);
                    else reader.Skip();
                }
            }
            else if (name.SequenceEqual("unit"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                (item.UnitName, item.UnitId) = (null, null);
                while (Json.NextProperty(ref reader, out var field))
                {
                    if (field.SequenceEqual("name"u8)) item.UnitName = Json.Text(ref reader);
                    else if (field.SequenceEqual("id"u8)) item.UnitId = Json.Text(ref reader);
                    else reader.Skip();
                }
            }
            else reader.Skip();
        }
        return item;
    }
}

/// <summary>The lot a bid or award is for: the first entry of relatedLots when that is an array, else relatedLot.</summary>
internal struct RawLotReference
{
    private bool _hasList;
    private string? _firstOfList, _single;

    public readonly string? Value => _hasList ? _firstOfList : _single;

    /// <summary>Reads relatedLots or relatedLot when <paramref name="name"/> is one of them.</summary>
    public bool TryRead(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("relatedLot"u8)) { _single = Json.Text(ref reader); return true; }
        if (!name.SequenceEqual("relatedLots"u8)) return false;
        if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); _hasList = false; return true; }
        (_hasList, _firstOfList) = (true, null);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (_firstOfList is null && reader.TokenType is JsonTokenType.String) _firstOfList = reader.GetString();
            else if (_firstOfList is null && reader.TokenType is JsonTokenType.Number) _firstOfList = Encoding.UTF8.GetString(reader.ValueSpan);
            else reader.Skip();
        }
        return true;
    }
}

internal sealed class RawBid
{
    public string? Id, Status;
    public RawParty? Tenderer;
    public RawValue? Value;
    public DateTime? Date;
    public RawLotReference Lot;

    public static RawBid Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var bid = new RawBid();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("tenderers"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                // Only the first tenderer is kept; a first entry that is not an object means no tenderer.
                bid.Tenderer = null;
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (first && reader.TokenType == JsonTokenType.StartObject) bid.Tenderer = RawParty.ReadReference(ref reader, ref scope);
                    else reader.Skip();
                    first = false;
                }
            }
            else if (name.SequenceEqual("id"u8)) bid.Id = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("value"u8)) bid.Value = Json.Object(ref reader, ref scope, RawValue.Read);
            else if (name.SequenceEqual("date"u8)) bid.Date = Json.Date(ref reader);
            else if (name.SequenceEqual("status"u8)) bid.Status = Json.Text(ref reader);
            else if (!bid.Lot.TryRead(name, ref reader)) reader.Skip();
        }
        return bid;
    }
}

internal sealed class RawAward
{
    public string? Id, Status, RelatedBid;
    public List<RawParty>? Suppliers;
    public RawValue? Value;
    public DateTime? Date;
    public RawLotReference Lot;

    public static RawAward Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var award = new RawAward();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("suppliers"u8))
            {
                award.Suppliers = null;
                if (reader.TokenType == JsonTokenType.StartArray) Json.Objects(ref reader, ref scope, award.Suppliers = [], RawParty.ReadReference);
                else reader.Skip();
            }
            else if (name.SequenceEqual("id"u8)) award.Id = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("value"u8)) award.Value = Json.Object(ref reader, ref scope, RawValue.Read);
            else if (name.SequenceEqual("status"u8)) award.Status = Json.Text(ref reader);
            else if (name.SequenceEqual("date"u8)) award.Date = Json.Date(ref reader);
            else if (name.SequenceEqual("relatedBid"u8)) award.RelatedBid = Json.Text(ref reader, intern: false);
            else if (!award.Lot.TryRead(name, ref reader)) reader.Skip();
        }
        return award;
    }
}

internal sealed class RawContract
{
    public string? Id, ContractId, AwardId, Status;
    public RawValue? Value;
    public DateTime? DateSigned;
    public readonly List<RawAmendment> Amendments = [];

    public static RawContract Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var contract = new RawContract();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("id"u8)) contract.Id = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("contractID"u8)) contract.ContractId = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("awardID"u8)) contract.AwardId = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("status"u8)) contract.Status = Json.Text(ref reader);
            else if (name.SequenceEqual("value"u8)) contract.Value = Json.Object(ref reader, ref scope, RawValue.Read);
            else if (name.SequenceEqual("dateSigned"u8)) contract.DateSigned = Json.Date(ref reader);
            else if (name.SequenceEqual("amendments"u8)) Json.Objects(ref reader, ref scope, contract.Amendments, RawAmendment.Read);
            else reader.Skip();
        }
        return contract;
    }
}

internal sealed class RawAmendment
{
    public DateTime? Date;
    public string? Rationale, Description;
    public RawValue? Value;

    public static RawAmendment Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var amendment = new RawAmendment();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("date"u8)) amendment.Date = Json.Date(ref reader);
            else if (name.SequenceEqual("rationale"u8)) amendment.Rationale = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("description"u8)) amendment.Description = Json.Text(ref reader, intern: false);
            else if (name.SequenceEqual("value"u8)) amendment.Value = Json.Object(ref reader, ref scope, RawValue.Read);
            else reader.Skip();
        }
        return amendment;
    }
}

/// <summary>An organisation reference or a party: the same fields serve both, and a reference is completed from its party.</summary>
internal sealed class RawParty
{
    public string? Id, Name;
    public RawIdentifier? Identifier;
    public string? StreetAddress, Locality, Region, PostalCode, CountryName;
    public bool HasAddress;
    public string? ContactName, ContactEmail, ContactPhone;
    public bool HasContact;
    public List<RawIdentifier>? AdditionalIdentifiers;
    /// <summary>The roles the mapper looks for (a party's other roles do not matter to it).</summary>
    public bool IsBuyer, IsProcuringEntity;

    /// <summary>What the mapper resolved this party to, once it has (<see cref="IsResolved"/>).</summary>
    public OcdsParty? Resolved;
    public bool IsResolved;

    /// <summary>
    /// A reference to a party (buyer, procuring entity, tenderer, supplier). A release repeats the same few references
    /// in every bid and award, so one byte for byte the same as an earlier one is skipped and the earlier one returned.
    /// </summary>
    public static RawParty ReadReference(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var raw = scope.Utf8[start..(int)end.BytesConsumed];
        foreach (var (seenStart, seenLength, seen) in scope.References)
            if (seenLength == raw.Length && scope.Utf8.Slice(seenStart, seenLength).SequenceEqual(raw))
            {
                reader = end;
                return seen;
            }
        var party = Read(ref reader, ref scope);
        scope.References.Add((start, raw.Length, party));
        return party;
    }

    public static RawParty Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var party = new RawParty();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("id"u8)) party.Id = Json.Text(ref reader);
            else if (name.SequenceEqual("name"u8)) party.Name = Json.Text(ref reader);
            else if (name.SequenceEqual("identifier"u8)) party.Identifier = Json.Object(ref reader, ref scope, RawIdentifier.Read);
            else if (name.SequenceEqual("address"u8) && reader.TokenType == JsonTokenType.StartObject) party.ReadAddress(ref reader);
            else if (name.SequenceEqual("contactPoint"u8) && reader.TokenType == JsonTokenType.StartObject) party.ReadContact(ref reader);
            else if (name.SequenceEqual("additionalIdentifiers"u8) && reader.TokenType == JsonTokenType.StartArray)
                Json.Objects(ref reader, ref scope, party.AdditionalIdentifiers = [], RawIdentifier.Read);
            else if (name.SequenceEqual("roles"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                (party.IsBuyer, party.IsProcuringEntity) = (false, false);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    if (reader.TokenType != JsonTokenType.String) reader.Skip();
                    else if (reader.ValueTextEquals("buyer"u8)) party.IsBuyer = true;
                    else if (reader.ValueTextEquals("procuringEntity"u8)) party.IsProcuringEntity = true;
            }
            else reader.Skip();
        }
        return party;
    }

    private void ReadAddress(ref Utf8JsonReader reader)
    {
        HasAddress = true;
        (StreetAddress, Locality, Region, PostalCode, CountryName) = (null, null, null, null, null);
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("streetAddress"u8)) StreetAddress = Json.Text(ref reader);
            else if (name.SequenceEqual("locality"u8)) Locality = Json.Text(ref reader);
            else if (name.SequenceEqual("region"u8)) Region = Json.Text(ref reader);
            else if (name.SequenceEqual("postalCode"u8)) PostalCode = Json.Text(ref reader);
            else if (name.SequenceEqual("countryName"u8)) CountryName = Json.Text(ref reader);
            else reader.Skip();
        }
    }

    private void ReadContact(ref Utf8JsonReader reader)
    {
        HasContact = true;
        (ContactName, ContactEmail, ContactPhone) = (null, null, null);
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("name"u8)) ContactName = Json.Text(ref reader);
            else if (name.SequenceEqual("email"u8)) ContactEmail = Json.Text(ref reader);
            else if (name.SequenceEqual("telephone"u8)) ContactPhone = Json.Text(ref reader);
            else reader.Skip();
        }
    }
}

internal sealed class RawIdentifier
{
    public string? Id, Scheme, LegalName;

    public static RawIdentifier Read(ref Utf8JsonReader reader, ref ReadScope scope)
    {
        var identifier = new RawIdentifier();
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("id"u8)) identifier.Id = Json.Text(ref reader);
            else if (name.SequenceEqual("scheme"u8)) identifier.Scheme = Json.Text(ref reader);
            else if (name.SequenceEqual("legalName"u8)) identifier.LegalName = Json.Text(ref reader);
            else reader.Skip();
        }
        return identifier;
    }
}

/// <summary>What reading one release needs besides the reader: its bytes, and the party references read so far.</summary>
internal ref struct ReadScope(ReadOnlySpan<byte> utf8)
{
    public readonly ReadOnlySpan<byte> Utf8 = utf8;
    public readonly List<(int Start, int Length, RawParty Party)> References = [];
}

/// <summary>Reading helpers over a <see cref="Utf8JsonReader"/> positioned on a value.</summary>
internal static class Json
{
    public delegate T ObjectReader<out T>(ref Utf8JsonReader reader, ref ReadScope scope);

    /// <summary>
    /// Moves to the next property of the object being read and on to its value, giving its name (unescaped only when it
    /// has escapes, which is almost never); false at the end of the object.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            name = default;
            return false;
        }
        name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        reader.Read();
        return true;
    }

    /// <summary>The object read by <paramref name="read"/>, or null (and the value skipped) when it is not an object.</summary>
    public static T? Object<T>(ref Utf8JsonReader reader, ref ReadScope scope, ObjectReader<T> read) where T : class
    {
        if (reader.TokenType == JsonTokenType.StartObject) return read(ref reader, ref scope);
        reader.Skip();
        return null;
    }

    /// <summary>Adds the objects of an array to <paramref name="into"/>; entries that are not objects are skipped.</summary>
    public static void Objects<T>(ref Utf8JsonReader reader, ref ReadScope scope, List<T> into, ObjectReader<T> read)
    {
        into.Clear(); // a repeated property replaces the earlier one, as it does when a document is held whole
        if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            if (reader.TokenType == JsonTokenType.StartObject) into.Add(read(ref reader, ref scope));
            else reader.Skip();
    }

    /// <summary>
    /// A string (null when empty) or a number's text; anything else reads as absent. Short strings go through a
    /// per-thread interner (<paramref name="intern"/>), values unique to one release (ocid, ids, titles) do not.
    /// </summary>
    public static string? Text(ref Utf8JsonReader reader, bool intern = true)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var raw = reader.ValueSpan;
                if (raw.Length == 0) return null;
                // Escaped text is left to the reader to unescape, and invalid UTF-8 to reject.
                var text = intern && !reader.ValueIsEscaped && raw.Length <= StringCache.MaxBytes && Utf8.IsValid(raw)
                    ? StringCache.Intern(raw) : reader.GetString()!;
                return text.Length > 0 ? text : null;
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public static decimal? Decimal(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var d)) return d;
                return double.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && Math.Abs(f) < 7.9e27 ? (decimal)f : null;
            case JsonTokenType.String:
                return decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public static DateTime? Date(ref Utf8JsonReader reader)
    {
        // ISO 8601 with an explicit offset (nearly every feed) is parsed from the UTF-8 directly; without one the
        // reader would assume local time where we assume UTC, so anything else takes the lenient parse.
        if (reader.TokenType == JsonTokenType.String && HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out var iso))
            return iso.UtcDateTime;
        var text = Text(ref reader, intern: false);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime : null;
    }

    private static bool HasOffset(ReadOnlySpan<byte> value)
    {
        if (value.Length < 10) return false;
        if (value[^1] is (byte)'Z' or (byte)'z') return true;
        return value.Length >= 16 && value[^6] is (byte)'+' or (byte)'-' && value[^3] == (byte)':';
    }

    /// <summary>
    /// Short strings seen before (party names, ids, addresses, statuses, units) come back as the same instance instead
    /// of a new string per release: less to allocate, and the tenders waiting to be written hold less. One bounded
    /// interner per thread (the import's own reader thread, which ends with it), so memory stays flat whatever the input.
    /// </summary>
    private static class StringCache
    {
        public const int MaxBytes = 96;

        [ThreadStatic] private static Utf8Interner? _interner;

        public static string Intern(ReadOnlySpan<byte> utf8) => (_interner ??= new Utf8Interner()).Intern(utf8);
    }
}
