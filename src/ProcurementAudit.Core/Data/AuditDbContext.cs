using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Data;

public class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<OrganisationOfficial> Officials => Set<OrganisationOfficial>();
    public DbSet<PersonRelative> Relatives => Set<PersonRelative>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<BeneficialOwner> BeneficialOwners => Set<BeneficialOwner>();
    public DbSet<Tender> Tenders => Set<Tender>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<TenderItem> TenderItems => Set<TenderItem>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ContractAmendment> ContractAmendments => Set<ContractAmendment>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<LeaseAuction> LeaseAuctions => Set<LeaseAuction>();
    public DbSet<AuctionParticipant> AuctionParticipants => Set<AuctionParticipant>();
    public DbSet<AuctionBid> AuctionBids => Set<AuctionBid>();
    public DbSet<LeaseContract> LeaseContracts => Set<LeaseContract>();
    public DbSet<Competition> Competitions => Set<Competition>();
    public DbSet<CompetitionCriterion> CompetitionCriteria => Set<CompetitionCriterion>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<CommissionMember> CommissionMembers => Set<CommissionMember>();
    public DbSet<CandidateScore> CandidateScores => Set<CandidateScore>();
    public DbSet<CompetitionObserver> CompetitionObservers => Set<CompetitionObserver>();
    public DbSet<ObserverOpinion> ObserverOpinions => Set<ObserverOpinion>();
    public DbSet<CompetitionDecision> CompetitionDecisions => Set<CompetitionDecision>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<FlagEvent> FlagEvents => Set<FlagEvent>();
    public DbSet<IndicatorSettings> IndicatorSettings => Set<IndicatorSettings>();
    public DbSet<UserAccess> UserAccess => Set<UserAccess>();
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuditDbContext).Assembly);

        // Procedures are cancelled or cleared, never deleted; no cascades also keeps SQL Server free of
        // multiple-cascade-path errors.
        foreach (var foreignKey in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()))
            foreignKey.DeleteBehavior = DeleteBehavior.Restrict;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Everything is stored in UTC; values read back are marked as UTC so comparisons with TimeProvider hold.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
