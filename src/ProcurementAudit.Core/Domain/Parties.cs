namespace ProcurementAudit.Core.Domain;

/// <summary>
/// A supplier, bidder, lessee or other counterparty. Shared owners, addresses or contacts link parties.
/// </summary>
public class Party
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Main identifier scheme, e.g. UA-EDR (EDRPOU) or an OCDS scheme.</summary>
    public required string IdentifierScheme { get; set; }
    public required string IdentifierId { get; set; }
    public string? LegalName { get; set; }
    public string? StreetAddress { get; set; }
    public string? Locality { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryName { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public List<PartyIdentifier> AdditionalIdentifiers { get; set; } = [];
    public List<BeneficialOwner> BeneficialOwners { get; set; } = [];

    /// <summary>The key that makes a party unique: scheme and identifier together.</summary>
    public string Key => $"{IdentifierScheme}-{IdentifierId}";
}

public class PartyIdentifier
{
    public int Id { get; set; }
    public int PartyId { get; set; }
    public required string Scheme { get; set; }
    public required string Value { get; set; }
    public string? LegalName { get; set; }
}

public class BeneficialOwner
{
    public int Id { get; set; }
    public int PartyId { get; set; }
    /// <summary>Set when the owner is a known person (e.g. also an official or a relative).</summary>
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public required string FullName { get; set; }
    public string? TaxNumber { get; set; }
    public string? Nationality { get; set; }
    public decimal? SharePercent { get; set; }
}
