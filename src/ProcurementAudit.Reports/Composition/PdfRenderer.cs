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
    private const string Producer = "ProcurementAudit.Reports on SkiaSharp";

    public static void Render(PdfDocumentBuilder document, Stream output)
    {
        using var laidOut = LaidOutDocument.Create(document);
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
        for (var p = 0; p < laidOut.PageCount; p++)
        {
            var canvas = pdf.BeginPage(document.Size.Width, document.Size.Height);
            laidOut.DrawPage(canvas, p);
            pdf.EndPage();
        }
        pdf.Close();
    }

    /// <summary>One page as a PNG (a preview for catalogues), drawn by the same code as the PDF.</summary>
    public static byte[] RenderPng(PdfDocumentBuilder document, int pageNumber, float dpi)
    {
        using var laidOut = LaidOutDocument.Create(document);
        if (pageNumber < 1 || pageNumber > laidOut.PageCount)
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, $"The document has {laidOut.PageCount} pages.");
        var scale = dpi / 72f;
        var info = new SKImageInfo((int)Math.Ceiling(document.Size.Width * scale), (int)Math.Ceiling(document.Size.Height * scale));
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        laidOut.DrawPage(surface.Canvas, pageNumber - 1);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The result of the first pass: blocks placed on pages, with the geometry to draw them.</summary>
    private sealed class LaidOutDocument : IDisposable
    {
        private const float HeaderGap = 10;
        private const float FooterGap = 10;
        private static readonly TextStyle FooterStyle = TextStyle.Default.WithSize(8).WithColor(Color.Grey);

        private readonly PdfDocumentBuilder _document;
        private readonly LayoutContext _layout;
        private readonly List<Block> _header;
        private readonly List<List<PlacedBlock>> _pages;
        private readonly float _contentTop;
        private readonly float _footerHeight;

        private LaidOutDocument(PdfDocumentBuilder document, LayoutContext layout, List<Block> header, List<List<PlacedBlock>> pages,
            float contentTop, float footerHeight) =>
            (_document, _layout, _header, _pages, _contentTop, _footerHeight) = (document, layout, header, pages, contentTop, footerHeight);

        public int PageCount => _pages.Count;
        private float ContentWidth => _document.Size.Width - 2 * _document.Margin;

        public static LaidOutDocument Create(PdfDocumentBuilder document)
        {
            var fonts = FontSet.Load(document.Options.ResolveFontsDirectory());
            var size = document.Size;
            var margin = document.Margin;
            var width = size.Width - 2 * margin;

            // The header is measured first: the content area is what it and the footer leave.
            List<Block> header;
            using (var headerLayout = new LayoutContext(fonts, size.Height / 4)) header = LayoutAll(headerLayout, document.HeaderContent, width);
            var headerHeight = header.Sum(b => b.Height);
            var footerHeight = 6 + FooterStyle.LineHeight;
            var contentTop = margin + (headerHeight > 0 ? headerHeight + HeaderGap : 0);
            var contentHeight = size.Height - contentTop - margin - footerHeight - FooterGap;
            if (contentHeight < 72) throw new InvalidOperationException("The page header and margins leave less than an inch for content.");

            var layout = new LayoutContext(fonts, contentHeight);
            try
            {
                var pages = Paginator.Paginate(LayoutAll(layout, document.BodyContent, width), contentHeight);
                return new LaidOutDocument(document, layout, header, pages, contentTop, footerHeight);
            }
            catch
            {
                layout.Dispose();
                throw;
            }
        }

        public void DrawPage(SKCanvas canvas, int index)
        {
            var margin = _document.Margin;
            using var draw = new DrawContext(canvas, _layout);
            var y = margin;
            foreach (var block in _header)
            {
                block.Draw(draw, margin, y, ContentWidth);
                y += block.Height;
            }
            foreach (var placed in _pages[index])
                placed.Block.Draw(draw, margin, _contentTop + placed.Y, ContentWidth);
            DrawFooter(draw, margin, _document.Size.Height - margin - _footerHeight, index + 1);
        }

        private void DrawFooter(DrawContext draw, float x, float y, int page)
        {
            var width = ContentWidth;
            draw.Canvas.DrawLine(x, y + 3, x + width, y + 3, draw.Stroke(Color.LightGrey, 0.6f));
            var numbers = _document.PageNumberFormat is { } format
                ? string.Format(CultureInfo.InvariantCulture, format, page, PageCount)
                : "";
            if (_document.FooterText is { Length: > 0 } text)
            {
                // The footer text gets what the page numbers leave, cut to one line.
                var room = width - _layout.Measure(numbers, FooterStyle) - 12;
                var line = _layout.Truncate(_layout.Wrap(text, FooterStyle, room), 1, FooterStyle, room)[0];
                draw.Text(line, x, y + 6, room, FooterStyle);
            }
            draw.Text(numbers, x, y + 6, width, FooterStyle.Aligned(TextAlign.Right));
        }

        private static List<Block> LayoutAll(LayoutContext ctx, ContentBuilder content, float width)
        {
            var blocks = new List<Block>();
            foreach (var element in content.Elements) blocks.AddRange(element.Layout(ctx, width));
            return blocks;
        }

        public void Dispose() => _layout.Dispose();
    }
}
