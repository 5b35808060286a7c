using System.Globalization;
using ProcurementAudit.Reports.Composition;
using UglyToad.PdfPig;

namespace ProcurementAudit.Reports.Tests;

public class ComposerTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static DocumentMetadata Meta(DateTimeOffset? created = null) => new("Звіт про нагляд", created ?? Created);

    private static readonly TableColumn[] Columns =
        [new("Номер рядка", 1), new("Підприємство", 3), new("Сума", 1.5f, TextAlign.Right)];

    private static IEnumerable<IReadOnlyList<string>> Rows(int count) =>
        Enumerable.Range(1, count).Select(i => (IReadOnlyList<string>)
            [$"R{i:0000}", $"ДП «Завод {i}»", Format.Money(i * 100_00L)]);

    private static byte[] LongTable(int rows, string? format = null) =>
        PdfDocumentBuilder.Create(Meta())
            .Header(h => h.SplitLine("Заголовок сторінки", "01.03.2025"))
            .Content(c =>
            {
                c.Heading("Звіт про нагляд");
                c.Table(Columns, Rows(rows));
            })
            .Footer("ProcurementAudit", pageNumbers: true, pageNumberFormat: format ?? PdfDocumentBuilder.DefaultPageNumberFormat)
            .ToPdfBytes();

    [Fact]
    public void Ukrainian_text_reads_back_exactly()
    {
        var pdf = PdfDocumentBuilder.Create(Meta())
            .Content(c =>
            {
                c.Heading("Звіт про нагляд");
                c.Paragraph("Постачальник ТОВ «Укрспецпостач» виграв усі лоти; ґанок, їжак, єнот, ІПН.");
            })
            .ToPdfBytes();

        var text = PdfText.All(pdf);
        Assert.Contains("Звіт про нагляд", text, StringComparison.Ordinal);
        Assert.Contains("ТОВ «Укрспецпостач»", text, StringComparison.Ordinal);
        Assert.Contains("ґанок, їжак, єнот, ІПН", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_are_embedded_from_the_repository_copy()
    {
        var pdf = PdfDocumentBuilder.Create(Meta()).Content(c => c.Paragraph("Звичайний")).ToPdfBytes();

        using var document = PdfDocument.Open(pdf);
        var letter = document.GetPage(1).Letters.First(l => l.Value == "З");
        Assert.Contains("DejaVuSans", letter.FontName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_table_repeats_its_header_row_on_every_page()
    {
        var pages = PdfText.Pages(LongTable(300));

        Assert.True(pages.Count >= 4, $"300 rows should take several pages, got {pages.Count}");
        foreach (var (text, i) in pages.Select((t, i) => (t, i)))
        {
            Assert.Contains("Номер рядка", text, StringComparison.Ordinal);
            Assert.Contains("Підприємство", text, StringComparison.Ordinal);
            Assert.Contains("Сума", text, StringComparison.Ordinal);
            Assert.Contains("Заголовок сторінки", text, StringComparison.Ordinal);
        }
        // Every row appears exactly once, in order, across the pages.
        var all = string.Join("\n", pages);
        var last = -1;
        for (var i = 1; i <= 300; i++)
        {
            var at = all.IndexOf($"R{i:0000}", StringComparison.Ordinal);
            Assert.True(at > last, $"row R{i:0000} missing or out of order");
            Assert.Equal(at, all.LastIndexOf($"R{i:0000}", StringComparison.Ordinal));
            last = at;
        }
    }

    [Fact]
    public void Every_page_says_page_x_of_y()
    {
        var pages = PdfText.Pages(LongTable(300));

        for (var i = 0; i < pages.Count; i++)
            Assert.Contains($"Сторінка {i + 1} з {pages.Count}", pages[i], StringComparison.Ordinal);
    }

    [Fact]
    public void Page_number_format_can_be_english()
    {
        var pages = PdfText.Pages(LongTable(120, "Page {0} of {1}"));

        Assert.True(pages.Count > 1);
        for (var i = 0; i < pages.Count; i++)
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_is_never_split_across_pages()
    {
        // Each row is five lines tall in its first cell; rows that do not fit must move to the next page whole.
        var rows = Enumerable.Range(1, 80).Select(i => (IReadOnlyList<string>)
            [$"A{i:000}\nx\nx\nx\nZ{i:000}", $"рядок {i}", "1"]);
        var pdf = PdfDocumentBuilder.Create(Meta())
            .Content(c =>
            {
                c.Paragraph("Вступ");
                c.Table(Columns, rows);
            })
            .ToPdfBytes();

        var pages = PdfText.Pages(pdf);
        Assert.True(pages.Count > 1);
        for (var i = 1; i <= 80; i++)
        {
            var first = pages.FindIndex(p => p.Contains($"A{i:000}", StringComparison.Ordinal));
            var lastLine = pages.FindIndex(p => p.Contains($"Z{i:000}", StringComparison.Ordinal));
            Assert.True(first >= 0, $"row {i} missing");
            Assert.Equal(first, lastLine);
        }
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_and_a_different_date_does_not()
    {
        var a = LongTable(150);
        var b = LongTable(150);
        Assert.Equal(a, b);

        var later = PdfDocumentBuilder.Create(Meta(Created.AddDays(1)))
            .Header(h => h.SplitLine("Заголовок сторінки", "01.03.2025"))
            .Content(c =>
            {
                c.Heading("Звіт про нагляд");
                c.Table(Columns, Rows(150));
            })
            .Footer("ProcurementAudit")
            .ToPdfBytes();
        Assert.NotEqual(a, later);
    }

    [Fact]
    public void Metadata_carries_the_fixed_creation_date_and_producer()
    {
        using var document = PdfDocument.Open(LongTable(3));

        Assert.Equal("Звіт про нагляд", document.Information.Title);
        Assert.Equal("ProcurementAudit.Reports on SkiaSharp", document.Information.Producer);
        Assert.StartsWith("D:20250301100000", document.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void Paragraphs_wrap_within_the_margins()
    {
        var words = string.Join(" ", Enumerable.Range(1, 400).Select(i => "слово" + i.ToString(CultureInfo.InvariantCulture)));
        var pdf = PdfDocumentBuilder.Create(Meta()).Margins(50).Content(c => c.Paragraph(words)).ToPdfBytes();

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        Assert.True(letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() > 10, "expected many wrapped lines");
        Assert.All(letters, l => Assert.InRange(l.EndBaseLine.X, 49.5, page.Width - 49.5));
        Assert.Contains("слово400", PdfText.All(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_break_starts_a_new_page_without_blank_pages()
    {
        var pdf = PdfDocumentBuilder.Create(Meta())
            .Content(c =>
            {
                c.Paragraph("Перша");
                c.PageBreak();
                c.PageBreak();
                c.Paragraph("Друга");
            })
            .ToPdfBytes();

        var pages = PdfText.Pages(pdf);
        Assert.Equal(2, pages.Count);
        Assert.Contains("Перша", pages[0], StringComparison.Ordinal);
        Assert.Contains("Друга", pages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Друга", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_is_kept_with_the_table_that_follows()
    {
        // Fill the first page almost to the end, then a heading and a table: the heading must move with the table.
        var pdf = PdfDocumentBuilder.Create(Meta())
            .Content(c =>
            {
                for (var i = 0; i < 53; i++) c.Text($"рядок {i}");
                c.Heading("Таблиця після заповнення", 2);
                c.Table(Columns, Rows(5));
            })
            .ToPdfBytes();

        var pages = PdfText.Pages(pdf);
        var heading = pages.FindIndex(p => p.Contains("Таблиця після заповнення", StringComparison.Ordinal));
        var firstRow = pages.FindIndex(p => p.Contains("R0001", StringComparison.Ordinal));
        Assert.Equal(firstRow, heading);
        Assert.True(heading > 0, "the filler should have pushed the heading to page 2");
    }

    [Fact]
    public void Key_values_and_charts_render_as_text_and_vectors()
    {
        var pdf = PdfDocumentBuilder.Create(Meta())
            .Content(c =>
            {
                c.KeyValues(("Охоплення", "ДК «Укроборонпром»"), ("Період", "01.01.2025 – 31.03.2025"));
                c.BarChart("Прапорці за кодом", [new("R018", 42), new("P-SPLIT", 17), new("C-COI", 3)]);
                c.LineChart("За місяцями", ["Січ", "Лют", "Бер"], [new ChartSeries("Закупівлі", [3, 7, 12])]);
            })
            .ToPdfBytes();

        var text = PdfText.All(pdf);
        foreach (var expected in new[] { "Охоплення", "ДК «Укроборонпром»", "Прапорці за кодом", "R018", "P-SPLIT", "42", "За місяцями", "Лют", "Закупівлі" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.GetPage(1).Paths.Count >= 10, "bars, axes and the line are vector paths");
    }

    [Fact]
    public void A_page_renders_to_png_with_the_same_layout()
    {
        var builder = PdfDocumentBuilder.Create(Meta()).Content(c => c.Table(Columns, Rows(150)));

        var png = builder.ToPng(pageNumber: 2, dpi: 72);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(596, bitmap.Width);
        Assert.Equal(842, bitmap.Height);
        Assert.Equal(png, builder.ToPng(pageNumber: 2, dpi: 72));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.ToPng(pageNumber: 99));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_a_clear_error()
    {
        var builder = PdfDocumentBuilder.Create(Meta()).Content(c => c.Table(Columns, [["лише одна"]]));

        var error = Assert.Throws<ArgumentException>(() => builder.ToPdfBytes());
        Assert.Contains("row 1 has 1 cells", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fonts_folder_is_a_clear_error()
    {
        var options = new ReportRenderOptions { FontsDirectory = Path.Combine(Path.GetTempPath(), "no-fonts-" + Guid.NewGuid()) };
        var builder = PdfDocumentBuilder.Create(Meta(), options).Content(c => c.Paragraph("x"));

        var error = Assert.Throws<FileNotFoundException>(() => builder.ToPdfBytes());
        Assert.Contains("DejaVuSans.ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_can_come_from_the_repository_folder_by_option()
    {
        var options = new ReportRenderOptions { FontsDirectory = Path.Combine(RepoRoot(), "reports", "fonts") };

        var viaOption = PdfDocumentBuilder.Create(Meta(), options).Content(c => c.Paragraph("Звіт")).ToPdfBytes();
        var viaDefault = PdfDocumentBuilder.Create(Meta()).Content(c => c.Paragraph("Звіт")).ToPdfBytes();

        Assert.Equal(viaDefault, viaOption);
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "reports", "fonts", "LICENSE-DejaVu.txt")), "the licence sits beside the fonts");
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProcurementAudit.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ProcurementAudit.sln not found above the test output.");
    }
}
