using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> b)
    {
        b.Property(f => f.Code).HasMaxLength(30);
        b.Property(f => f.ProcedureKind).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.SubjectKey).HasMaxLength(200);
        b.Property(f => f.ParametersJson).HasMaxLength(4000);
        b.Property(f => f.EvidenceJson).HasMaxLength(8000);
        b.Property(f => f.Explanation).HasMaxLength(2000);
        b.Property(f => f.PartyIds).HasMaxLength(2000);
        b.Property(f => f.ReviewReason).HasMaxLength(4000);
        b.Property(f => f.Version).IsConcurrencyToken();
        // The real guard of idempotent scans: one flag per indicator, procedure and subject.
        b.HasIndex(f => new { f.Code, f.ProcedureKind, f.ProcedureId, f.SubjectKey }).IsUnique();
        b.HasIndex(f => new { f.ProcedureKind, f.ProcedureId });
        // A rescan looks up the other members of a flag group (code, enterprise, subject); without this it reads every
        // flag of the code.
        b.HasIndex(f => new { f.Code, f.ProcedureKind, f.EnterpriseId, f.SubjectKey });
        b.HasIndex(f => new { f.EnterpriseId, f.Status });
        b.HasIndex(f => new { f.EnterpriseId, f.ProcedureDate });
        b.HasMany(f => f.History).WithOne().HasForeignKey(e => e.FlagId);
    }
}

internal sealed class FlagEventConfiguration : IEntityTypeConfiguration<FlagEvent>
{
    public void Configure(EntityTypeBuilder<FlagEvent> b)
    {
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Text).HasMaxLength(4000);
    }
}

internal sealed class IndicatorSettingsConfiguration : IEntityTypeConfiguration<IndicatorSettings>
{
    public void Configure(EntityTypeBuilder<IndicatorSettings> b)
    {
        b.Property(s => s.Code).HasMaxLength(30);
        b.HasIndex(s => new { s.ConglomerateId, s.Code, s.SettingsVersion }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.ConglomerateId);
    }
}
