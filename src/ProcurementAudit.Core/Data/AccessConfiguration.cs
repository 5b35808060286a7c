using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class UserAccessConfiguration : IEntityTypeConfiguration<UserAccess>
{
    public void Configure(EntityTypeBuilder<UserAccess> b)
    {
        b.Property(a => a.UserId).HasMaxLength(200);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(a => new { a.UserId, a.Kind, a.TargetId }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditTrail");
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(200);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.Change).HasMaxLength(20);
        b.Property(e => e.ChangesJson).Metadata.SetMaxLength(null);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
    }
}
