using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Core.Reporting;

/// <summary>Wording and small loaders the report queries share; the templates only lay out what these produce.</summary>
internal static class ReportText
{
    public static string ProcedureRef(ProcedureKind kind, int id) => kind switch
    {
        ProcedureKind.Tender => $"T-{id}",
        ProcedureKind.Auction => $"A-{id}",
        _ => $"C-{id}",
    };

    public static string Kind(ProcedureKind kind) => kind switch
    {
        ProcedureKind.Tender => "Закупівля",
        ProcedureKind.Auction => "Оренда",
        _ => "Конкурс",
    };

    public static string Review(FlagStatus status) => status switch
    {
        FlagStatus.Open => "Відкритий",
        FlagStatus.Confirmed => "Підтверджено",
        FlagStatus.Dismissed => "Відхилено",
        _ => "Знято",
    };

    public static string Stage(TenderStatus status) => status switch
    {
        TenderStatus.Planning => "Планування",
        TenderStatus.Active => "Триває",
        TenderStatus.Complete => "Завершено",
        TenderStatus.Unsuccessful => "Не відбулася",
        _ => "Скасовано",
    };

    public static string Stage(AuctionStatus status) => status switch
    {
        AuctionStatus.Announced => "Оголошено",
        AuctionStatus.Concluded => "Завершено",
        AuctionStatus.Failed => "Не відбувся",
        _ => "Скасовано",
    };

    public static string Stage(CompetitionStatus status) => status switch
    {
        CompetitionStatus.Draft => "Чернетка",
        CompetitionStatus.Announced => "Оголошено",
        CompetitionStatus.ApplicationsClosed => "Прийом заяв завершено",
        CompetitionStatus.Scoring => "Оцінювання",
        CompetitionStatus.Decided => "Рішення ухвалено",
        CompetitionStatus.Published => "Результати опубліковано",
        _ => "Скасовано",
    };

    public static string Opinion(OpinionKind kind) => kind switch
    {
        OpinionKind.Support => "Підтримка",
        OpinionKind.Concern => "Занепокоєння",
        _ => "Заперечення",
    };

    public static string Observer(ObserverKind kind) => kind switch
    {
        ObserverKind.Ngo => "ГО",
        ObserverKind.Embassy => "Посольство",
        ObserverKind.Parliament => "Парламент",
        _ => "Міжнародна організація",
    };

    public static string Review(FlagStatus status, string? note) => note is { Length: > 0 } ? $"{Review(status)}: {note}" : Review(status);

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>The values that fired a flag, top-level JSON properties in their stored order.</summary>
    public static IReadOnlyList<LabeledValue> Evidence(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new LabeledValue("evidence", doc.RootElement.GetRawText())];
            return [.. doc.RootElement.EnumerateObject().Select(p => new LabeledValue(p.Name, Value(p.Value)))];
        }
        catch (JsonException)
        {
            return [new LabeledValue("evidence", json)];
        }
    }

    private static string Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l.ToString("N0", Uk) : e.GetDecimal().ToString("0.####", Uk),
        JsonValueKind.True => "так",
        JsonValueKind.False => "ні",
        JsonValueKind.Null => "—",
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Take(20).Select(Value)) + (e.GetArrayLength() > 20 ? $" … (+{e.GetArrayLength() - 20})" : ""),
        _ => e.GetRawText(),
    };

    public static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("uk-UA");

    public static FlagEvidence ToEvidence(Flag f) => new(
        ProcedureRef(f.ProcedureKind, f.ProcedureId) + (f.SubjectKey.Length > 0 ? $" ({f.SubjectKey})" : ""),
        f.Code, f.IndicatorVersion, f.Explanation, Evidence(f.EvidenceJson), Review(f.Status), f.ReviewReason);

    /// <summary>Flag comments of monitors and auditors, as observations.</summary>
    public static async Task<List<OpinionEntry>> FlagCommentsAsync(AuditDbContext db, IReadOnlyCollection<long> flagIds, Dictionary<long, string> procedureOf, CancellationToken ct)
    {
        if (flagIds.Count == 0) return [];
        var comments = await db.FlagEvents.AsNoTracking()
            .Where(e => e.Kind == FlagEventKind.Commented && flagIds.Contains(e.FlagId))
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        return [.. comments.Select(e => new OpinionEntry(procedureOf[e.FlagId], e.Actor, Utc(e.At), "Коментар до прапорця", e.Text ?? ""))];
    }

    /// <summary>The data's as-of time: the latest recorded change or flag, else now.</summary>
    public static async Task<DateTimeOffset> DataAsOfAsync(AuditDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var audit = await db.AuditTrail.MaxAsync(e => (DateTime?)e.At, ct);
        var flags = await db.Flags.MaxAsync(f => (DateTime?)f.RaisedAt, ct);
        var latest = new[] { audit, flags }.Max();
        return latest is { } at ? Utc(at) : clock.GetUtcNow();
    }

    public static string Requester(ICurrentActor actor) => actor.IsSystem ? "система / system" : actor.Id;

    public static string IndicatorTitle(IndicatorCatalog catalog, string code) => catalog.Find(code)?.Title ?? code;
}
