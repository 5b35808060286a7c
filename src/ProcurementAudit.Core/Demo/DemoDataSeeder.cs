using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Demo;

/// <summary>
/// Creates the deterministic demo dataset: one conglomerate with twelve enterprises, their officials and declared
/// relatives, suppliers and lessees, 300+ tenders, 30+ lease auctions and 14 director competitions, with a planted case
/// and a clean twin for every red flag of DOMAIN.md (listed in <see cref="DemoPlantedCases"/>).
/// Everything is derived from fixed seeds and a fixed anchor date, except the few tenders and auctions that must still
/// be open: their deadlines are set relative to the clock so sealed bids can be shown.
/// </summary>
public sealed class DemoDataSeeder(AuditDbContext db, TimeProvider clock)
{
    public async Task<string> SeedAsync(CancellationToken cancellationToken)
    {
        var world = new DemoWorld(clock.GetUtcNow().UtcDateTime);
        DemoOrganisations.Build(world);
        var tenders = DemoTenders.Build(world);
        var auctions = DemoAuctions.Build(world);
        var competitions = DemoCompetitions.Build(world);

        // Ids come from the database (identity columns on SQL Server), so the graph is saved in phases: each phase's
        // closures run after the previous phase has been saved and read the ids they need from the saved objects.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A bulk load, not a person's command: no per-row audit entries.
        Data.AuditTrailWriter.Suspended.Value = true;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var phase in world.Plan.Phases)
            {
                foreach (var make in phase)
                    if (make() is { } entity) db.Add(entity);
                db.ChangeTracker.DetectChanges(); // a few phases also update rows saved earlier (auction winners)
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            Data.AuditTrailWriter.Suspended.Value = false;
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return $"1 conglomerate, {world.Enterprises.Count} enterprises, {world.Parties.Count} parties, " +
               $"{tenders} tenders, {auctions} lease auctions, {competitions} competitions, " +
               $"{DemoPlantedCases.Planted.Count()} planted red-flag cases";
    }
}

/// <summary>Entities to insert, in phases; a phase's closures run after the earlier phases are saved.</summary>
internal sealed class SeedPlan
{
    public const int PhaseCount = 8;
    private readonly List<Func<object?>>[] phases = Enumerable.Range(0, PhaseCount).Select(_ => new List<Func<object?>>()).ToArray();

    public IEnumerable<IReadOnlyList<Func<object?>>> Phases => phases;

    public void Add(int phase, object entity) => phases[phase].Add(() => entity);

    /// <summary>Runs <paramref name="make"/> when the phase is saved; it may set ids and return an entity to add (or null).</summary>
    public void Add(int phase, Func<object?> make) => phases[phase].Add(make);
}

/// <summary>Shared state of one seeding run: the random sources, the anchor date and what earlier sections created.</summary>
internal sealed class DemoWorld(DateTime now)
{
    /// <summary>Every demo date is relative to this, not to "now", so each run produces the same database.</summary>
    public static readonly DateTime Anchor = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const string Actor = "system:demo-seed";

    public DateTime Now { get; } = now;
    public DemoNames Names { get; } = new(new Random(20260101));
    public SeedPlan Plan { get; } = new();

    public Organisation Conglomerate { get; set; } = null!;
    public List<Organisation> Enterprises { get; } = [];
    public Dictionary<Organisation, Person> Directors { get; } = [];
    public List<Person> Persons { get; } = [];
    public List<Party> Parties { get; } = [];
    /// <summary>Background suppliers of tenders.</summary>
    public List<Party> Suppliers { get; } = [];
    /// <summary>Background bidders and lessees of lease auctions.</summary>
    public List<Party> Lessees { get; } = [];
    /// <summary>Persons who sit on competition commissions (supervisory board, ministry, independent experts).</summary>
    public List<Person> CommissionPool { get; } = [];

    /// <summary>Enterprise by its position in the fixed list (E1 = 1).</summary>
    public Organisation E(int number) => Enterprises[number - 1];

    public static DateTime Day(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static long Uah(decimal amount) => Money.ToMinor(amount);

    /// <summary>A random amount in whole hryvnias and kopiykas, log-uniform between the bounds (given in UAH).</summary>
    public static long Amount(Random rng, decimal minUah, decimal maxUah)
    {
        var logMin = Math.Log((double)minUah);
        var logMax = Math.Log((double)maxUah);
        var uah = (long)Math.Exp(logMin + (rng.NextDouble() * (logMax - logMin)));
        return (uah * Money.MinorPerMajor) + rng.Next(0, 100);
    }

    /// <summary>Rounds an amount in minor units down to whole hundreds of hryvnias (estimates look like budget lines).</summary>
    public static long RoundBudget(long minor) => minor / 10_000 * 10_000;

    public static DateTime AddWorkingDays(DateTime start, int days)
    {
        var date = start;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) days--;
        }
        return date;
    }

    /// <summary>Creates a legal entity (ТОВ, ПП, ПрАТ) or a sole trader (ФОП) with unique contacts and owners.</summary>
    public Party NewParty(Random rng, string? form = null, string? word = null, string? edrpou = null, City? city = null,
        string? phone = null, BeneficialOwner[]? owners = null, bool addOwner = true)
    {
        form ??= rng.Next(100) switch { < 58 => "ТОВ", < 74 => "ПП", < 80 => "ПрАТ", _ => "ФОП" };
        var address = Names.Address(city);
        Party party;
        if (form == "ФОП")
        {
            var person = Names.Person(rng.Next(3) == 0);
            var tax = edrpou ?? Names.TaxNumber();
            party = new Party
            {
                Name = $"ФОП {person}",
                LegalName = $"Фізична особа-підприємець {person}",
                IdentifierScheme = "UA-EDR",
                IdentifierId = tax,
                ContactName = person,
                ContactEmail = Names.Email(person.Split(' ')[0] + "-" + person.Split(' ')[1]),
            };
        }
        else
        {
            word ??= Names.CompanyWord();
            var legalForm = form switch
            {
                "ТОВ" => "Товариство з обмеженою відповідальністю",
                "ПП" => "Приватне підприємство",
                _ => "Приватне акціонерне товариство",
            };
            party = new Party
            {
                Name = $"{form} «{word}»",
                LegalName = $"{legalForm} «{word}»",
                IdentifierScheme = "UA-EDR",
                IdentifierId = edrpou is null ? Names.Edrpou() : Names.Reserve("edrpou", edrpou),
                ContactName = Names.Person(rng.Next(2) == 0),
                ContactEmail = Names.Email(word),
            };
            if (owners is not null) party.BeneficialOwners.AddRange(owners);
            else if (addOwner)
            {
                var count = rng.Next(4) == 0 ? 2 : 1;
                for (var i = 0; i < count; i++)
                    party.BeneficialOwners.Add(new BeneficialOwner
                    {
                        FullName = Names.Person(rng.Next(4) == 0),
                        TaxNumber = Names.TaxNumber(),
                        Nationality = "UA",
                        SharePercent = count == 1 ? 100m : (i == 0 ? 60m : 40m),
                    });
            }
        }
        party.StreetAddress = address.Street;
        party.Locality = address.City.Name;
        party.Region = address.City.Region;
        party.PostalCode = address.Postal;
        party.CountryName = "Україна";
        party.ContactPhone = phone ?? Names.Phone();
        Parties.Add(party);
        Plan.Add(0, party);
        return party;
    }
}
