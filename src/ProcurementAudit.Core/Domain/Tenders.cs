namespace ProcurementAudit.Core.Domain;

public enum ProcurementMethod { Open, Selective, Limited, Direct }

public enum ProcurementCategory { Goods, Services, Works }

public enum TenderStatus { Planning, Active, Complete, Unsuccessful, Cancelled }

public enum BidStatus { Pending, Valid, Disqualified, Withdrawn }

public enum AwardStatus { Pending, Active, Unsuccessful, Cancelled }

public enum ContractStatus { Pending, Active, Terminated, Cancelled }

/// <summary>A procurement procedure; an OCDS compiled release maps onto one tender (ocid is its identity).</summary>
public class Tender
{
    public int Id { get; set; }
    public string? Ocid { get; set; }
    /// <summary>The buyer enterprise; empty for imported tenders whose buyer is not a member enterprise.</summary>
    public int? EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public int? BuyerPartyId { get; set; }
    public Party? BuyerParty { get; set; }
    public int? ProcuringEntityPartyId { get; set; }
    public Party? ProcuringEntityParty { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public ProcurementMethod Method { get; set; }
    /// <summary>The method as published (e.g. OCDS procurementMethodDetails), kept for display.</summary>
    public string? MethodDetails { get; set; }
    public ProcurementCategory Category { get; set; }
    public TenderStatus Status { get; set; }
    public long? EstimatedValueMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    public DateTime? TenderPeriodStart { get; set; }
    /// <summary>The bid deadline: bid amounts stay sealed until it passes.</summary>
    public DateTime? TenderPeriodEnd { get; set; }
    public DateTime? AwardPeriodStart { get; set; }
    public DateTime? AwardPeriodEnd { get; set; }
    public DateTime? CancelledAt { get; set; }
    public string? CancellationReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token, bumped on every save of the aggregate.</summary>
    public int Version { get; set; }
    public List<Lot> Lots { get; set; } = [];
    public List<TenderItem> Items { get; set; } = [];
    public List<Bid> Bids { get; set; } = [];
    public List<Award> Awards { get; set; } = [];
    public List<Contract> Contracts { get; set; } = [];
}

public class Lot
{
    public int Id { get; set; }
    public int TenderId { get; set; }
    /// <summary>Lot id as published (OCDS lot.id) or a local number.</summary>
    public required string LotNumber { get; set; }
    public required string Title { get; set; }
    public long? ValueMinor { get; set; }
    public string? Status { get; set; }
}

public class TenderItem
{
    public int Id { get; set; }
    public int TenderId { get; set; }
    public int? LotId { get; set; }
    public Lot? Lot { get; set; }
    public required string Description { get; set; }
    /// <summary>CPV code, e.g. 09130000-9.</summary>
    public string? CpvCode { get; set; }
    public decimal? Quantity { get; set; }
    public string? Unit { get; set; }
}

public class Bid
{
    public int Id { get; set; }
    public int TenderId { get; set; }
    public int? LotId { get; set; }
    public int TendererPartyId { get; set; }
    public Party? Tenderer { get; set; }
    public long? AmountMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    public DateTime? SubmittedAt { get; set; }
    public BidStatus Status { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>Bid id as published (OCDS bids.details.id), if imported.</summary>
    public string? ExternalId { get; set; }
}

public class Award
{
    public int Id { get; set; }
    public int TenderId { get; set; }
    public int? LotId { get; set; }
    public int SupplierPartyId { get; set; }
    public Party? Supplier { get; set; }
    public int? BidId { get; set; }
    public long? ValueMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    public AwardStatus Status { get; set; }
    public DateTime? Date { get; set; }
    public string? ExternalId { get; set; }
}

public class Contract
{
    public int Id { get; set; }
    public int TenderId { get; set; }
    public int? AwardId { get; set; }
    public required string ContractNumber { get; set; }
    /// <summary>The value as signed; amendments carry the later values (the latest one is the current value).</summary>
    public long? ValueMinor { get; set; }
    public string Currency { get; set; } = Money.DefaultCurrency;
    public DateTime? SignedAt { get; set; }
    public ContractStatus Status { get; set; }
    public List<ContractAmendment> Amendments { get; set; } = [];
    public string? ExternalId { get; set; }
}

public class ContractAmendment
{
    public int Id { get; set; }
    public int ContractId { get; set; }
    public DateTime Date { get; set; }
    public required string Rationale { get; set; }
    /// <summary>The contract value after this amendment; null when the amendment does not touch the value.</summary>
    public long? NewValueMinor { get; set; }
}
