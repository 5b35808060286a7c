using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> b)
    {
        b.Property(a => a.Currency).HasMaxLength(3);
        b.Property(a => a.Description).HasMaxLength(2000);
        b.HasOne(a => a.Enterprise).WithMany().HasForeignKey(a => a.EnterpriseId);
        b.HasOne<Party>().WithMany().HasForeignKey(a => a.SittingTenantPartyId);
        b.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.AssetId);
    }
}

internal sealed class AssetDocumentConfiguration : IEntityTypeConfiguration<AssetDocument>
{
    public void Configure(EntityTypeBuilder<AssetDocument> b) => b.Property(d => d.Sha256).HasMaxLength(64);
}

internal sealed class LeaseAuctionConfiguration : IEntityTypeConfiguration<LeaseAuction>
{
    public void Configure(EntityTypeBuilder<LeaseAuction> b)
    {
        b.Property(a => a.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Currency).HasMaxLength(3);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Asset).WithMany().HasForeignKey(a => a.AssetId);
        b.HasOne(a => a.Enterprise).WithMany().HasForeignKey(a => a.EnterpriseId);
        b.HasOne<LeaseAuction>().WithMany().HasForeignKey(a => a.PreviousAttemptId);
        b.HasIndex(a => a.PreviousAttemptId);
        b.HasMany(a => a.Participants).WithOne().HasForeignKey(p => p.AuctionId);
        b.HasMany(a => a.Bids).WithOne().HasForeignKey(x => x.AuctionId);
        b.HasOne(a => a.LeaseContract).WithOne().HasForeignKey<LeaseContract>(c => c.AuctionId);
    }
}

internal sealed class AuctionParticipantConfiguration : IEntityTypeConfiguration<AuctionParticipant>
{
    public void Configure(EntityTypeBuilder<AuctionParticipant> b)
    {
        b.HasOne(p => p.Party).WithMany().HasForeignKey(p => p.PartyId);
        b.HasIndex(p => new { p.AuctionId, p.PartyId }).IsUnique();
    }
}

internal sealed class AuctionBidConfiguration : IEntityTypeConfiguration<AuctionBid>
{
    public void Configure(EntityTypeBuilder<AuctionBid> b) =>
        b.HasOne<AuctionParticipant>().WithMany().HasForeignKey(x => x.ParticipantId);
}

internal sealed class LeaseContractConfiguration : IEntityTypeConfiguration<LeaseContract>
{
    public void Configure(EntityTypeBuilder<LeaseContract> b)
    {
        b.Property(c => c.Currency).HasMaxLength(3);
        b.HasOne(c => c.Lessee).WithMany().HasForeignKey(c => c.LesseePartyId);
    }
}
