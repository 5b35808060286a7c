using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcurementAudit.Core;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>A fresh SQLite file (schema from the migrations) and the real Core services, per test.</summary>
public sealed class RiskTestDatabase : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pa-risk-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider services = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    public string Actor { get; set; } = "auditor-1";

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("Database:DataFolder", folder),
            new("Risk:Weights:R018", "2"),
        ]).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddProcurementAuditCore(configuration);
        collection.AddScoped<ICurrentActor>(_ => new TestActor(Actor));
        services = collection.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    public async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> Db<T>(Func<AuditDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    public Task Db(Func<AuditDbContext, Task> action) => Db(async db => { await action(db); return 0; });

    /// <summary>Runs <paramref name="action"/> with the services of one scope.</summary>
    public async Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<ScanReport> Scan(params string[] codes) => Send(new RunFullScan.Command(codes.Length == 0 ? null : codes));

    public Task<ScanReport> Rescan(int tenderId) => Send(new RescanProcedure.Command(ProcedureKind.Tender, tenderId));

    public Task<List<Flag>> Flags(string code) => Db(db => db.Flags.AsNoTracking().Where(f => f.Code == code).OrderBy(f => f.ProcedureId).ThenBy(f => f.SubjectKey).ToListAsync());

    private sealed class TestActor(string id) : ICurrentActor
    {
        public string Id => id;
        public bool IsInRole(string role) => true;
        public bool IsSystem => true;
        public IReadOnlyList<UserAccess> Grants => [];
    }
}

/// <summary>Builds procurement data straight through the context.</summary>
public sealed class TenderData(AuditDbContext db)
{
    private static int counter;

    public async Task<(Organisation Conglomerate, Organisation Enterprise)> EnterpriseAsync(string name = "Plant")
    {
        var conglomerate = new Organisation { Kind = OrganisationKind.Conglomerate, Name = name + " Holding", Edrpou = Code() };
        db.Organisations.Add(conglomerate);
        await db.SaveChangesAsync();
        var enterprise = new Organisation { Kind = OrganisationKind.Enterprise, ParentId = conglomerate.Id, Name = name, Edrpou = Code() };
        db.Organisations.Add(enterprise);
        await db.SaveChangesAsync();
        return (conglomerate, enterprise);
    }

    public async Task<Party> PartyAsync(string name, string? phone = null, string? email = null, string? street = null, string? locality = null, string? ownerTax = null)
    {
        var party = new Party
        {
            Name = name, IdentifierScheme = "UA-EDR", IdentifierId = Code(), ContactPhone = phone, ContactEmail = email,
            StreetAddress = street, Locality = locality,
        };
        if (ownerTax is not null) party.BeneficialOwners.Add(new BeneficialOwner { FullName = "Owner " + ownerTax, TaxNumber = ownerTax });
        db.Parties.Add(party);
        await db.SaveChangesAsync();
        return party;
    }

    /// <summary>A tender with bids (one per listed party) and, when a supplier is given, an active award.</summary>
    public async Task<Tender> TenderAsync(int? enterpriseId, ProcurementMethod method = ProcurementMethod.Open, long? estimate = 100_000_00,
        IEnumerable<Party>? bidders = null, Party? supplier = null, long? awardValue = null, string cpv = "30190000-7",
        ProcurementCategory category = ProcurementCategory.Goods, DateTime? date = null, string createdBy = "officer-1")
    {
        var tender = new Tender
        {
            EnterpriseId = enterpriseId, Title = "Tender " + Code(), Method = method, Category = category, Status = TenderStatus.Active,
            EstimatedValueMinor = estimate, TenderPeriodStart = date ?? new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            CreatedAt = date ?? new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), CreatedBy = createdBy,
        };
        tender.Items.Add(new TenderItem { Description = "Item", CpvCode = cpv });
        foreach (var p in bidders ?? [])
            tender.Bids.Add(new Bid { TendererPartyId = p.Id, AmountMinor = estimate, Status = BidStatus.Valid });
        if (supplier is not null)
            tender.Awards.Add(new Award { SupplierPartyId = supplier.Id, ValueMinor = awardValue ?? estimate, Status = AwardStatus.Active });
        db.Tenders.Add(tender);
        await db.SaveChangesAsync();
        return tender;
    }

    private static string Code() => Interlocked.Increment(ref counter).ToString("D8");
}
