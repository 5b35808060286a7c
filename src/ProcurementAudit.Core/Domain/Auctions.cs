namespace ProcurementAudit.Core.Domain;

/// <summary>A state-owned asset offered for lease (premises, land, equipment).</summary>
public class Asset
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public required string Description { get; set; }
    public decimal AreaSquareMetres { get; set; }
    public required string Address { get; set; }
    public long AppraisedValueMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    /// <summary>The current (sitting) tenant, if any: L-CASCADE looks for chains that end with them.</summary>
    public int? SittingTenantPartyId { get; set; }
    public List<AssetDocument> Documents { get; set; } = [];
}

public class AssetDocument
{
    public int Id { get; set; }
    public int AssetId { get; set; }
    public required string Title { get; set; }
    /// <summary>SHA-256 of the document, lowercase hex.</summary>
    public required string Sha256 { get; set; }
}

public enum AuctionMethod { English, PriceReduction, Descending }

public enum AuctionStatus { Announced, Concluded, Failed, Cancelled }

/// <summary>One attempt to lease an asset; a failed attempt is relisted as a new auction linked to it.</summary>
public class LeaseAuction
{
    public int Id { get; set; }
    public int AssetId { get; set; }
    public Asset? Asset { get; set; }
    public int EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public AuctionMethod Method { get; set; }
    public AuctionStatus Status { get; set; }
    public long StartingRentMinor { get; set; }
    public long MinimumStepMinor { get; set; }
    public long GuaranteeDepositMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    public DateTime AnnouncedAt { get; set; }
    public DateTime BidDeadline { get; set; }
    public int MinimumQualifiedBidders { get; set; } = 2;
    /// <summary>The failed attempt this one relists; the chain of attempts follows these links.</summary>
    public int? PreviousAttemptId { get; set; }
    public int AttemptNumber { get; set; } = 1;
    public int? WinnerParticipantId { get; set; }
    public long? FinalRentMinor { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>The winner who refused to sign; the lease then went to the next bidder.</summary>
    public int? RefusedParticipantId { get; set; }
    public DateTime? RefusedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
    public List<AuctionParticipant> Participants { get; set; } = [];
    public List<AuctionBid> Bids { get; set; } = [];
    public LeaseContract? LeaseContract { get; set; }
}

public class AuctionParticipant
{
    public int Id { get; set; }
    public int AuctionId { get; set; }
    public int PartyId { get; set; }
    public Party? Party { get; set; }
    public bool DepositPaid { get; set; }
    public bool Qualified { get; set; }
    public DateTime RegisteredAt { get; set; }
}

public class AuctionBid
{
    public int Id { get; set; }
    public int AuctionId { get; set; }
    public int ParticipantId { get; set; }
    public long AmountMinor { get; set; }
    public DateTime PlacedAt { get; set; }
}

public class LeaseContract
{
    public int Id { get; set; }
    public int AuctionId { get; set; }
    public int LesseePartyId { get; set; }
    public Party? Lessee { get; set; }
    public long MonthlyRentMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    public DateTime SignedAt { get; set; }
    public int TermMonths { get; set; }
}
