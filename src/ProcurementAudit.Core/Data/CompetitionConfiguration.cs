using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

internal sealed class CompetitionConfiguration : IEntityTypeConfiguration<Competition>
{
    public void Configure(EntityTypeBuilder<Competition> b)
    {
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Enterprise).WithMany().HasForeignKey(c => c.EnterpriseId);
        b.HasMany(c => c.Criteria).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Candidates).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Commission).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Scores).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Observers).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Opinions).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Meetings).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasMany(c => c.Appeals).WithOne().HasForeignKey(x => x.CompetitionId);
        b.HasOne(c => c.Decision).WithOne().HasForeignKey<CompetitionDecision>(d => d.CompetitionId);
    }
}

internal sealed class CompetitionCriterionConfiguration : IEntityTypeConfiguration<CompetitionCriterion>
{
    public void Configure(EntityTypeBuilder<CompetitionCriterion> b) =>
        b.HasIndex(c => new { c.CompetitionId, c.CriteriaVersion, c.Name }).IsUnique();
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> b)
    {
        b.Property(c => c.Eligibility).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId);
    }
}

internal sealed class CommissionMemberConfiguration : IEntityTypeConfiguration<CommissionMember>
{
    public void Configure(EntityTypeBuilder<CommissionMember> b)
    {
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId);
        b.HasOne<Candidate>().WithMany().HasForeignKey(m => m.DeclaredConflictCandidateId);
    }
}

internal sealed class CandidateScoreConfiguration : IEntityTypeConfiguration<CandidateScore>
{
    public void Configure(EntityTypeBuilder<CandidateScore> b)
    {
        b.HasOne<CommissionMember>().WithMany().HasForeignKey(s => s.MemberId);
        b.HasOne<Candidate>().WithMany().HasForeignKey(s => s.CandidateId);
        b.HasOne<CompetitionCriterion>().WithMany().HasForeignKey(s => s.CriterionId);
        // A submitted score is immutable: one per member x candidate x criterion.
        b.HasIndex(s => new { s.MemberId, s.CandidateId, s.CriterionId }).IsUnique();
    }
}

internal sealed class CompetitionObserverConfiguration : IEntityTypeConfiguration<CompetitionObserver>
{
    public void Configure(EntityTypeBuilder<CompetitionObserver> b) => b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
}

internal sealed class ObserverOpinionConfiguration : IEntityTypeConfiguration<ObserverOpinion>
{
    public void Configure(EntityTypeBuilder<ObserverOpinion> b)
    {
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Text).HasMaxLength(4000);
        b.Property(o => o.Answer).HasMaxLength(4000);
        b.HasOne<CompetitionObserver>().WithMany().HasForeignKey(o => o.ObserverId);
    }
}

internal sealed class CompetitionMeetingConfiguration : IEntityTypeConfiguration<CompetitionMeeting>
{
    public void Configure(EntityTypeBuilder<CompetitionMeeting> b) =>
        b.HasMany(m => m.Attendance).WithOne().HasForeignKey(a => a.MeetingId);
}

internal sealed class CompetitionDecisionConfiguration : IEntityTypeConfiguration<CompetitionDecision>
{
    public void Configure(EntityTypeBuilder<CompetitionDecision> b)
    {
        b.Property(d => d.DepartureReason).HasMaxLength(4000);
        b.HasOne<Candidate>().WithMany().HasForeignKey(d => d.AppointedCandidateId);
    }
}
