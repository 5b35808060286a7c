using ProcurementAudit.Reports.Composition;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Reports.Templates;

/// <summary>What the three reports share: running header and footer, title block, section headings, evidence and opinions.</summary>
internal static class ReportLayout
{
    private static readonly TextStyle HeaderStyle = TextStyle.Default.WithSize(8).WithColor(Color.Grey);
    private static readonly TextStyle Subtitle = TextStyle.Default.WithSize(11).WithColor(Color.Grey);
    internal static readonly TextStyle Small = TextStyle.Default.WithSize(8.5f);
    internal static readonly TextStyle Muted = TextStyle.Default.WithSize(9).WithColor(Color.Grey);

    public static PdfDocumentBuilder Start(string title, string englishTitle, string scope, DateTimeOffset generatedAt,
        DateTimeOffset dataAsOf, ReportRenderOptions? options)
    {
        var metadata = new DocumentMetadata($"{title} — {scope}", generatedAt)
        {
            Author = "ProcurementAudit",
            Subject = englishTitle,
            Keywords = "ProcurementAudit; oversight; red flags",
        };
        return PdfDocumentBuilder.Create(metadata, options)
            .Header(h =>
            {
                h.SplitLine($"{title} · {scope}", $"Сформовано {Format.DateTime(generatedAt)}", HeaderStyle);
                h.Rule();
            })
            .Footer($"ProcurementAudit · дані станом на {Format.DateTime(dataAsOf)}", pageNumbers: true);
    }

    public static void TitleBlock(ContentBuilder c, string title, string englishTitle, IEnumerable<(string Key, string Value)> facts)
    {
        c.Text(title, TextStyle.Default.WithSize(22).AsBold());
        c.Paragraph(englishTitle, Subtitle);
        c.KeyValues(facts.ToArray());
    }

    public static void Section(ContentBuilder c, int number, string ukrainian, string english) =>
        c.Heading($"{number}. {ukrainian} / {english}", 2);

    public static void None(ContentBuilder c, string text = "Записів немає / None.") => c.Paragraph(text, Muted);

    public static string Money(MoneyAmount? amount) => amount is { } m ? Format.Money(m.Minor, m.Currency) : "—";

    public static string Period(ReportPeriod p) => $"{Format.Date(p.From)} – {Format.Date(p.To)}";

    public static void Evidence(ContentBuilder c, IReadOnlyList<FlagEvidence> flags, bool showProcedure = true)
    {
        if (flags.Count == 0)
        {
            None(c, "Прапорців немає / No flags.");
            return;
        }
        List<TableColumn> columns = [];
        if (showProcedure) columns.Add(new("Процедура", 1.5f));
        columns.AddRange([new("Код", 1.45f), new("Пояснення", 2.6f), new("Докази (значення)", 2.3f), new("Перегляд", 1.5f)]);
        c.Table(columns, flags.Select(f =>
        {
            List<string> row = [];
            if (showProcedure) row.Add(f.ProcedureId);
            row.Add($"{f.Code} v{f.IndicatorVersion}");
            row.Add(f.Explanation);
            row.Add(string.Join("\n", f.Evidence.Select(e => $"{e.Label}: {e.Value}")));
            row.Add(f.ReviewNote is { Length: > 0 } note ? $"{f.ReviewStatus}: {note}" : f.ReviewStatus);
            return (IReadOnlyList<string>)row;
        }), fontSize: 7.5f);
    }

    public static void Opinions(ContentBuilder c, IReadOnlyList<OpinionEntry> opinions, bool showProcedure)
    {
        if (opinions.Count == 0)
        {
            None(c);
            return;
        }
        foreach (var o in opinions)
        {
            var about = showProcedure ? $"{o.ProcedureId} · " : "";
            c.Heading($"{about}{o.Kind} · {o.Author} · {Format.DateTime(o.At)}", 3);
            c.Paragraph(o.Text);
            if (o.Answer is { Length: > 0 } answer)
            {
                var who = o.AnsweredBy is { Length: > 0 } by ? $"{by}, " : "";
                var when = o.AnsweredAt is { } at ? Format.DateTime(at) : "";
                c.Text($"Відповідь організатора ({who}{when}):", Small.AsBold());
                c.Paragraph(answer);
            }
            else
            {
                c.Paragraph("Відповіді організатора немає / No answer from the organiser.", TextStyle.Default.WithColor(Color.Red).AsBold());
            }
        }
    }

    public static void Annexes(ContentBuilder c, IReadOnlyList<Annex> annexes)
    {
        if (annexes.Count == 0)
        {
            None(c);
            return;
        }
        var n = 0;
        foreach (var annex in annexes)
        {
            c.Heading($"Додаток {++n}. {annex.Title}", 3);
            if (annex.Text is { Length: > 0 } text) c.Paragraph(text);
            if (annex.Table is { Headers.Count: > 0 } table)
                c.Table(table.Headers.Select(h => new TableColumn(h)).ToArray(), table.Rows);
        }
    }
}
