using System.Globalization;
using SkiaSharp;

namespace ProcurementAudit.Reports.Composition;

/// <summary>
/// Lays the document out (first pass: every page's blocks, so the page total is known), then draws it through
/// SkiaSharp's PDF backend (second pass). Output is deterministic: the dates come from the metadata, fonts from our
/// own files, and PDF/A stays off because Skia derives the PDF/A document id from the wall clock.
/// </summary>
internal static class PdfRenderer
{
    private const float HeaderGap = 10;
    private const float FooterGap = 10;
    private static readonly TextStyle FooterStyle = TextStyle.Default.WithSize(8).WithColor(Color.Grey);
    private const string Producer = "ProcurementAudit.Reports on SkiaSharp";

    public static void Render(PdfDocumentBuilder document, Stream output)
    {
        var fonts = FontSet.Load(document.Options.ResolveFontsDirectory());
        var size = document.Size;
        var margin = document.Margin;
        var contentWidth = size.Width - 2 * margin;

        // Header height first: the content area is what remains.
        using var headerLayout = new LayoutContext(fonts, size.Height / 4);
        var headerBlocks = LayoutAll(headerLayout, document.HeaderContent, contentWidth);
        var headerHeight = headerBlocks.Sum(b => b.Height);
        var footerHeight = 6 + FooterStyle.LineHeight;
        var contentTop = margin + (headerHeight > 0 ? headerHeight + HeaderGap : 0);
        var contentHeight = size.Height - contentTop - margin - footerHeight - FooterGap;
        if (contentHeight < 72) throw new InvalidOperationException("The page header leaves less than an inch for content.");

        using var layout = new LayoutContext(fonts, contentHeight);
        var pages = Paginator.Paginate(LayoutAll(layout, document.BodyContent, contentWidth), contentHeight);

        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Metadata.Title,
            Author = document.Metadata.Author ?? "",
            Subject = document.Metadata.Subject ?? "",
            Keywords = document.Metadata.Keywords ?? "",
            Creator = document.Metadata.Creator,
            Producer = Producer,
            Creation = document.Metadata.CreatedAt.UtcDateTime,
            Modified = document.Metadata.CreatedAt.UtcDateTime,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
            PdfA = false,
        };
        using var pdf = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");

        for (var p = 0; p < pages.Count; p++)
        {
            var canvas = pdf.BeginPage(size.Width, size.Height);
            using (var draw = new DrawContext(canvas, layout))
            {
                var y = margin;
                foreach (var block in headerBlocks)
                {
                    block.Draw(draw, margin, y, contentWidth);
                    y += block.Height;
                }
                foreach (var placed in pages[p])
                    placed.Block.Draw(draw, margin, contentTop + placed.Y, contentWidth);
                DrawFooter(draw, document, margin, size.Height - margin - footerHeight, contentWidth, p + 1, pages.Count);
            }
            pdf.EndPage();
        }
        pdf.Close();
    }

    private static List<Block> LayoutAll(LayoutContext ctx, ContentBuilder content, float width)
    {
        var blocks = new List<Block>();
        foreach (var element in content.Elements) blocks.AddRange(element.Layout(ctx, width));
        return blocks;
    }

    private static void DrawFooter(DrawContext draw, PdfDocumentBuilder document, float x, float y, float width, int page, int total)
    {
        draw.Canvas.DrawLine(x, y + 3, x + width, y + 3, draw.Stroke(Color.LightGrey, 0.6f));
        var numbers = document.PageNumberFormat is { } format
            ? string.Format(CultureInfo.InvariantCulture, format, page, total)
            : "";
        var numbersWidth = draw.Layout.Measure(numbers, FooterStyle);
        if (document.FooterText is { Length: > 0 } text)
        {
            // The footer text gets what the page numbers leave, cut to one line.
            var room = width - numbersWidth - 12;
            var line = draw.Layout.Truncate(draw.Layout.Wrap(text, FooterStyle, room), 1, FooterStyle, room)[0];
            draw.Text(line, x, y + 6, room, FooterStyle);
        }
        draw.Text(numbers, x, y + 6, width, FooterStyle.Aligned(TextAlign.Right));
    }
}
