using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Demo;

/// <summary>The fictional holding, its member enterprises, their officials with declared relatives, and the party pools.</summary>
internal static class DemoOrganisations
{
    private sealed record EnterpriseSpec(string Name, string Edrpou, string City);

    // Fictional enterprises; the EDRPOU codes carry valid control digits. Positions matter: DemoPlantedCases.Keys
    // names E1 (clean competition level), E2 (lease concentration), E3 (split buyer), E6 (clean lease spread), E9 (low competition).
    private static readonly EnterpriseSpec[] Specs =
    [
        new("ДП «Київський завод точного приладобудування»", DemoPlantedCases.Keys.LowCompetitionCleanEnterprise, "Київ"),
        new("ДП «Харківський завод спецтехніки»", DemoPlantedCases.Keys.ConcentrationEnterprise, "Харків"),
        new("ДП «Дніпровський ремонтний завод бронетехніки»", DemoPlantedCases.Keys.SplitBuyer, "Дніпро"),
        new("ДП «Львівський завод радіоелектроніки»", "14300119", "Львів"),
        new("ДП «Одеський суднобудівний завод»", "14304152", "Одеса"),
        new("ДП «Запорізький моторобудівний завод»", DemoPlantedCases.Keys.ConcentrationCleanEnterprise, "Запоріжжя"),
        new("ДП «Житомирський завод колісної техніки»", "14315606", "Житомир"),
        new("ДП «Миколаївський завод морського приладобудування»", "14322084", "Миколаїв"),
        new("ДП «Сумський завод спецхімії»", DemoPlantedCases.Keys.LowCompetitionEnterprise, "Суми"),
        new("ДП «Чернігівський завод оптики»", "14334199", "Чернігів"),
        new("ДП «Полтавський авторемонтний завод»", "14347210", "Полтава"),
        new("ДП «Вінницький завод зв'язку»", "14355333", "Вінниця"),
    ];

    public const string ConglomerateName = "ДК «Оборонні системи України»";

    public static void Build(DemoWorld world)
    {
        var rng = new Random(1001);
        var names = world.Names;
        foreach (var spec in Specs) names.Reserve("edrpou", spec.Edrpou);

        var kyiv = DemoNames.Cities.First(c => c.Name == "Київ");
        var hq = names.Address(kyiv);
        var conglomerate = new Organisation
        {
            Kind = OrganisationKind.Conglomerate,
            Name = ConglomerateName,
            Edrpou = names.Reserve("edrpou", "20012365"),
            Region = kyiv.Region,
            Address = $"{hq.Postal}, м. {kyiv.Name}, {hq.Street}",
        };
        world.Conglomerate = conglomerate;
        world.Plan.Add(0, conglomerate);

        Official(world, rng, conglomerate, OfficialRole.Director, "Генеральний директор", DemoWorld.Day(2023, 2, 1), relatives: 2);
        Official(world, rng, conglomerate, OfficialRole.Manager, "Заступник генерального директора з питань закупівель", DemoWorld.Day(2023, 4, 3), relatives: 1);
        Official(world, rng, conglomerate, OfficialRole.Manager, "Директор департаменту управління майном", DemoWorld.Day(2023, 6, 12), relatives: 1);
        for (var i = 0; i < 5; i++)
        {
            var title = i < 2 ? "Незалежний член наглядової ради" : "Член наглядової ради (представник держави)";
            var member = Official(world, rng, conglomerate, OfficialRole.SupervisoryBoardMember, title, DemoWorld.Day(2023, 9, 1 + i), relatives: 1);
            world.CommissionPool.Add(member);
        }
        // Independent experts and a ministry representative sit on competition commissions without holding a post.
        for (var i = 0; i < 5; i++)
        {
            var expert = new Person { FullName = names.Person(i % 2 == 1), TaxNumber = names.TaxNumber() };
            world.Persons.Add(expert);
            world.CommissionPool.Add(expert);
            world.Plan.Add(0, expert);
        }

        for (var n = 0; n < Specs.Length; n++)
        {
            var spec = Specs[n];
            var city = DemoNames.Cities.First(c => c.Name == spec.City);
            var address = names.Address(city);
            var enterprise = new Organisation
            {
                Kind = OrganisationKind.Enterprise,
                Parent = conglomerate,
                Name = spec.Name,
                Edrpou = spec.Edrpou,
                Region = city.Region,
                Address = $"{address.Postal}, м. {city.Name}, {address.Street}",
            };
            world.Enterprises.Add(enterprise);
            world.Plan.Add(0, enterprise);

            // E3's director declares an adult son: the L-INSIDER case leases to the son's company.
            var director = Official(world, rng, enterprise, OfficialRole.Director, "Генеральний директор",
                DemoWorld.Day(2020 + rng.Next(4), 1 + rng.Next(12), 1 + rng.Next(28)), relatives: n == 2 ? 0 : 2, female: n is 4 or 10);
            if (n == 2)
            {
                AddRelative(world, director, names.Person(true, director.FullName.Split(' ')[0]), "дружина");
                AddRelative(world, director, names.Child(director.FullName, female: false), "син");
            }
            world.Directors[enterprise] = director;
            Official(world, rng, enterprise, OfficialRole.Manager, "Заступник генерального директора з економічних питань", DemoWorld.Day(2021, 3, 1 + n), relatives: 1);
            Official(world, rng, enterprise, OfficialRole.Manager, "Начальник відділу закупівель (уповноважена особа)", DemoWorld.Day(2022, 5, 2 + n), relatives: 0);
            Official(world, rng, enterprise, OfficialRole.BoardMember, "Член дирекції, головний інженер", DemoWorld.Day(2021, 9, 6 + n), relatives: 1);
            Official(world, rng, enterprise, OfficialRole.BoardMember, "Член дирекції, головний бухгалтер", DemoWorld.Day(2022, 1, 10 + n), relatives: 0);
        }

        for (var i = 0; i < 70; i++) world.Suppliers.Add(world.NewParty(rng));
        for (var i = 0; i < 34; i++) world.Lessees.Add(world.NewParty(rng, form: rng.Next(3) == 0 ? "ФОП" : "ТОВ"));
    }

    private static Person Official(DemoWorld world, Random rng, Organisation organisation, OfficialRole role, string title, DateTime from,
        int relatives, bool? female = null)
    {
        var isFemale = female ?? rng.Next(4) == 0;
        var person = new Person { FullName = world.Names.Person(isFemale), TaxNumber = world.Names.TaxNumber() };
        world.Persons.Add(person);
        organisation.Officials.Add(new OrganisationOfficial { Person = person, Role = role, Title = title, From = from });
        if (relatives >= 1)
            AddRelative(world, person, world.Names.Person(!isFemale, person.FullName.Split(' ')[0]), isFemale ? "чоловік" : "дружина");
        if (relatives >= 2)
        {
            var childFemale = rng.Next(2) == 0;
            var child = isFemale
                ? world.Names.Person(childFemale, person.FullName.Split(' ')[0])
                : world.Names.Child(person.FullName, childFemale);
            AddRelative(world, person, child, childFemale ? "донька" : "син");
        }
        return person;
    }

    private static void AddRelative(DemoWorld world, Person person, string fullName, string relation)
    {
        var relative = new Person { FullName = fullName, TaxNumber = world.Names.TaxNumber() };
        world.Persons.Add(relative);
        person.Relatives.Add(new PersonRelative { Relative = relative, Relation = relation });
    }

    /// <summary>The declared son of E3's director (the L-INSIDER case).</summary>
    public static Person InsiderRelative(DemoWorld world) =>
        world.Directors[world.E(3)].Relatives.Single(r => r.Relation == "син").Relative!;
}
