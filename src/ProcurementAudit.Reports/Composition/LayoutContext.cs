using SkiaSharp;

namespace ProcurementAudit.Reports.Composition;

/// <summary>
/// Fonts and measurement for one rendering. Owns the SKFont objects (not thread-safe), so one context per document.
/// </summary>
internal sealed class LayoutContext(FontSet fonts, float maxBlockHeight) : IDisposable
{
    private readonly Dictionary<(float Size, bool Bold), SKFont> _fonts = [];
    private readonly Dictionary<(float Size, bool Bold, float Spacing), float> _baselines = [];
    private static readonly System.Buffers.SearchValues<char> BreakAfter = System.Buffers.SearchValues.Create("-/_.");

    /// <summary>The tallest block that fits on a page; atomic blocks are cut down to this.</summary>
    public float MaxBlockHeight { get; } = maxBlockHeight;

    public SKFont Font(TextStyle style)
    {
        var key = (style.Size, style.Bold);
        if (!_fonts.TryGetValue(key, out var font))
        {
            // No hinting and linear metrics: a PDF is resolution-free, so widths must not snap to a pixel grid.
            font = new SKFont(style.Bold ? fonts.Bold : fonts.Regular, style.Size)
            {
                Hinting = SKFontHinting.None,
                LinearMetrics = true,
                Subpixel = true,
                Edging = SKFontEdging.Antialias,
            };
            _fonts[key] = font;
        }
        return font;
    }

    public float Measure(string text, TextStyle style) => text.Length == 0 ? 0 : Font(style).MeasureText(text);

    /// <summary>Distance from the top of a line box to its baseline, centring the glyphs' ascent+descent in the line.</summary>
    public float BaselineOffset(TextStyle style)
    {
        var key = (style.Size, style.Bold, style.LineSpacing);
        if (!_baselines.TryGetValue(key, out var offset))
        {
            var m = Font(style).Metrics;
            var ascent = -m.Ascent;
            offset = (style.LineHeight - (ascent + m.Descent)) / 2 + ascent;
            _baselines[key] = offset;
        }
        return offset;
    }

    /// <summary>Greedy word wrap by measured width. Honours '\n'; a word wider than the line is broken by characters.</summary>
    public List<string> Wrap(string? text, TextStyle style, float maxWidth)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            lines.Add("");
            return lines;
        }
        var font = Font(style);
        var spaceWidth = font.MeasureText(" ");
        foreach (var rawParagraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var paragraph = rawParagraph.TrimEnd();
            if (font.MeasureText(paragraph) <= maxWidth)
            {
                lines.Add(paragraph);
                continue;
            }
            var current = new System.Text.StringBuilder();
            var currentWidth = 0f;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = font.MeasureText(word);
                var needed = current.Length == 0 ? wordWidth : currentWidth + spaceWidth + wordWidth;
                if (needed <= maxWidth)
                {
                    if (current.Length > 0) current.Append(' ');
                    current.Append(word);
                    currentWidth = needed;
                    continue;
                }
                if (current.Length > 0)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                    currentWidth = 0;
                }
                if (wordWidth <= maxWidth)
                {
                    current.Append(word);
                    currentWidth = wordWidth;
                    continue;
                }
                // A single word wider than the line (a long id or URL): break it where it overflows.
                var rest = word.AsSpan();
                while (rest.Length > 0)
                {
                    var take = Math.Max(1, (int)font.BreakText(rest, maxWidth));
                    // Prefer to break an id after a separator ("UA-2025-01-15-" / "000123-a") over mid-token.
                    if (take < rest.Length && rest[..take].LastIndexOfAny(BreakAfter) is var sep and > 0) take = sep + 1;
                    if (take >= rest.Length)
                    {
                        current.Append(rest);
                        currentWidth = font.MeasureText(rest);
                        break;
                    }
                    lines.Add(rest[..take].ToString());
                    rest = rest[take..];
                }
            }
            lines.Add(current.ToString());
        }
        return lines;
    }

    /// <summary>Cuts the lines to at most <paramref name="maxLines"/>, marking the cut with an ellipsis.</summary>
    public List<string> Truncate(List<string> lines, int maxLines, TextStyle style, float maxWidth)
    {
        if (lines.Count <= maxLines) return lines;
        var kept = lines.GetRange(0, Math.Max(1, maxLines));
        var last = kept[^1];
        while (last.Length > 0 && Measure(last + "…", style) > maxWidth) last = last[..^1];
        kept[^1] = last + "…";
        return kept;
    }

    public void Dispose()
    {
        foreach (var f in _fonts.Values) f.Dispose();
        _fonts.Clear();
    }
}

/// <summary>What a block draws with.</summary>
internal sealed class DrawContext(SKCanvas canvas, LayoutContext layout) : IDisposable
{
    private readonly Dictionary<(Color, bool Fill, float Stroke), SKPaint> _paints = [];

    public SKCanvas Canvas { get; } = canvas;
    public LayoutContext Layout { get; } = layout;

    public SKPaint Fill(Color color) => Paint(color, true, 0);

    public SKPaint Stroke(Color color, float width) => Paint(color, false, width);

    private SKPaint Paint(Color color, bool fill, float stroke)
    {
        var key = (color, fill, stroke);
        if (!_paints.TryGetValue(key, out var paint))
        {
            paint = new SKPaint
            {
                Color = color.ToSk(),
                IsAntialias = true,
                Style = fill ? SKPaintStyle.Fill : SKPaintStyle.Stroke,
                StrokeWidth = stroke,
            };
            _paints[key] = paint;
        }
        return paint;
    }

    /// <summary>Draws one line of text in a box starting at (x, top) of the given width, aligned by the style.</summary>
    public void Text(string text, float x, float top, float width, TextStyle style)
    {
        if (text.Length == 0) return;
        var (sx, align) = style.Align switch
        {
            TextAlign.Center => (x + width / 2, SKTextAlign.Center),
            TextAlign.Right => (x + width, SKTextAlign.Right),
            _ => (x, SKTextAlign.Left),
        };
        Canvas.DrawText(text, sx, top + Layout.BaselineOffset(style), align, Layout.Font(style), Fill(style.Color));
    }

    public void Dispose()
    {
        foreach (var p in _paints.Values) p.Dispose();
        _paints.Clear();
    }
}
