using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class TenderConfiguration : IEntityTypeConfiguration<Tender>
{
    public void Configure(EntityTypeBuilder<Tender> b)
    {
        b.Property(t => t.Ocid).HasMaxLength(100);
        b.HasIndex(t => t.Ocid).IsUnique().HasFilter("Ocid IS NOT NULL");
        b.Property(t => t.Title).HasMaxLength(1000);
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Property(t => t.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Currency).HasMaxLength(3);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.EnterpriseId, t.TenderPeriodStart });
        b.HasIndex(t => t.Status);
        b.HasOne(t => t.Enterprise).WithMany().HasForeignKey(t => t.EnterpriseId);
        b.HasOne(t => t.BuyerParty).WithMany().HasForeignKey(t => t.BuyerPartyId);
        b.HasOne(t => t.ProcuringEntityParty).WithMany().HasForeignKey(t => t.ProcuringEntityPartyId);
        b.HasMany(t => t.Lots).WithOne().HasForeignKey(l => l.TenderId);
        b.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TenderId);
        b.HasMany(t => t.Bids).WithOne().HasForeignKey(x => x.TenderId);
        b.HasMany(t => t.Awards).WithOne().HasForeignKey(a => a.TenderId);
        b.HasMany(t => t.Contracts).WithOne().HasForeignKey(c => c.TenderId);
    }
}

internal sealed class TenderItemConfiguration : IEntityTypeConfiguration<TenderItem>
{
    public void Configure(EntityTypeBuilder<TenderItem> b)
    {
        b.Property(i => i.Description).HasMaxLength(2000);
        b.Property(i => i.CpvCode).HasMaxLength(20);
        b.HasIndex(i => i.CpvCode);
        b.HasOne(i => i.Lot).WithMany().HasForeignKey(i => i.LotId);
    }
}

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.StatusReason).HasMaxLength(1000);
        b.HasOne(x => x.Tenderer).WithMany().HasForeignKey(x => x.TendererPartyId);
        b.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotId);
        b.HasIndex(x => x.TendererPartyId);
        // Distinct tenderers per tender (R018, P-LOWCOMPETITION) are counted from this index alone.
        b.HasIndex(x => new { x.TenderId, x.TendererPartyId });
    }
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Currency).HasMaxLength(3);
        b.HasOne(a => a.Supplier).WithMany().HasForeignKey(a => a.SupplierPartyId);
        b.HasOne<Lot>().WithMany().HasForeignKey(a => a.LotId);
        b.HasOne<Bid>().WithMany().HasForeignKey(a => a.BidId);
        b.HasIndex(a => a.SupplierPartyId);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.HasOne<Award>().WithMany().HasForeignKey(c => c.AwardId);
        b.HasMany(c => c.Amendments).WithOne().HasForeignKey(a => a.ContractId);
        b.Property(c => c.ContractNumber).HasMaxLength(100);
    }
}

internal sealed class ContractAmendmentConfiguration : IEntityTypeConfiguration<ContractAmendment>
{
    public void Configure(EntityTypeBuilder<ContractAmendment> b) => b.Property(a => a.Rationale).HasMaxLength(2000);
}
