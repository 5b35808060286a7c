using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ScopeKind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RequestedBy).HasMaxLength(200);
        b.Property(r => r.RequesterRoles).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.Property(r => r.FileName).HasMaxLength(200);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.Property(r => r.Pdf).Metadata.SetMaxLength(null);
        // Verification looks a download up by its hash.
        b.HasIndex(r => r.Sha256);
        b.HasIndex(r => new { r.RequestedBy, r.CreatedAt });
    }
}
