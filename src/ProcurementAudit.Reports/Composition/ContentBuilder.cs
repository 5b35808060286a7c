namespace ProcurementAudit.Reports.Composition;

/// <summary>Collects the elements of a content flow (the body, or a page header), in order.</summary>
public sealed class ContentBuilder
{
    internal List<IElement> Elements { get; } = [];

    private static readonly TextStyle[] HeadingStyles =
    [
        TextStyle.Default.WithSize(16).AsBold(),
        TextStyle.Default.WithSize(13).AsBold(),
        TextStyle.Default.WithSize(11).AsBold(),
    ];

    /// <summary>A heading (level 1 to 3); it stays on the page of whatever follows it.</summary>
    public ContentBuilder Heading(string text, int level = 1)
    {
        var style = HeadingStyles[Math.Clamp(level, 1, 3) - 1];
        Elements.Add(new TextElement(text, style, spaceBefore: level == 1 ? 8 : 6, spaceAfter: 4, keepWithNext: true));
        return this;
    }

    /// <summary>A wrapped paragraph followed by a little space.</summary>
    public ContentBuilder Paragraph(string text, TextStyle? style = null)
    {
        Elements.Add(new TextElement(text, style ?? TextStyle.Default, 0, 6, keepWithNext: false));
        return this;
    }

    /// <summary>Wrapped text with no space after it.</summary>
    public ContentBuilder Text(string text, TextStyle? style = null)
    {
        Elements.Add(new TextElement(text, style ?? TextStyle.Default, 0, 0, keepWithNext: false));
        return this;
    }

    /// <summary>A table; rows are read once, lazily, and each must have one cell per column.</summary>
    public ContentBuilder Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, float fontSize = 8.5f)
    {
        Elements.Add(new TableElement(columns, rows, fontSize));
        return this;
    }

    /// <summary>Label-value pairs; <paramref name="keyShare"/> is the label column's share of the width.</summary>
    public ContentBuilder KeyValues(IEnumerable<KeyValuePair<string, string>> pairs, float keyShare = 0.32f, float fontSize = 9.5f)
    {
        Elements.Add(new KeyValueElement(pairs.ToList(), Math.Clamp(keyShare, 0.1f, 0.9f), fontSize));
        return this;
    }

    public ContentBuilder KeyValues(params (string Key, string Value)[] pairs) =>
        KeyValues(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public ContentBuilder BarChart(string title, IReadOnlyList<ChartPoint> points, float height = 190, Color? color = null)
    {
        Elements.Add(new BarChartElement(title, points, height, color ?? Color.Blue));
        return this;
    }

    public ContentBuilder LineChart(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, float height = 190)
    {
        Elements.Add(new LineChartElement(title, categories, series, height));
        return this;
    }

    /// <summary>Starts a new page (no blank page if the current one is still empty).</summary>
    public ContentBuilder PageBreak()
    {
        Elements.Add(new PageBreakElement());
        return this;
    }

    public ContentBuilder Spacer(float height)
    {
        Elements.Add(new SpacerElement(height));
        return this;
    }

    public ContentBuilder Rule(Color? color = null, float thickness = 0.6f)
    {
        Elements.Add(new RuleElement(color ?? Color.LightGrey, thickness, 6));
        return this;
    }

    /// <summary>One line with a text at each edge, e.g. a header's title and date.</summary>
    public ContentBuilder SplitLine(string left, string right, TextStyle? style = null)
    {
        Elements.Add(new SplitLineElement(left, right, style ?? TextStyle.Default));
        return this;
    }
}
