namespace ProcurementAudit.Reports.Composition;

/// <summary>Document information written into the PDF. <see cref="CreatedAt"/> is the only clock the output sees.</summary>
public sealed record DocumentMetadata(string Title, DateTimeOffset CreatedAt)
{
    public string? Author { get; init; }
    public string? Subject { get; init; }
    public string? Keywords { get; init; }
    public string Creator { get; init; } = "ProcurementAudit";
}

/// <summary>A page size in PDF points.</summary>
public readonly record struct PageSize(float Width, float Height)
{
    public static readonly PageSize A4 = new(595.28f, 841.89f);
    public PageSize Landscape() => Width > Height ? this : new(Height, Width);
}

/// <summary>
/// Composes a paged PDF in the manner of QuestPDF: a header and footer on every page around a flowing content.
/// <code>
/// var pdf = PdfDocumentBuilder.Create(meta)
///     .Header(h => h.SplitLine("Звіт", "01.01.2025"))
///     .Content(c => { c.Heading("Зведення"); c.Paragraph("..."); c.Table(columns, rows); })
///     .Footer("ProcurementAudit", pageNumbers: true)
///     .ToPdfBytes();
/// </code>
/// </summary>
public sealed class PdfDocumentBuilder
{
    internal DocumentMetadata Metadata { get; }
    internal ReportRenderOptions Options { get; }
    internal PageSize Size { get; private set; } = Composition.PageSize.A4;
    internal float Margin { get; private set; } = 40;
    internal ContentBuilder HeaderContent { get; } = new();
    internal ContentBuilder BodyContent { get; } = new();
    internal string? FooterText { get; private set; }
    internal string? PageNumberFormat { get; private set; } = DefaultPageNumberFormat;

    /// <summary>"Page {0} of {1}" in Ukrainian; {0} is the page, {1} the total.</summary>
    public const string DefaultPageNumberFormat = "Сторінка {0} з {1}";

    private PdfDocumentBuilder(DocumentMetadata metadata, ReportRenderOptions options) => (Metadata, Options) = (metadata, options);

    public static PdfDocumentBuilder Create(DocumentMetadata metadata, ReportRenderOptions? options = null) =>
        new(metadata, options ?? ReportRenderOptions.Default);

    public PdfDocumentBuilder Page(PageSize size)
    {
        Size = size;
        return this;
    }

    public PdfDocumentBuilder Margins(float points)
    {
        Margin = points;
        return this;
    }

    /// <summary>Content drawn at the top of every page; it should be short (it is not paginated).</summary>
    public PdfDocumentBuilder Header(Action<ContentBuilder> compose)
    {
        compose(HeaderContent);
        return this;
    }

    /// <summary>The flowing body; may be called more than once to append.</summary>
    public PdfDocumentBuilder Content(Action<ContentBuilder> compose)
    {
        compose(BodyContent);
        return this;
    }

    /// <summary>A rule and one line at the bottom of every page: the text on the left, "Сторінка X з Y" on the right.</summary>
    public PdfDocumentBuilder Footer(string? text = null, bool pageNumbers = true, string pageNumberFormat = DefaultPageNumberFormat)
    {
        FooterText = text;
        PageNumberFormat = pageNumbers ? pageNumberFormat : null;
        return this;
    }

    public byte[] ToPdfBytes()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    public void WriteTo(Stream output) => PdfRenderer.Render(this, output);

    /// <summary>One page as a PNG, drawn by the same layout as the PDF (for catalogue previews).</summary>
    public byte[] ToPng(int pageNumber = 1, float dpi = 96) => PdfRenderer.RenderPng(this, pageNumber, dpi);
}
