using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Edrpou).HasMaxLength(20);
        b.HasIndex(o => o.Edrpou).IsUnique();
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId);
        b.HasMany(o => o.Officials).WithOne().HasForeignKey(o => o.OrganisationId);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.TaxNumber).HasMaxLength(20);
        b.HasMany(p => p.Relatives).WithOne().HasForeignKey(r => r.PersonId);
    }
}

internal sealed class OrganisationOfficialConfiguration : IEntityTypeConfiguration<OrganisationOfficial>
{
    public void Configure(EntityTypeBuilder<OrganisationOfficial> b)
    {
        b.Property(o => o.Role).HasConversion<string>().HasMaxLength(30);
        b.HasOne(o => o.Person).WithMany().HasForeignKey(o => o.PersonId);
    }
}

internal sealed class PersonRelativeConfiguration : IEntityTypeConfiguration<PersonRelative>
{
    public void Configure(EntityTypeBuilder<PersonRelative> b)
    {
        b.HasOne(r => r.Relative).WithMany().HasForeignKey(r => r.RelativeId);
    }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> b)
    {
        b.Ignore(p => p.Key);
        b.Property(p => p.IdentifierScheme).HasMaxLength(40);
        b.Property(p => p.IdentifierId).HasMaxLength(200);
        b.HasIndex(p => new { p.IdentifierScheme, p.IdentifierId }).IsUnique();
        b.HasIndex(p => p.ContactEmail);
        b.HasIndex(p => p.ContactPhone);
        b.HasMany(p => p.AdditionalIdentifiers).WithOne().HasForeignKey(i => i.PartyId);
        b.HasMany(p => p.BeneficialOwners).WithOne().HasForeignKey(o => o.PartyId);
    }
}

internal sealed class BeneficialOwnerConfiguration : IEntityTypeConfiguration<BeneficialOwner>
{
    public void Configure(EntityTypeBuilder<BeneficialOwner> b)
    {
        b.Property(o => o.TaxNumber).HasMaxLength(20);
        b.HasIndex(o => o.TaxNumber);
        b.HasOne(o => o.Person).WithMany().HasForeignKey(o => o.PersonId);
    }
}
