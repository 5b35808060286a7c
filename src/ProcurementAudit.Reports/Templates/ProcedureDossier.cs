using System.Globalization;
using ProcurementAudit.Reports.Composition;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Reports.Templates;

/// <summary>One procedure end to end: facts, timeline, bids or scores, flags, observations, audit trail.</summary>
public static class ProcedureDossier
{
    public const string Title = "Досьє процедури";
    public const string EnglishTitle = "Procedure dossier";

    public static byte[] Render(ProcedureDossierModel model, ReportRenderOptions? options = null) =>
        Compose(model, options).ToPdfBytes();

    public static PdfDocumentBuilder Compose(ProcedureDossierModel model, ReportRenderOptions? options = null)
    {
        var kind = model.Kind switch
        {
            DossierProcedureKind.Tender => "Закупівля / Tender",
            DossierProcedureKind.Auction => "Аукціон з оренди / Lease auction",
            _ => "Конкурс на посаду директора / Director competition",
        };
        return ReportLayout.Start(Title, EnglishTitle, model.ProcedureId, model.GeneratedAt, model.DataAsOf, options)
            .Content(c =>
            {
                List<(string, string)> facts =
                [
                    ("Процедура / Procedure", model.ProcedureId),
                    ("Вид / Kind", kind),
                    ("Назва / Title", model.Title),
                    ("Підприємство / Enterprise", model.Enterprise),
                    ("Етап / Stage", model.Stage),
                    ("Сформовано / Generated", Format.DateTime(model.GeneratedAt)),
                    ("Дані станом на / Data as of", Format.DateTime(model.DataAsOf)),
                ];
                if (model.RequestedBy is { Length: > 0 } by) facts.Add(("Замовник / Requested by", by));
                facts.AddRange(model.Facts.Select(f => (f.Label, f.Value)));
                ReportLayout.TitleBlock(c, Title, EnglishTitle, facts);

                ReportLayout.Section(c, 1, "Хронологія", "Timeline");
                if (model.Timeline.Count == 0) ReportLayout.None(c);
                else
                {
                    c.Table([new("Дата", 1.3f), new("Подія", 2.2f), new("Деталі", 3.5f)],
                        model.Timeline.Select(t => (IReadOnlyList<string>)[Format.DateTime(t.At), t.Event, t.Detail ?? ""]));
                }

                if (model.Kind == DossierProcedureKind.Competition)
                {
                    ReportLayout.Section(c, 2, "Оцінки кандидатів", "Scores");
                    Scores(c, model.Scores);
                }
                else
                {
                    ReportLayout.Section(c, 2, model.Kind == DossierProcedureKind.Tender ? "Пропозиції" : "Ставки", "Bids");
                    if (model.Bids.Count == 0) ReportLayout.None(c);
                    else
                    {
                        c.Table(
                            [new("Учасник", 2.6f), new("Сума", 1.6f, TextAlign.Right), new("Подано", 1.4f), new("Статус", 1.1f), new("Примітка", 2)],
                            model.Bids.Select(b => (IReadOnlyList<string>)
                                [b.Bidder, b.Amount is null ? "прихована / sealed" : ReportLayout.Money(b.Amount),
                                 b.SubmittedAt is { } at ? Format.DateTime(at) : "—", b.Status, b.Note ?? ""]));
                    }
                }

                ReportLayout.Section(c, 3, "Прапорці та докази", "Flags and evidence");
                ReportLayout.Evidence(c, model.Flags, showProcedure: false);

                ReportLayout.Section(c, 4, "Спостереження", "Observations");
                ReportLayout.Opinions(c, model.Observations, showProcedure: false);

                ReportLayout.Section(c, 5, "Журнал аудиту (витяг)", "Audit trail extract");
                if (model.AuditTrail.Count == 0) ReportLayout.None(c);
                else
                {
                    c.Table([new("Час", 1.3f), new("Хто", 1.6f), new("Дія", 1.6f), new("Деталі", 3)],
                        model.AuditTrail.Select(a => (IReadOnlyList<string>)[Format.DateTime(a.At), a.Actor, a.Action, a.Detail ?? ""]));
                }
            });
    }

    private static void Scores(ContentBuilder c, ScoreSheet? sheet)
    {
        if (sheet is null || sheet.Rows.Count == 0)
        {
            ReportLayout.None(c, "Оцінок немає або вони ще приховані / No scores yet, or still sealed.");
            return;
        }
        List<TableColumn> columns = [new("Кандидат", 2.2f)];
        columns.AddRange(sheet.Criteria.Select(k => new TableColumn(k, 1, TextAlign.Right)));
        columns.AddRange([new("Разом", 1, TextAlign.Right), new("Місце", 0.7f, TextAlign.Right), new("Примітка", 1.6f)]);
        c.Table(columns, sheet.Rows.Select(r =>
        {
            if (r.Scores.Count != sheet.Criteria.Count)
                throw new ArgumentException($"Scores of '{r.Candidate}' have {r.Scores.Count} values for {sheet.Criteria.Count} criteria.", nameof(sheet));
            List<string> row = [r.Candidate];
            row.AddRange(r.Scores.Select(Score));
            row.AddRange([Score(r.Total), r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", r.Note ?? ""]);
            return (IReadOnlyList<string>)row;
        }));
    }

    private static string Score(decimal? value) => value is { } v ? Format.Decimal(v, 2) : "—";
}
