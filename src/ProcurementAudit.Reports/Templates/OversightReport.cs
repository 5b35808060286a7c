using ProcurementAudit.Reports.Composition;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Reports.Templates;

/// <summary>The oversight report for a scope and period (see DOMAIN.md, "Oversight reports").</summary>
public static class OversightReport
{
    public const string Title = "Звіт про нагляд";
    public const string EnglishTitle = "Oversight report";

    public static byte[] Render(OversightReportModel model, ReportRenderOptions? options = null) =>
        Compose(model, options).ToPdfBytes();

    public static PdfDocumentBuilder Compose(OversightReportModel model, ReportRenderOptions? options = null)
    {
        var period = ReportLayout.Period(model.Period);
        return ReportLayout.Start(Title, EnglishTitle, $"{model.ScopeName} · {period}", model.GeneratedAt, model.DataAsOf, options)
            .Content(c =>
            {
                List<(string, string)> facts =
                [
                    (model.ScopeKind == OversightScopeKind.Conglomerate ? "Концерн / Conglomerate" : "Підприємство / Enterprise", model.ScopeName),
                    ("Період / Period", period),
                    ("Сформовано / Generated", Format.DateTime(model.GeneratedAt)),
                    ("Дані станом на / Data as of", Format.DateTime(model.DataAsOf)),
                ];
                if (model.RequestedBy is { Length: > 0 } by) facts.Add(("Замовник / Requested by", by));
                ReportLayout.TitleBlock(c, Title, EnglishTitle, facts);

                ReportLayout.Section(c, 1, "Зведення", "Summary");
                if (model.Headlines.Count > 0) c.KeyValues(model.Headlines.Select(h => KeyValuePair.Create(h.Label, h.Value)), keyShare: 0.55f);
                if (model.FlagsByCode.Count > 0)
                {
                    c.BarChart("Прапорці за кодом індикатора / Flags per indicator",
                        model.FlagsByCode.Select(f => new ChartPoint(f.Code, f.Total)).ToArray());
                    c.Table(
                        [new("Код", 1.6f), new("Індикатор", 3.2f), new("Усього", 0.9f, TextAlign.Right), new("Відкриті", 1, TextAlign.Right),
                         new("Підтверджені", 1.45f, TextAlign.Right), new("Відхилені", 1.1f, TextAlign.Right)],
                        model.FlagsByCode.Select(f => (IReadOnlyList<string>)
                            [f.Code, f.Description, Format.Integer(f.Total), Format.Integer(f.Open), Format.Integer(f.Confirmed), Format.Integer(f.Dismissed)]));
                }
                if (model.FlagsByMonth.Count > 1)
                {
                    c.LineChart("Прапорці за місяцями / Flags per month",
                        model.FlagsByMonth.Select(m => m.Month).ToArray(),
                        [
                            new ChartSeries("Закупівлі", model.FlagsByMonth.Select(m => (double)m.Tenders).ToArray()),
                            new ChartSeries("Оренда", model.FlagsByMonth.Select(m => (double)m.Auctions).ToArray()),
                            new ChartSeries("Конкурси", model.FlagsByMonth.Select(m => (double)m.Competitions).ToArray()),
                        ]);
                }

                ReportLayout.Section(c, 2, "Метод і джерела", "Method and sources");
                if (model.MethodAndSources.Length > 0) c.Paragraph(model.MethodAndSources);
                c.Paragraph("Прапорець означає «подивіться сюди», а не висновок: кожен прапорець переглядає людина. " +
                    "Справжність цього файлу можна перевірити в сервісі за його SHA-256. / A flag means \"look here\", never a verdict.",
                    ReportLayout.Muted);

                ReportLayout.Section(c, 3, "Процедури з прапорцями", "Flagged procedures");
                if (model.FlaggedProcedures.Count == 0) ReportLayout.None(c);
                else
                {
                    c.Table(
                        [new("ID", 1.5f), new("Підприємство", 2.2f), new("Вид", 1.05f), new("Етап", 1.1f), new("Прапорці", 1.7f),
                         new("Вартість", 1.75f, TextAlign.Right), new("Перегляд", 1.3f)],
                        model.FlaggedProcedures.Select(p => (IReadOnlyList<string>)
                            [p.ProcedureId, p.Enterprise, p.Kind, p.Stage, string.Join(", ", p.FlagCodes), ReportLayout.Money(p.Value), p.ReviewStatus]),
                        fontSize: 7.5f);
                }

                ReportLayout.Section(c, 4, "Докази за прапорцями", "Evidence per flag");
                ReportLayout.Evidence(c, model.Evidence);

                ReportLayout.Section(c, 5, "Думки спостерігачів і відповіді організаторів", "Observer opinions and answers");
                ReportLayout.Opinions(c, model.Opinions, showProcedure: true);

                ReportLayout.Section(c, 6, "Рекомендації та стан виконання", "Recommendations and follow-up");
                if (model.Recommendations.Count == 0) ReportLayout.None(c);
                else
                {
                    c.Table(
                        [new("№", 0.4f, TextAlign.Right), new("Рекомендація", 4), new("Відповідальний", 1.5f), new("Строк", 1), new("Стан", 1.2f)],
                        model.Recommendations.Select((r, i) => (IReadOnlyList<string>)
                            [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Text, r.Owner ?? "—",
                             r.Due is { } due ? Format.Date(due) : "—", r.FollowUpStatus]));
                }

                c.PageBreak();
                ReportLayout.Section(c, 7, "Додатки", "Annexes");
                ReportLayout.Annexes(c, model.Annexes);
            });
    }
}
