using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// A compiled release mapped onto our model but not yet written: no database ids, parties referenced by key.
/// Building it completely before writing is what keeps a failed document from being half-written.
/// </summary>
internal sealed class OcdsTender
{
    public required string Ocid { get; init; }
    public long Line { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public ProcurementMethod Method { get; init; }
    public string? MethodDetails { get; init; }
    public ProcurementCategory Category { get; init; }
    public TenderStatus Status { get; init; }
    public long? EstimatedValueMinor { get; init; }
    public required string Currency { get; set; }
    public DateTime? TenderPeriodStart { get; init; }
    public DateTime? TenderPeriodEnd { get; init; }
    public DateTime? AwardPeriodStart { get; init; }
    public DateTime? AwardPeriodEnd { get; init; }
    public DateTime? CancelledAt { get; init; }
    public string? BuyerKey { get; init; }
    public string? ProcuringEntityKey { get; init; }
    /// <summary>The buyer's identifier value (e.g. its EDRPOU), matched against member enterprises.</summary>
    public string? BuyerIdentifier { get; init; }
    public Dictionary<string, OcdsParty> Parties { get; } = new(StringComparer.Ordinal);
    public List<OcdsLot> Lots { get; } = [];
    public List<OcdsItem> Items { get; } = [];
    public List<OcdsBid> Bids { get; } = [];
    public List<OcdsAward> Awards { get; } = [];
    public List<OcdsContract> Contracts { get; } = [];
}

internal sealed class OcdsParty
{
    public required string Scheme { get; init; }
    public required string Id { get; init; }
    public string Key => _key ??= PartyKey(Scheme, Id);
    private string? _key;
    public required string Name { get; set; }
    public string? LegalName { get; set; }
    public string? StreetAddress { get; set; }
    public string? Locality { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryName { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public List<(string Scheme, string Value, string? LegalName)> AdditionalIdentifiers { get; private set; } = [];

    public static string PartyKey(string scheme, string id) => scheme + "\u001f" + id;

    public OcdsParty Copy()
    {
        var copy = (OcdsParty)MemberwiseClone();
        copy.AdditionalIdentifiers = [.. AdditionalIdentifiers];
        return copy;
    }

    /// <summary>Later data wins field by field; what it lacks is kept.</summary>
    public void MergeFrom(OcdsParty other)
    {
        Name = other.Name;
        LegalName = other.LegalName ?? LegalName;
        StreetAddress = other.StreetAddress ?? StreetAddress;
        Locality = other.Locality ?? Locality;
        Region = other.Region ?? Region;
        PostalCode = other.PostalCode ?? PostalCode;
        CountryName = other.CountryName ?? CountryName;
        ContactName = other.ContactName ?? ContactName;
        ContactEmail = other.ContactEmail ?? ContactEmail;
        ContactPhone = other.ContactPhone ?? ContactPhone;
        foreach (var identifier in other.AdditionalIdentifiers)
            if (!AdditionalIdentifiers.Any(i => i.Scheme == identifier.Scheme && i.Value == identifier.Value))
                AdditionalIdentifiers.Add(identifier);
    }
}

internal sealed record OcdsLot(string ExternalId, string Title, long? ValueMinor, string? Status);

internal sealed record OcdsItem(string Description, string? CpvCode, decimal? Quantity, string? Unit, string? LotRef);

internal sealed record OcdsBid(string? ExternalId, string TendererKey, long? AmountMinor, string Currency, DateTime? Date, BidStatus Status, string? StatusReason, string? LotRef);

internal sealed record OcdsAward(string? ExternalId, string SupplierKey, long? ValueMinor, string Currency, AwardStatus Status, DateTime? Date, string? LotRef, string? BidRef);

internal sealed record OcdsAmendment(DateTime Date, string Rationale, long? NewValueMinor);

internal sealed record OcdsContract(string? ExternalId, string Number, string? AwardRef, long? ValueMinor, string Currency, DateTime? SignedAt, ContractStatus Status, List<OcdsAmendment> Amendments);
