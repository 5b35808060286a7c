using System.Globalization;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Reports.Templates;

/// <summary>
/// Deterministic synthetic models (same arguments, same model, same PDF bytes) for the benchmark and tests.
/// Real reports are built from the database by Core/Reporting.
/// </summary>
public static class SampleModels
{
    private static readonly string[] Enterprises =
    [
        "ТОВ «Укрспецпостач»", "ДП «Харківський машинобудівний завод»", "ДП «Львівський ремонтний завод»",
        "АТ «Київський бронетанковий завод»", "ДП «Одеський авіаційний завод»", "ДП «Житомирський завод ґрунтів і їжі»",
    ];
    private static readonly (string Code, string Description)[] Codes =
    [
        ("R018", "Одна пропозиція (single bid)"), ("R003", "Короткий строк подання (short submission period)"),
        ("P-SPLIT", "Поділ закупівлі (split purchase)"), ("P-OVERESTIMATE", "Завищена очікувана вартість"),
        ("L-SINGLE", "Аукціон з одним учасником"), ("L-LOWSTART", "Низька стартова орендна плата"),
        ("C-COI", "Конфлікт інтересів члена комісії"), ("C-NOTTOP", "Призначено не першого в рейтингу"),
    ];
    private static readonly string[] Reviews = ["відкритий", "підтверджено", "відхилено"];
    private static readonly DateTimeOffset Generated = new(2025, 4, 2, 9, 30, 0, TimeSpan.Zero);

    public static OversightReportModel Oversight(int flaggedProcedures, int seed = 7)
    {
        var rng = new Lcg(seed);
        var rows = new List<FlaggedProcedureRow>(flaggedProcedures);
        var evidence = new List<FlagEvidence>();
        for (var i = 1; i <= flaggedProcedures; i++)
        {
            var kind = rng.Next(10) switch { < 6 => "закупівля", < 9 => "аукціон", _ => "конкурс" };
            var id = kind switch { "закупівля" => $"UA-2025-{i:00000}", "аукціон" => $"LA-{i:00000}", _ => $"DC-{i:0000}" };
            var codes = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => Codes[rng.Next(Codes.Length)].Code).Distinct().ToArray();
            var review = Reviews[rng.Next(Reviews.Length)];
            MoneyAmount? value = kind == "конкурс" ? null : new MoneyAmount(100_000_00L + rng.Next(900_000) * 1_237L);
            rows.Add(new FlaggedProcedureRow(id, Enterprises[rng.Next(Enterprises.Length)], kind,
                kind == "конкурс" ? "оцінювання" : rng.Next(2) == 0 ? "завершено" : "укладено договір", codes, value, review));
            foreach (var code in codes)
            {
                evidence.Add(new FlagEvidence(id, code, 1, $"Індикатор {code} спрацював для процедури {id}.",
                    [new("учасників", (1 + rng.Next(3)).ToString(CultureInfo.InvariantCulture)), new("поріг", "400 000 грн")],
                    review, review == "відхилено" ? "Обґрунтування замовника прийнято." : null));
            }
        }
        var byCode = Codes.Select(c =>
        {
            var mine = evidence.Where(e => e.Code == c.Code).ToList();
            return new FlagCodeSummary(c.Code, c.Description, mine.Count, mine.Count(e => e.ReviewStatus == "відкритий"),
                mine.Count(e => e.ReviewStatus == "підтверджено"), mine.Count(e => e.ReviewStatus == "відхилено"));
        }).ToArray();
        return new OversightReportModel
        {
            ScopeName = "ДК «Укроборонпром»",
            ScopeKind = OversightScopeKind.Conglomerate,
            Period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)),
            GeneratedAt = Generated,
            DataAsOf = Generated.AddHours(-3),
            RequestedBy = "аудитор · auditor-1",
            Headlines =
            [
                new("Процедур з прапорцями / Flagged procedures", flaggedProcedures.ToString(CultureInfo.InvariantCulture)),
                new("Прапорців / Flags", evidence.Count.ToString(CultureInfo.InvariantCulture)),
                new("Сума процедур з прапорцями / Value flagged", Composition.Format.Money(rows.Sum(r => r.Value?.Minor ?? 0))),
            ],
            FlagsByCode = byCode,
            FlagsByMonth = [new("Січ 2025", rows.Count / 4, rows.Count / 9, 2), new("Лют 2025", rows.Count / 3, rows.Count / 8, 1), new("Бер 2025", rows.Count / 5, rows.Count / 7, 3)],
            FlaggedProcedures = rows,
            Evidence = evidence,
            Opinions =
            [
                new("DC-0010", "Transparency International Україна", Generated.AddDays(-20), "заперечення",
                    "Критерії оцінювання змінено після оголошення конкурсу.", "Зміну скасовано, критерії відновлено.", Generated.AddDays(-12), "Організатор конкурсу"),
                new("DC-0011", "Посольство Королівства Нідерландів", Generated.AddDays(-5), "занепокоєння", "Склад комісії не оприлюднено."),
            ],
            Recommendations =
            [
                new("Оприлюднювати склад конкурсних комісій до початку прийому заяв.", "виконується", "Наглядова рада", new DateOnly(2025, 6, 30)),
                new("Перевірити закупівлі з однією пропозицією понад 1 млн грн.", "нова"),
            ],
            MethodAndSources = "Дані про закупівлі імпортовано у форматі OCDS; аукціони та конкурси внесено підприємствами. " +
                "Індикатори ризику застосовано з параметрами концерну станом на дату формування.",
            Annexes = [new("Параметри індикаторів", "Порогові значення за замовчуванням.", new AnnexTable(["Код", "Параметр", "Значення"],
                [["P-SPLIT", "поріг (товари, послуги)", "400 000 грн"], ["C-SHORTWINDOW", "мінімальне вікно", "30 днів"]]))],
        };
    }

    public static ProcedureDossierModel TenderDossier() => new()
    {
        ProcedureId = "UA-2025-01-15-000123-a",
        Kind = DossierProcedureKind.Tender,
        Title = "Закупівля бронежилетів та шоломів",
        Enterprise = "ТОВ «Укрспецпостач»",
        Stage = "укладено договір",
        GeneratedAt = Generated,
        DataAsOf = Generated.AddHours(-1),
        Facts = [new("Спосіб / Method", "відкриті торги"), new("Очікувана вартість / Estimate", Composition.Format.Money(12_500_000_00)), new("CPV", "35113400-3")],
        Timeline =
        [
            new(Generated.AddDays(-60), "Оголошено", "Строк подання 5 днів"),
            new(Generated.AddDays(-55), "Розкрито пропозиції"),
            new(Generated.AddDays(-40), "Укладено договір", "ТОВ «Укрспецпостач», 12 300 000 грн"),
        ],
        Bids = [new("ТОВ «Укрспецпостач»", new MoneyAmount(12_300_000_00), Generated.AddDays(-56), "переможець")],
        Flags = [new("UA-2025-01-15-000123-a", "R018", 1, "Подано лише одну пропозицію.", [new("пропозицій", "1")], "підтверджено", "Ринок обмежений.")],
        Observations = [new("UA-2025-01-15-000123-a", "ГО «Антикорупційний центр»", Generated.AddDays(-30), "спостереження", "Строк подання пропозицій був мінімальним.")],
        AuditTrail = [new(Generated.AddDays(-40), "officer:o.petrenko", "Змінено договір", "Ціна без змін")],
    };

    public static ProcedureDossierModel CompetitionDossier() => new()
    {
        ProcedureId = "DC-0010",
        Kind = DossierProcedureKind.Competition,
        Title = "Конкурс на посаду директора",
        Enterprise = "ДП «Харківський машинобудівний завод»",
        Stage = "оцінювання",
        GeneratedAt = Generated,
        DataAsOf = Generated,
        Scores = new ScoreSheet(["Досвід", "План", "Співбесіда"],
            [new("Кандидат А", [8.5m, 7m, 9m], 24.5m, 1), new("Кандидат Б", [7m, 8m, 6.25m], 21.25m, 2), new("Кандидат В", [null, null, null], null, null, "відкликав заяву")]),
    };

    public static ObserverReportModel Observer() => new()
    {
        CompetitionId = "DC-0010",
        Enterprise = "ДП «Харківський машинобудівний завод»",
        Post = "Директор",
        Status = "рішення ухвалено",
        GeneratedAt = Generated,
        DataAsOf = Generated,
        Facts = [new("Прийом заяв / Application window", "01.02.2025 – 03.03.2025"), new("Кандидатів / Candidates", "3")],
        Observers =
        [
            new("Transparency International Україна", "НУО", "О. Коваленко", "конкурс DC-0010"),
            new("Посольство Королівства Нідерландів", "посольство", null, "концерн"),
        ],
        Attendance =
        [
            new("Засідання комісії №1", new DateOnly(2025, 3, 5), "Transparency International Україна", true),
            new("Співбесіди", new DateOnly(2025, 3, 12), "Посольство Королівства Нідерландів", false, "попередили заздалегідь"),
        ],
        Opinions =
        [
            new("DC-0010", "Transparency International Україна", Generated.AddDays(-20), "заперечення",
                "Критерії оцінювання змінено після оголошення конкурсу.", "Зміну скасовано, критерії відновлено.", Generated.AddDays(-12), "Організатор конкурсу"),
            new("DC-0010", "Посольство Королівства Нідерландів", Generated.AddDays(-5), "занепокоєння", "Склад комісії не оприлюднено."),
        ],
    };

    /// <summary>A tiny linear congruential generator: fixed forever, unlike System.Random's algorithm.</summary>
    private sealed class Lcg(int seed)
    {
        private ulong _state = (ulong)seed * 6364136223846793005UL + 1442695040888963407UL;

        public int Next(int max)
        {
            _state = _state * 6364136223846793005UL + 1442695040888963407UL;
            return (int)((_state >> 33) % (ulong)max);
        }
    }
}
