namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>A bid's or award's status as the indicators tell them apart; <c>NotString</c> covers a missing or non-string status.</summary>
internal enum FactStatus : byte { NotString, Other, Valid, Disqualified, Invited, Withdrawn, Active, Cancelled, Unsuccessful }

/// <summary>A run of ids in <see cref="ReleaseFacts.Ids"/>; <c>IsArray</c> is false when the field is missing or not an array.</summary>
internal struct IdList
{
    public bool IsArray;
    public int Start;
    /// <summary>Every element of the array, including those without a string id (they count for "exactly one").</summary>
    public int Count;
}

internal struct BidFacts
{
    public FactStatus Status;
    /// <summary>The bid's date as unescaped UTF-8 in <see cref="ReleaseFacts.Text"/>, or length -1 when not a string.</summary>
    public int DateStart, DateLength;
    /// <summary><c>value</c> is an object with a finite numeric <c>amount</c>.</summary>
    public bool HasAmount;
    public double Amount;
    /// <summary><c>value.currency</c> when it is a string.</summary>
    public string? Currency;
    public IdList Tenderers;
}

internal struct AwardFacts
{
    public FactStatus Status;
    public IdList Suppliers;
    /// <summary>Per item: its <c>classification.id</c> when that is a string, else null.</summary>
    public IdList ItemClassifications;
}

/// <summary>
/// The parts of one compiled release that the Cardinal indicators read, filled by a single forward pass over the JSON
/// (<see cref="ReleaseFactsReader"/>) instead of a document tree. One instance per worker, reused for every release.
/// As serde_json's maps do, a repeated key replaces the earlier value; a value of the wrong type counts as missing.
/// </summary>
internal sealed class ReleaseFacts
{
    /// <summary>The ocid as unescaped UTF-8 in <see cref="Text"/>; length -1 when missing or not a string.</summary>
    public int OcidStart, OcidLength = -1;

    public bool HasTender;
    public bool TenderCancelled;
    public string? ProcurementMethod;
    public string? ProcurementMethodDetails;
    public bool SingleTenderer;
    /// <summary>tender.tenderPeriod dates as unescaped UTF-8 in <see cref="Text"/>; length -1 when missing.</summary>
    public int StartDateStart, StartDateLength = -1, EndDateStart, EndDateLength = -1;
    public string? ProcuringEntityId;
    public string? BuyerId;

    /// <summary><c>bids</c> is an object whose <c>details</c> is an array.</summary>
    public bool HasBidDetails;
    public BidFacts[] Bids = new BidFacts[16];
    public int BidCount;

    public bool HasAwards;
    public AwardFacts[] Awards = new AwardFacts[8];
    public int AwardCount;

    /// <summary>Tenderer, supplier and classification ids of all lists, each list a contiguous run.</summary>
    public string?[] Ids = new string?[64];
    public int IdCount;

    /// <summary>Unescaped UTF-8 of the date strings.</summary>
    public byte[] Text = new byte[256];
    public int TextLength;

    public void Clear()
    {
        OcidLength = -1;
        ClearTender();
        BuyerId = null;
        HasBidDetails = false;
        BidCount = 0;
        HasAwards = false;
        AwardCount = 0;
        IdCount = 0;
        TextLength = 0;
    }

    public void ClearTender()
    {
        HasTender = false;
        TenderCancelled = false;
        ProcurementMethod = null;
        ProcurementMethodDetails = null;
        SingleTenderer = false;
        StartDateLength = -1;
        EndDateLength = -1;
        ProcuringEntityId = null;
    }

    public ReadOnlySpan<byte> OcidUtf8 => Text.AsSpan(OcidStart, OcidLength);

    public ReadOnlySpan<BidFacts> BidSpan => Bids.AsSpan(0, BidCount);
    public ReadOnlySpan<AwardFacts> AwardSpan => Awards.AsSpan(0, AwardCount);

    public ReadOnlySpan<string?> IdsOf(IdList list) => Ids.AsSpan(list.Start, list.Count);

    public ReadOnlySpan<byte> TextAt(int start, int length) => Text.AsSpan(start, length);

    /// <summary>The only id of a list with exactly one element, when that element has a string id.</summary>
    public bool TryGetOnlyId(IdList list, out string id)
    {
        id = "";
        if (!list.IsArray || list.Count != 1 || Ids[list.Start] is not { } only) return false;
        id = only;
        return true;
    }

    public ref BidFacts AddBid()
    {
        if (BidCount == Bids.Length) Array.Resize(ref Bids, Bids.Length * 2);
        ref var bid = ref Bids[BidCount++];
        bid = default;
        bid.DateLength = -1;
        return ref bid;
    }

    public ref AwardFacts AddAward()
    {
        if (AwardCount == Awards.Length) Array.Resize(ref Awards, Awards.Length * 2);
        ref var award = ref Awards[AwardCount++];
        award = default;
        return ref award;
    }

    public void AddId(string? id)
    {
        if (IdCount == Ids.Length) Array.Resize(ref Ids, Ids.Length * 2);
        Ids[IdCount++] = id;
    }

    public int AddText(ReadOnlySpan<byte> utf8)
    {
        if (TextLength + utf8.Length > Text.Length) Array.Resize(ref Text, Math.Max(Text.Length * 2, TextLength + utf8.Length));
        var start = TextLength;
        utf8.CopyTo(Text.AsSpan(start));
        TextLength += utf8.Length;
        return start;
    }
}
