using System.Text;

namespace ProcurementAudit.Core.Demo;

/// <summary>A CPV code of the ДК 021:2015 catalogue with its Ukrainian name.</summary>
internal sealed record Cpv(string Code, string Name, string Unit)
{
    /// <summary>The first two digits: background non-open purchases are budgeted per division so P-SPLIT never fires by accident.</summary>
    public string Division => Code[..2];
    public bool IsWorks => Code.StartsWith("45", StringComparison.Ordinal);
    public bool IsServices => !IsWorks && string.CompareOrdinal(Code[..2], "50") >= 0;
}

internal sealed record City(string Name, string Region, string PostalPrefix, string PhoneCode);

/// <summary>
/// Fictional but plausible Ukrainian names, addresses, contacts and codes. Every value handed out is unique within one
/// seeding run so that shared phones, e-mails, addresses or owners exist only where a case is planted on purpose.
/// </summary>
internal sealed class DemoNames(Random rng)
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public static readonly string[] Surnames =
    [
        "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Шевчук", "Бойко", "Мельник", "Олійник", "Лисенко", "Руденко",
        "Савченко", "Петренко", "Марченко", "Кравчук", "Поліщук", "Мороз", "Павленко", "Левченко", "Харченко", "Гончаренко",
        "Литвиненко", "Карпенко", "Власенко", "Кушнір", "Онищенко", "Панченко", "Гнатюк", "Семенюк", "Романюк", "Ковальчук",
        "Яковенко", "Остапчук", "Приходько", "Зінченко", "Костенко", "Нестеренко", "Федоренко", "Гриценко", "Білоус", "Вакуленко",
        "Дорошенко", "Єременко", "Жук", "Іваненко", "Кириленко", "Лук'яненко", "Мацюк", "Пилипенко", "Ситник", "Тарасюк",
        "Устименко", "Фесенко", "Хоменко", "Цимбалюк", "Шаповал", "Ющенко", "Андрієнко", "Бабенко", "Васильченко", "Герасименко",
        "Демченко", "Журавель", "Захарченко", "Ільченко", "Клименко", "Лозинський",
        "Матвієнко", "Назаренко", "Осадчук", "Прокопенко", "Рибак", "Симоненко", "Тимченко", "Ходак", "Мирошниченко", "Шулик",
    ];

    /// <summary>Male first names with the male and female patronymics formed from them.</summary>
    private static readonly (string Name, string PatronymicMale, string PatronymicFemale)[] MaleNames =
    [
        ("Олександр", "Олександрович", "Олександрівна"), ("Андрій", "Андрійович", "Андріївна"), ("Сергій", "Сергійович", "Сергіївна"),
        ("Володимир", "Володимирович", "Володимирівна"), ("Дмитро", "Дмитрович", "Дмитрівна"), ("Микола", "Миколайович", "Миколаївна"),
        ("Іван", "Іванович", "Іванівна"), ("Юрій", "Юрійович", "Юріївна"), ("Олег", "Олегович", "Олегівна"),
        ("Віктор", "Вікторович", "Вікторівна"), ("Василь", "Васильович", "Василівна"), ("Петро", "Петрович", "Петрівна"),
        ("Богдан", "Богданович", "Богданівна"), ("Тарас", "Тарасович", "Тарасівна"), ("Ігор", "Ігорович", "Ігорівна"),
        ("Михайло", "Михайлович", "Михайлівна"), ("Роман", "Романович", "Романівна"), ("Артем", "Артемович", "Артемівна"),
        ("Максим", "Максимович", "Максимівна"), ("Євген", "Євгенович", "Євгенівна"), ("Ярослав", "Ярославович", "Ярославівна"),
        ("Степан", "Степанович", "Степанівна"), ("Валерій", "Валерійович", "Валеріївна"), ("Анатолій", "Анатолійович", "Анатоліївна"),
        ("Григорій", "Григорович", "Григорівна"),
    ];

    private static readonly string[] FemaleNames =
    [
        "Олена", "Наталія", "Ірина", "Тетяна", "Оксана", "Світлана", "Юлія", "Марія", "Людмила", "Ганна",
        "Катерина", "Вікторія", "Ольга", "Галина", "Лариса", "Надія", "Софія", "Дарина", "Христина", "Валентина",
    ];

    private static readonly string[] NamePrefixes =
    [
        "Техно", "Агро", "Енерго", "Спец", "Метал", "Буд", "Пром", "Інтер", "Арсенал", "Дніпро", "Галич", "Поділля",
        "Слобожан", "Таврія", "Волинь", "Карпат", "Полісся", "Оріон", "Вектор", "Альянс", "Меридіан", "Горизонт",
        "Стандарт", "Прайм", "Граніт", "Сталь", "Електро", "Авто", "Гідро", "Термо", "Оптима", "Надія",
    ];

    private static readonly string[] NameSuffixes =
    [
        "постач", "ресурс", "трейд", "комплект", "сервіс", "інвест", "груп", "маш", "хім", "лайн", "тех", "систем",
        "монтаж", "пром", "збут", "торг",
    ];

    private static readonly string[] NameTails = ["", "", "", "", " Плюс", " Україна", "-Схід", "-Захід", " Груп", " 2000"];

    public static readonly City[] Cities =
    [
        new("Київ", "м. Київ", "0", "44"), new("Харків", "Харківська область", "61", "57"),
        new("Дніпро", "Дніпропетровська область", "49", "56"), new("Львів", "Львівська область", "79", "32"),
        new("Одеса", "Одеська область", "65", "48"), new("Запоріжжя", "Запорізька область", "69", "61"),
        new("Миколаїв", "Миколаївська область", "54", "512"), new("Житомир", "Житомирська область", "10", "412"),
        new("Вінниця", "Вінницька область", "21", "432"), new("Полтава", "Полтавська область", "36", "532"),
        new("Чернігів", "Чернігівська область", "14", "462"), new("Суми", "Сумська область", "40", "542"),
        new("Черкаси", "Черкаська область", "18", "472"), new("Кропивницький", "Кіровоградська область", "25", "522"),
        new("Луцьк", "Волинська область", "43", "332"), new("Рівне", "Рівненська область", "33", "362"),
        new("Тернопіль", "Тернопільська область", "46", "352"), new("Івано-Франківськ", "Івано-Франківська область", "76", "342"),
    ];

    private static readonly string[] Streets =
    [
        "вул. Шевченка", "вул. Івана Франка", "просп. Перемоги", "вул. Грушевського", "вул. Соборна", "вул. Промислова",
        "вул. Заводська", "вул. Героїв Майдану", "вул. Незалежності", "вул. Київська", "вул. Лесі Українки",
        "вул. Січових Стрільців", "вул. Садова", "вул. Польова", "вул. Миру", "вул. Вокзальна", "вул. Індустріальна",
        "вул. Богдана Хмельницького", "вул. Євгена Коновальця", "вул. Металургів",
        "вул. Машинобудівників", "просп. Свободи", "вул. Григорія Сковороди", "вул. Університетська",
    ];

    private static readonly string[] MobileCodes = ["50", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99", "63"];

    public static readonly Cpv[] Goods =
    [
        new("09134200-9", "Дизельне паливо", "л"), new("09132000-3", "Бензин", "л"),
        new("30197630-1", "Папір для друку", "пачка"), new("30213000-5", "Персональні комп'ютери", "шт."),
        new("30232000-4", "Периферійне обладнання", "шт."), new("30125100-2", "Картриджі з тонером", "шт."),
        new("31500000-1", "Освітлювальне обладнання та електричні лампи", "шт."), new("31681410-0", "Електричні матеріали", "компл."),
        new("34330000-9", "Запасні частини до вантажних транспортних засобів", "компл."),
        new("35113400-3", "Захисний та безпековий одяг", "шт."), new("18100000-0", "Робочий одяг", "компл."),
        new("18830000-6", "Захисне взуття", "пара"), new("14210000-6", "Гравій, пісок, щебінь", "т"),
        new("44160000-9", "Труби та арматура", "м"), new("44190000-8", "Конструкційні матеріали різні", "компл."),
        new("44510000-8", "Знаряддя", "шт."), new("42120000-6", "Насоси та компресори", "шт."),
        new("42600000-2", "Верстати", "шт."), new("31100000-7", "Електродвигуни, генератори та трансформатори", "шт."),
        new("31400000-0", "Акумулятори та батареї", "шт."), new("32500000-8", "Телекомунікаційне обладнання", "компл."),
        new("38400000-9", "Прилади для перевіряння фізичних характеристик", "шт."),
        new("39830000-9", "Продукція для чищення", "уп."), new("33600000-6", "Фармацевтична продукція", "уп."),
        new("24950000-8", "Спеціалізована хімічна продукція", "кг"), new("09310000-5", "Електрична енергія", "кВт·год"),
        new("09123000-7", "Природний газ", "м³"),
    ];

    public static readonly Cpv[] Services =
    [
        new("50110000-9", "Ремонт і технічне обслуговування транспортних засобів", "послуга"),
        new("50410000-2", "Ремонт і обслуговування вимірювальних приладів", "послуга"),
        new("50530000-9", "Ремонт і технічне обслуговування техніки", "послуга"),
        new("50700000-2", "Ремонт і технічне обслуговування інженерних систем будівель", "послуга"),
        new("72260000-5", "Послуги, пов'язані з програмним забезпеченням", "послуга"),
        new("79710000-4", "Охоронні послуги", "послуга"), new("90910000-9", "Послуги з прибирання", "послуга"),
        new("79530000-8", "Послуги з письмового перекладу", "послуга"), new("80510000-2", "Професійна підготовка спеціалістів", "послуга"),
        new("66510000-8", "Страхові послуги", "послуга"), new("71320000-7", "Послуги з інженерного проектування", "послуга"),
    ];

    public static readonly Cpv[] Works =
    [
        new("45453000-7", "Капітальний ремонт виробничого корпусу", "роботи"),
        new("45261000-4", "Ремонт покрівлі", "роботи"), new("45310000-3", "Електромонтажні роботи", "роботи"),
        new("45330000-9", "Водопровідні та санітарно-технічні роботи", "роботи"),
        new("45421000-4", "Столярні роботи", "роботи"),
    ];

    public static readonly string[] DisqualificationReasons =
    [
        "Не надано документ, що підтверджує досвід виконання аналогічного договору",
        "Тендерна пропозиція не відповідає технічним вимогам тендерної документації",
        "Не надано забезпечення тендерної пропозиції",
        "Учасник не усунув невідповідності у строк 24 години",
        "Не підтверджено кваліфікаційні критерії: відсутня матеріально-технічна база",
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>A full name (surname, first name, patronymic) not handed out before.</summary>
    public string Person(bool female, string? surname = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var family = surname ?? Pick(Surnames);
            if (female && family.EndsWith("ський", StringComparison.Ordinal)) family = family[..^5] + "ська";
            if (!female && family.EndsWith("ська", StringComparison.Ordinal)) family = family[..^4] + "ський";
            var father = Pick(MaleNames);
            var first = female ? Pick(FemaleNames) : Pick(MaleNames).Name;
            var full = $"{family} {first} {(female ? father.PatronymicFemale : father.PatronymicMale)}";
            if (used.Add("person:" + full)) return full;
            if (attempt > 200) throw new InvalidOperationException("Ran out of demo person names.");
        }
    }

    /// <summary>A child's name: the father's surname and a patronymic formed from his first name.</summary>
    public string Child(string fatherFullName, bool female)
    {
        var parts = fatherFullName.Split(' ');
        var father = MaleNames.First(n => n.Name == parts[1]);
        for (var attempt = 0; ; attempt++)
        {
            var first = female ? Pick(FemaleNames) : Pick(MaleNames).Name;
            var full = $"{parts[0]} {first} {(female ? father.PatronymicFemale : father.PatronymicMale)}";
            if (used.Add("person:" + full)) return full;
            if (attempt > 200) throw new InvalidOperationException("Ran out of demo child names.");
        }
    }

    /// <summary>Reserves a hand-picked name so that generated names never repeat it.</summary>
    public string Reserve(string kind, string value)
    {
        if (!used.Add(kind + ":" + value)) throw new InvalidOperationException($"Demo {kind} '{value}' is used twice.");
        return value;
    }

    public string CompanyWord()
    {
        for (var attempt = 0; ; attempt++)
        {
            var word = Pick(NamePrefixes) + Pick(NameSuffixes) + Pick(NameTails);
            if (used.Add("company:" + word)) return word;
            if (attempt > 500) throw new InvalidOperationException("Ran out of demo company names.");
        }
    }

    /// <summary>An 8-digit EDRPOU code with a valid control digit.</summary>
    public string Edrpou()
    {
        for (; ; )
        {
            var body = rng.Next(1_000_000, 4_500_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            var code = body + EdrpouControlDigit(body);
            if (used.Add("edrpou:" + code)) return code;
        }
    }

    /// <summary>A 10-digit individual tax number (RNOKPP) shape; not validated by the product.</summary>
    public string TaxNumber()
    {
        for (; ; )
        {
            var code = rng.Next(20_000, 45_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + rng.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (used.Add("rnokpp:" + code)) return code;
        }
    }

    /// <summary>The EDRPOU control digit (weights 1..7, or 7..13 for codes between 30 000 000 and 60 000 000).</summary>
    public static int EdrpouControlDigit(string sevenDigits)
    {
        var first = sevenDigits[0] - '0';
        var shift = first is >= 3 and < 6 ? 6 : 0;
        int Sum(int extra) => sevenDigits.Select((c, i) => (c - '0') * (i + 1 + shift + extra)).Sum() % 11;
        var control = Sum(0);
        if (control == 10) control = Sum(2);
        return control == 10 ? 0 : control;
    }

    public (string Street, City City, string Postal) Address(City? city = null)
    {
        for (; ; )
        {
            var c = city ?? Pick(Cities);
            var street = $"{Pick(Streets)}, {rng.Next(1, 180)}";
            if (rng.Next(4) == 0) street += $", оф. {rng.Next(1, 60)}";
            if (!used.Add($"address:{c.Name}:{street}")) continue;
            var postal = c.PostalPrefix + rng.Next(0, c.PostalPrefix.Length == 1 ? 4000 : 1000).ToString(c.PostalPrefix.Length == 1 ? "D4" : "D3", System.Globalization.CultureInfo.InvariantCulture);
            return (street, c, postal);
        }
    }

    public string Phone()
    {
        for (; ; )
        {
            var n = rng.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var phone = $"+380 {Pick(MobileCodes)} {n[..3]} {n[3..5]} {n[5..]}";
            if (used.Add("phone:" + phone)) return phone;
        }
    }

    public string Email(string word)
    {
        var slug = Transliterate(word);
        string[] boxes = ["office", "info", "tender", "sales", "zakupivli"];
        string[] domains = [".com.ua", ".ua", ".net.ua", ".kiev.ua"];
        for (var attempt = 0; ; attempt++)
        {
            var email = $"{Pick(boxes)}@{slug}{(attempt > 3 ? attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}{Pick(domains)}";
            if (used.Add("email:" + email)) return email;
        }
    }

    private static readonly Dictionary<char, string> Translit = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "h", ['ґ'] = "g", ['д'] = "d", ['е'] = "e", ['є'] = "ie", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "y", ['і'] = "i", ['ї'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n",
        ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ь'] = "", ['ю'] = "iu", ['я'] = "ia", ['\''] = "",
    };

    public static string Transliterate(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant())
        {
            if (Translit.TryGetValue(ch, out var latin)) sb.Append(latin);
            else if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if (ch is ' ' or '-' && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
