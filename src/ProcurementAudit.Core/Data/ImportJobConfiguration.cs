using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(j => j.StoredPath).HasMaxLength(1000);
        b.Property(j => j.Error).HasMaxLength(4000);
        // The summary lists skipped documents; it can be long.
        b.Property(j => j.SummaryJson).Metadata.SetMaxLength(null);
    }
}
