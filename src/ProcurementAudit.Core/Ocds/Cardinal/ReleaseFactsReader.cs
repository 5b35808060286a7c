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
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ocid"u8))
            {
                reader.Read();
                facts.OcidLength = ReadText(ref reader, facts, out facts.OcidStart);
            }
            else if (reader.ValueTextEquals("tender"u8))
            {
                reader.Read();
                ReadTender(ref reader, facts, strings);
            }
            else if (reader.ValueTextEquals("buyer"u8))
            {
                reader.Read();
                facts.BuyerId = ReadObjectId(ref reader, strings);
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                reader.Read();
                ReadBids(ref reader, facts, strings);
            }
            else if (reader.ValueTextEquals("awards"u8))
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
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                facts.TenderCancelled = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("cancelled"u8);
            }
            else if (reader.ValueTextEquals("procurementMethod"u8))
            {
                reader.Read();
                facts.ProcurementMethod = ReadString(ref reader, strings);
            }
            else if (reader.ValueTextEquals("procurementMethodDetails"u8))
            {
                reader.Read();
                facts.ProcurementMethodDetails = ReadString(ref reader, strings);
            }
            else if (reader.ValueTextEquals("numberOfTenderers"u8))
            {
                reader.Read();
                facts.SingleTenderer = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var count) && count == 1;
            }
            else if (reader.ValueTextEquals("tenderPeriod"u8))
            {
                reader.Read();
                ReadTenderPeriod(ref reader, facts);
            }
            else if (reader.ValueTextEquals("procuringEntity"u8))
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
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("startDate"u8))
            {
                reader.Read();
                facts.StartDateLength = ReadText(ref reader, facts, out facts.StartDateStart);
            }
            else if (reader.ValueTextEquals("endDate"u8))
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
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("details"u8))
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
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                bid.Status = ReadStatus(ref reader);
            }
            else if (reader.ValueTextEquals("date"u8))
            {
                reader.Read();
                bid.DateLength = ReadText(ref reader, facts, out bid.DateStart);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                ReadValue(ref reader, ref bid, strings);
            }
            else if (reader.ValueTextEquals("tenderers"u8))
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
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("amount"u8))
            {
                reader.Read();
                bid.HasAmount = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out bid.Amount) && double.IsFinite(bid.Amount);
                if (!bid.HasAmount) bid.Amount = 0;
            }
            else if (reader.ValueTextEquals("currency"u8))
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
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    award.Status = ReadStatus(ref reader);
                }
                else if (reader.ValueTextEquals("suppliers"u8))
                {
                    reader.Read();
                    award.Suppliers = ReadIdList(ref reader, facts, strings);
                }
                else if (reader.ValueTextEquals("items"u8))
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
                while (NextProperty(ref reader))
                {
                    if (!reader.ValueTextEquals("classification"u8))
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
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("id"u8))
            {
                SkipValue(ref reader);
                continue;
            }
            reader.Read();
            id = ReadString(ref reader, strings);
        }
        return id;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

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
