using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProcurementAudit.Core.Ocds.Synthetic;

/// <summary>
/// Deterministic synthetic OCDS compiled releases for benchmarks: ProZorro-like shape (parties with identifiers, addresses and
/// contacts; 1 to 4 items; 1 to 8 bids; 1 to 3 awards; contracts), drawn from fixed pools of buyers and suppliers so that
/// per-organization indicators have something to aggregate. The same seed gives the same bytes.
/// </summary>
public static class SyntheticReleases
{
    public const int DefaultSeed = 20240601;
    private const int Buyers = 800;
    private const int Suppliers = 12_000;

    private static readonly string[] Regions = ["Київська область", "Львівська область", "Харківська область", "Одеська область", "Дніпропетровська область", "м. Київ"];
    private static readonly string[] Localities = ["Київ", "Львів", "Харків", "Одеса", "Дніпро", "Біла Церква"];
    private static readonly (string Code, string Description, string Unit)[] Classifications =
    [
        ("09130000-9", "Нафта і дистиляти", "літр"), ("15810000-9", "Хлібопродукти", "кілограм"), ("30190000-7", "Офісне устаткування", "штука"),
        ("33600000-6", "Фармацевтична продукція", "упаковка"), ("45450000-6", "Інші завершальні будівельні роботи", "послуга"),
        ("50110000-9", "Послуги з ремонту транспортних засобів", "послуга"), ("71320000-7", "Послуги з інженерного проектування", "послуга"),
        ("79710000-4", "Охоронні послуги", "послуга"), ("90510000-5", "Утилізація сміття", "тонна"), ("22450000-9", "Друкована продукція", "штука"),
    ];
    private static readonly (string Method, string Details)[] Methods =
    [
        ("open", "aboveThresholdUA"), ("open", "aboveThresholdUA"), ("open", "belowThreshold"), ("open", "belowThreshold"),
        ("open", "aboveThresholdEU"), ("selective", "competitiveDialogueUA"), ("limited", "negotiation"), ("limited", "reporting"),
    ];

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Writes <paramref name="count"/> releases as JSON lines to <paramref name="destination"/> (not closed).</summary>
    public static void Write(Stream destination, long count, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        using var buffered = new BufferedStream(destination, 1 << 16);
        using var writer = new Utf8JsonWriter(buffered, Options);
        for (long i = 0; i < count; i++)
        {
            WriteRelease(writer, random, i);
            writer.Flush();
            buffered.WriteByte((byte)'\n');
            writer.Reset(buffered);
        }
        buffered.Flush();
    }

    private static string Edrpou(int n) => (10_000_000 + n * 7_919 % 89_999_999).ToString(CultureInfo.InvariantCulture);
    private static string BuyerId(int n) => "UA-EDR-" + Edrpou(n);
    private static string SupplierId(int n) => "UA-EDR-" + Edrpou(Buyers + n);
    private static string BuyerName(int n) => $"Комунальне підприємство «Служба замовника №{n}»";
    private static string SupplierName(int n) => $"ТОВ «Постачальник {n}»";

    private static void WriteRelease(Utf8JsonWriter w, Random random, long index)
    {
        var published = new DateTime(2022, 1, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(index % 1_000_000 * 0.75);
        var ocid = $"ocds-be6bcu-UA-{published:yyyy-MM-dd}-{index:D7}-a";
        var buyer = random.Next(Buyers);
        var (method, details) = Methods[random.Next(Methods.Length)];
        var status = random.Next(100) switch { < 2 => "cancelled", < 5 => "active", _ => "complete" };
        var start = published.AddHours(random.Next(1, 48));
        var end = start.AddDays(random.Next(100) < 12 ? random.Next(2, 15) : random.Next(15, 40));
        var itemCount = random.Next(1, 5);
        var items = new (string Code, string Description, string Unit, int Quantity)[itemCount];
        for (var k = 0; k < itemCount; k++)
        {
            var c = Classifications[random.Next(Classifications.Length)];
            items[k] = (c.Code, c.Description, c.Unit, random.Next(1, 500));
        }
        var estimate = Math.Round(random.NextDouble() * 2_000_000 + 5_000, 2);

        var bidCount = random.Next(100) < 15 ? 1 : random.Next(2, 9);
        var bids = new (int Supplier, double Amount, string Status, DateTime Date)[bidCount];
        for (var b = 0; b < bidCount; b++)
        {
            var supplier = random.Next(Suppliers);
            var amount = random.Next(100) < 3 && b > 0 ? bids[0].Amount : Math.Round(estimate * (0.7 + random.NextDouble() * 0.3), 2);
            var bidStatus = random.Next(100) switch { < 10 => "disqualified", < 13 => "pending", _ => "valid" };
            var date = random.Next(100) < 2 ? end.AddHours(random.Next(1, 72)) : start.AddHours(random.Next(1, Math.Max(2, (int)(end - start).TotalHours)));
            bids[b] = (supplier, amount, bidStatus, date);
        }
        var winner = -1;
        for (var b = 0; b < bidCount; b++)
            if (bids[b].Status == "valid" && (winner < 0 || bids[b].Amount < bids[winner].Amount)) winner = b;
        if (winner < 0) winner = 0;

        var awardCount = random.Next(100) < 75 ? 1 : random.Next(2, 4);

        w.WriteStartObject();
        w.WriteString("ocid"u8, ocid);
        w.WriteString("id"u8, $"{ocid}-{published:yyyyMMddHHmmss}");
        w.WriteString("date"u8, published);
        w.WriteStartArray("tag"u8);
        w.WriteStringValue("compiled"u8);
        w.WriteEndArray();
        w.WriteString("initiationType"u8, "tender"u8);
        w.WriteString("language"u8, "uk"u8);

        w.WriteStartArray("parties"u8);
        WriteParty(w, BuyerId(buyer), BuyerName(buyer), buyer, random, ["buyer", "procuringEntity"], contact: true);
        var seen = new HashSet<int>();
        foreach (var bid in bids)
            if (seen.Add(bid.Supplier))
                WriteParty(w, SupplierId(bid.Supplier), SupplierName(bid.Supplier), Buyers + bid.Supplier, random, ["tenderer"], contact: false);
        w.WriteEndArray();

        w.WriteStartObject("buyer"u8);
        w.WriteString("id"u8, BuyerId(buyer));
        w.WriteString("name"u8, BuyerName(buyer));
        w.WriteEndObject();

        w.WriteStartObject("tender"u8);
        w.WriteString("id"u8, Guid.CreateVersion7(published).ToString("N"));
        w.WriteString("title"u8, $"{items[0].Description} ({itemCount} поз.)");
        w.WriteString("status"u8, status);
        w.WriteString("procurementMethod"u8, method);
        w.WriteString("procurementMethodDetails"u8, details);
        w.WriteString("mainProcurementCategory"u8, items[0].Unit == "послуга" ? "services" : "goods");
        w.WriteNumber("numberOfTenderers"u8, seen.Count);
        WriteValue(w, "value"u8, estimate);
        w.WriteStartObject("tenderPeriod"u8);
        w.WriteString("startDate"u8, start.ToString("yyyy-MM-dd'T'HH:mm:ss'+02:00'", CultureInfo.InvariantCulture));
        w.WriteString("endDate"u8, end.ToString("yyyy-MM-dd'T'HH:mm:ss'+02:00'", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteStartObject("procuringEntity"u8);
        w.WriteString("id"u8, BuyerId(buyer));
        w.WriteString("name"u8, BuyerName(buyer));
        w.WriteEndObject();
        WriteItems(w, items);
        w.WriteEndObject();

        w.WriteStartObject("bids"u8);
        w.WriteStartArray("details"u8);
        for (var b = 0; b < bidCount; b++)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, $"{ocid}-bid-{b + 1}");
            w.WriteString("date"u8, bids[b].Date.ToString("yyyy-MM-dd'T'HH:mm:ss'+02:00'", CultureInfo.InvariantCulture));
            w.WriteString("status"u8, bids[b].Status);
            WriteValue(w, "value"u8, bids[b].Amount);
            w.WriteStartArray("tenderers"u8);
            w.WriteStartObject();
            w.WriteString("id"u8, SupplierId(bids[b].Supplier));
            w.WriteString("name"u8, SupplierName(bids[b].Supplier));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("awards"u8);
        for (var a = 0; a < awardCount; a++)
        {
            // Earlier attempts were cancelled or unsuccessful; the last one is active (or still pending now and then).
            var last = a == awardCount - 1;
            var awardStatus = !last ? (random.Next(2) == 0 ? "cancelled" : "unsuccessful") : random.Next(100) < 4 ? "pending" : "active";
            var bid = last ? bids[winner] : bids[random.Next(bidCount)];
            w.WriteStartObject();
            w.WriteString("id"u8, $"{ocid}-award-{a + 1}");
            w.WriteString("status"u8, awardStatus);
            w.WriteString("date"u8, end.AddDays(a + 1));
            WriteValue(w, "value"u8, bid.Amount);
            w.WriteStartArray("suppliers"u8);
            w.WriteStartObject();
            w.WriteString("id"u8, SupplierId(bid.Supplier));
            w.WriteString("name"u8, SupplierName(bid.Supplier));
            w.WriteEndObject();
            w.WriteEndArray();
            WriteItems(w, items, brief: true);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("contracts"u8);
        w.WriteStartObject();
        w.WriteString("id"u8, $"{ocid}-contract-1");
        w.WriteString("awardID"u8, $"{ocid}-award-{awardCount}");
        w.WriteString("status"u8, status == "complete" ? "active" : "pending");
        WriteValue(w, "value"u8, bids[winner].Amount);
        w.WriteString("dateSigned"u8, end.AddDays(awardCount + 3));
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteEndObject();
    }

    private static void WriteParty(Utf8JsonWriter w, string id, string name, int n, Random random, string[] roles, bool contact)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, id);
        w.WriteString("name"u8, name);
        w.WriteStartObject("identifier"u8);
        w.WriteString("scheme"u8, "UA-EDR"u8);
        w.WriteString("id"u8, id[7..]);
        w.WriteEndObject();
        w.WriteStartObject("address"u8);
        w.WriteString("locality"u8, Localities[n % Localities.Length]);
        w.WriteString("region"u8, Regions[n % Regions.Length]);
        w.WriteString("countryName"u8, "Україна"u8);
        w.WriteEndObject();
        if (contact)
        {
            w.WriteStartObject("contactPoint"u8);
            w.WriteString("name"u8, $"Контактна особа {n}");
            w.WriteString("email"u8, $"tender{n}@example.org");
            w.WriteString("telephone"u8, $"+38044{random.Next(1_000_000, 9_999_999)}");
            w.WriteEndObject();
        }
        w.WriteStartArray("roles"u8);
        foreach (var role in roles) w.WriteStringValue(role);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteItems(Utf8JsonWriter w, (string Code, string Description, string Unit, int Quantity)[] items, bool brief = false)
    {
        w.WriteStartArray("items"u8);
        for (var k = 0; k < items.Length; k++)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, (k + 1).ToString(CultureInfo.InvariantCulture));
            if (!brief) w.WriteString("description"u8, items[k].Description);
            w.WriteStartObject("classification"u8);
            w.WriteString("scheme"u8, "ДК021"u8);
            w.WriteString("id"u8, items[k].Code);
            if (!brief) w.WriteString("description"u8, items[k].Description);
            w.WriteEndObject();
            w.WriteNumber("quantity"u8, items[k].Quantity);
            w.WriteStartObject("unit"u8);
            w.WriteString("name"u8, items[k].Unit);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, ReadOnlySpan<byte> name, double amount)
    {
        w.WriteStartObject(name);
        w.WriteNumber("amount"u8, amount);
        w.WriteString("currency"u8, "UAH"u8);
        w.WriteEndObject();
    }
}
