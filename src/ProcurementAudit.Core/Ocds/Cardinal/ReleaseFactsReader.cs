using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// Fills <see cref="ReleaseFacts"/> from one JSON line in a single <see cref="Utf8JsonReader"/> pass: the fields the
/// indicators need are picked up on the way and everything else is skipped, so no document tree is built. The whole line
/// is still validated, so a line is either used entirely or reported as invalid JSON, as in Cardinal.
/// </summary>
internal static class ReleaseFactsReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    /// <summary>True for a JSON object (facts filled), false for any other valid JSON; invalid JSON throws <see cref="JsonException"/>.</summary>
    public static bool Read(ReadOnlySpan<byte> json, ReleaseFacts facts, Utf8Interner strings)
    {
        facts.Clear();
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read()) throw new JsonException("The input does not contain any JSON tokens.");
        var isObject = reader.TokenType == JsonTokenType.StartObject;
        if (isObject) ReadRelease(ref reader, facts, strings);
        else reader.Skip();
        // Anything after the value other than whitespace makes the reader throw, as a document parse would.
        reader.Read();
        return isObject;
    }

    private static void ReadRelease(ref Utf8JsonReader reader, ReleaseFacts facts, Utf8Interner strings)
    {
        while (NextProperty(ref reader, out var key))
        {
            if (key == Field.Ocid)
            {
                reader.Read();
                facts.OcidLength = ReadText(ref reader, facts, out facts.OcidStart);
            }
            else if (key == Field.Tender)
            {
                reader.Read();
                ReadTender(ref reader, facts, strings);
            }
            else if (key == Field.Buyer)
            {
                reader.Read();
                facts.BuyerId = ReadObjectId(ref reader, strings);
            }
            else if (key == Field.Bids)
            {
                reader.Read();
                ReadBids(ref reader, facts, strings);
            }
            else if (key == Field.Awards)
            {
                reader.Read();
                ReadAwards(ref reader, facts, strings);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadTender(ref Utf8JsonReader reader, ReleaseFacts facts, Utf8Interner strings)
    {
        facts.ClearTender();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        facts.HasTender = true;
        while (NextProperty(ref reader, out var key))
        {
            if (key == Field.Status)
            {
                reader.Read();
                facts.TenderCancelled = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("cancelled"u8);
            }
            else if (key == Field.ProcurementMethod)
            {
                reader.Read();
                facts.ProcurementMethod = ReadString(ref reader, strings);
            }
            else if (key == Field.ProcurementMethodDetails)
            {
                reader.Read();
                facts.ProcurementMethodDetails = ReadString(ref reader, strings);
            }
            else if (key == Field.NumberOfTenderers)
            {
                reader.Read();
                facts.SingleTenderer = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var count) && count == 1;
            }
            else if (key == Field.TenderPeriod)
            {
                reader.Read();
                ReadTenderPeriod(ref reader, facts);
            }
            else if (key == Field.ProcuringEntity)
            {
                reader.Read();
                facts.ProcuringEntityId = ReadObjectId(ref reader, strings);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadTenderPeriod(ref Utf8JsonReader reader, ReleaseFacts facts)
    {
        facts.StartDateLength = -1;
        facts.EndDateLength = -1;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (NextProperty(ref reader, out var key))
        {
            if (key == Field.StartDate)
            {
                reader.Read();
                facts.StartDateLength = ReadText(ref reader, facts, out facts.StartDateStart);
            }
            else if (key == Field.EndDate)
            {
                reader.Read();
                facts.EndDateLength = ReadText(ref reader, facts, out facts.EndDateStart);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadBids(ref Utf8JsonReader reader, ReleaseFacts facts, Utf8Interner strings)
    {
        facts.HasBidDetails = false;
        facts.BidCount = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (NextProperty(ref reader, out var key))
        {
            if (key != Field.Details)
            {
                SkipValue(ref reader);
                continue;
            }
            reader.Read();
            facts.BidCount = 0;
            facts.HasBidDetails = reader.TokenType == JsonTokenType.StartArray;
            if (!facts.HasBidDetails)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ref var bid = ref facts.AddBid();
                if (reader.TokenType == JsonTokenType.StartObject) ReadBid(ref reader, ref bid, facts, strings);
                else reader.Skip();
            }
        }
    }

    private static void ReadBid(ref Utf8JsonReader reader, ref BidFacts bid, ReleaseFacts facts, Utf8Interner strings)
    {
        while (NextProperty(ref reader, out var key))
        {
            if (key == Field.Status)
            {
                reader.Read();
                bid.Status = ReadStatus(ref reader);
            }
            else if (key == Field.Date)
            {
                reader.Read();
                bid.DateLength = ReadText(ref reader, facts, out bid.DateStart);
            }
            else if (key == Field.Value)
            {
                reader.Read();
                ReadValue(ref reader, ref bid, strings);
            }
            else if (key == Field.Tenderers)
            {
                reader.Read();
                bid.Tenderers = ReadIdList(ref reader, facts, strings);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadValue(ref Utf8JsonReader reader, ref BidFacts bid, Utf8Interner strings)
    {
        bid.HasAmount = false;
        bid.Amount = 0;
        bid.Currency = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (NextProperty(ref reader, out var key))
        {
            if (key == Field.Amount)
            {
                reader.Read();
                bid.HasAmount = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out bid.Amount) && double.IsFinite(bid.Amount);
                if (!bid.HasAmount) bid.Amount = 0;
            }
            else if (key == Field.Currency)
            {
                reader.Read();
                bid.Currency = ReadString(ref reader, strings);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadAwards(ref Utf8JsonReader reader, ReleaseFacts facts, Utf8Interner strings)
    {
        facts.AwardCount = 0;
        facts.HasAwards = reader.TokenType == JsonTokenType.StartArray;
        if (!facts.HasAwards)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ref var award = ref facts.AddAward();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (NextProperty(ref reader, out var key))
            {
                if (key == Field.Status)
                {
                    reader.Read();
                    award.Status = ReadStatus(ref reader);
                }
                else if (key == Field.Suppliers)
                {
                    reader.Read();
                    award.Suppliers = ReadIdList(ref reader, facts, strings);
                }
                else if (key == Field.Items)
                {
                    reader.Read();
                    award.ItemClassifications = ReadItemClassifications(ref reader, facts, strings);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
    }

    /// <summary>An array of objects with an <c>id</c> (tenderers, suppliers): one entry per element, null where there is no string id.</summary>
    private static IdList ReadIdList(ref Utf8JsonReader reader, ReleaseFacts facts, Utf8Interner strings)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return default;
        }
        var list = new IdList { IsArray = true, Start = facts.IdCount };
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            facts.AddId(ReadObjectId(ref reader, strings));
            list.Count++;
        }
        return list;
    }

    private static IdList ReadItemClassifications(ref Utf8JsonReader reader, ReleaseFacts facts, Utf8Interner strings)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return default;
        }
        var list = new IdList { IsArray = true, Start = facts.IdCount };
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string? classification = null;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (NextProperty(ref reader, out var key))
                {
                    if (key != Field.Classification)
                    {
                        SkipValue(ref reader);
                        continue;
                    }
                    reader.Read();
                    classification = ReadObjectId(ref reader, strings);
                }
            }
            else
            {
                reader.Skip();
            }
            facts.AddId(classification);
            list.Count++;
        }
        return list;
    }

    /// <summary>The string <c>id</c> of the object at the reader (the last one if repeated), or null.</summary>
    private static string? ReadObjectId(ref Utf8JsonReader reader, Utf8Interner strings)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? id = null;
        while (NextProperty(ref reader, out var key))
        {
            if (key != Field.Id)
            {
                SkipValue(ref reader);
                continue;
            }
            reader.Read();
            id = ReadString(ref reader, strings);
        }
        return id;
    }

    /// <summary>The property names the indicators read; every other name is <see cref="Other"/>.</summary>
    private enum Field
    {
        Other, Id, Ocid, Tender, Buyer, Bids, Awards, Status, ProcurementMethod, ProcurementMethodDetails, NumberOfTenderers,
        TenderPeriod, ProcuringEntity, StartDate, EndDate, Details, Date, Value, Tenderers, Amount, Currency, Suppliers, Items,
        Classification,
    }

    /// <summary>Moves to the next property name of the current object and names it; false at the object's end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out Field key)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            key = Field.Other;
            return false;
        }
        if (!reader.ValueIsEscaped)
        {
            key = Lookup(reader.ValueSpan);
            return true;
        }
        // An escape takes at most 6 bytes and no field name is longer than 24, so a longer escaped name is none of them.
        if (reader.ValueSpan.Length > 256)
        {
            key = Field.Other;
            return true;
        }
        Span<byte> buffer = stackalloc byte[256];
        key = Lookup(buffer[..reader.CopyString(buffer)]);
        return true;
    }

    /// <summary>One length switch and usually one comparison per property, instead of trying every name in turn.</summary>
    private static Field Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("id"u8) ? Field.Id : Field.Other,
        4 => name.SequenceEqual("ocid"u8) ? Field.Ocid : name.SequenceEqual("bids"u8) ? Field.Bids : name.SequenceEqual("date"u8) ? Field.Date : Field.Other,
        5 => name.SequenceEqual("buyer"u8) ? Field.Buyer : name.SequenceEqual("value"u8) ? Field.Value : name.SequenceEqual("items"u8) ? Field.Items : Field.Other,
        6 => name.SequenceEqual("tender"u8) ? Field.Tender : name.SequenceEqual("awards"u8) ? Field.Awards
            : name.SequenceEqual("status"u8) ? Field.Status : name.SequenceEqual("amount"u8) ? Field.Amount : Field.Other,
        7 => name.SequenceEqual("details"u8) ? Field.Details : name.SequenceEqual("endDate"u8) ? Field.EndDate : Field.Other,
        8 => name.SequenceEqual("currency"u8) ? Field.Currency : Field.Other,
        9 => name.SequenceEqual("startDate"u8) ? Field.StartDate : name.SequenceEqual("tenderers"u8) ? Field.Tenderers
            : name.SequenceEqual("suppliers"u8) ? Field.Suppliers : Field.Other,
        12 => name.SequenceEqual("tenderPeriod"u8) ? Field.TenderPeriod : Field.Other,
        14 => name.SequenceEqual("classification"u8) ? Field.Classification : Field.Other,
        15 => name.SequenceEqual("procuringEntity"u8) ? Field.ProcuringEntity : Field.Other,
        17 => name.SequenceEqual("procurementMethod"u8) ? Field.ProcurementMethod
            : name.SequenceEqual("numberOfTenderers"u8) ? Field.NumberOfTenderers : Field.Other,
        24 => name.SequenceEqual("procurementMethodDetails"u8) ? Field.ProcurementMethodDetails : Field.Other,
        _ => Field.Other,
    };

    /// <summary>Skips the value of the property the reader is on.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
    }

    private static string? ReadString(ref Utf8JsonReader reader, Utf8Interner strings)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }
        if (!reader.ValueIsEscaped) return strings.Intern(reader.ValueSpan);
        Span<byte> buffer = reader.ValueSpan.Length <= 256 ? stackalloc byte[256] : new byte[reader.ValueSpan.Length];
        return strings.Intern(buffer[..reader.CopyString(buffer)]);
    }

    /// <summary>Copies an unescaped string into the facts' text; its length, or -1 when the value is not a string.</summary>
    private static int ReadText(ref Utf8JsonReader reader, ReleaseFacts facts, out int start)
    {
        start = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return -1;
        }
        if (!reader.ValueIsEscaped)
        {
            start = facts.AddText(reader.ValueSpan);
            return reader.ValueSpan.Length;
        }
        Span<byte> buffer = reader.ValueSpan.Length <= 256 ? stackalloc byte[256] : new byte[reader.ValueSpan.Length];
        var length = reader.CopyString(buffer);
        start = facts.AddText(buffer[..length]);
        return length;
    }

    private static FactStatus ReadStatus(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return FactStatus.NotString;
        }
        if (reader.ValueTextEquals("valid"u8)) return FactStatus.Valid;
        if (reader.ValueTextEquals("active"u8)) return FactStatus.Active;
        if (reader.ValueTextEquals("disqualified"u8)) return FactStatus.Disqualified;
        if (reader.ValueTextEquals("unsuccessful"u8)) return FactStatus.Unsuccessful;
        if (reader.ValueTextEquals("cancelled"u8)) return FactStatus.Cancelled;
        if (reader.ValueTextEquals("invited"u8)) return FactStatus.Invited;
        if (reader.ValueTextEquals("withdrawn"u8)) return FactStatus.Withdrawn;
        return FactStatus.Other;
    }
}
