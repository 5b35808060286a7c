using ProcurementAudit.Reports.Composition;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Reports.Templates;

/// <summary>The observer report for a director competition: observers, attendance, opinions and the organiser's answers.</summary>
public static class ObserverReport
{
    public const string Title = "Звіт спостерігачів";
    public const string EnglishTitle = "Observer report";

    public static byte[] Render(ObserverReportModel model, ReportRenderOptions? options = null) =>
        Compose(model, options).ToPdfBytes();

    public static PdfDocumentBuilder Compose(ObserverReportModel model, ReportRenderOptions? options = null) =>
        ReportLayout.Start(Title, EnglishTitle, model.CompetitionId, model.GeneratedAt, model.DataAsOf, options)
            .Content(c =>
            {
                List<(string, string)> facts =
                [
                    ("Конкурс / Competition", model.CompetitionId),
                    ("Підприємство / Enterprise", model.Enterprise),
                    ("Посада / Post", model.Post),
                    ("Стан / Status", model.Status),
                    ("Сформовано / Generated", Format.DateTime(model.GeneratedAt)),
                    ("Дані станом на / Data as of", Format.DateTime(model.DataAsOf)),
                ];
                if (model.RequestedBy is { Length: > 0 } by) facts.Add(("Замовник / Requested by", by));
                facts.AddRange(model.Facts.Select(f => (f.Label, f.Value)));
                ReportLayout.TitleBlock(c, Title, EnglishTitle, facts);

                var answered = model.Opinions.Count(o => o.Answer is { Length: > 0 });
                c.KeyValues(
                    [
                        KeyValuePair.Create("Спостерігачів / Observers", Format.Integer(model.Observers.Count)),
                        KeyValuePair.Create("Думок / Opinions", Format.Integer(model.Opinions.Count)),
                        KeyValuePair.Create("З відповіддю / Answered", Format.Integer(answered)),
                        KeyValuePair.Create("Без відповіді / Unanswered", Format.Integer(model.Opinions.Count - answered)),
                    ]);

                ReportLayout.Section(c, 1, "Спостерігачі", "Observers");
                if (model.Observers.Count == 0) ReportLayout.None(c);
                else
                {
                    c.Table([new("Організація", 2.6f), new("Тип", 1.2f), new("Представник", 2), new("Акредитація", 2)],
                        model.Observers.Select(o => (IReadOnlyList<string>)[o.Organisation, o.Kind, o.Representative ?? "—", o.Accreditation]));
                }

                ReportLayout.Section(c, 2, "Присутність", "Attendance");
                if (model.Attendance.Count == 0) ReportLayout.None(c);
                else
                {
                    c.Table([new("Засідання", 2.4f), new("Дата", 1), new("Спостерігач", 2.4f), new("Присутність", 1.1f), new("Примітка", 1.8f)],
                        model.Attendance.Select(a => (IReadOnlyList<string>)
                            [a.Session, Format.Date(a.Date), a.Observer, a.Present ? "присутній" : "відсутній", a.Note ?? ""]));
                }

                ReportLayout.Section(c, 3, "Думки та відповіді організатора", "Opinions and answers");
                ReportLayout.Opinions(c, model.Opinions, showProcedure: false);

                ReportLayout.Section(c, 4, "Прапорці конкурсу", "Competition flags");
                ReportLayout.Evidence(c, model.Flags, showProcedure: false);
            });
}
