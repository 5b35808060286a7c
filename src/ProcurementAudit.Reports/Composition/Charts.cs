using SkiaSharp;

namespace ProcurementAudit.Reports.Composition;

/// <summary>One bar: its category label and value (counts and shares; charts assume values of zero or more).</summary>
public sealed record ChartPoint(string Label, double Value);

/// <summary>One line of a line chart: a value per category, in category order.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, Color? Color = null);

/// <summary>A chart as one block of fixed height: title, axes with tick labels, then the marks, all vector paths.</summary>
internal abstract class ChartElement(string title, float height) : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width) =>
    [
        new ChartBlock(this) { Height = Math.Min(height, ctx.MaxBlockHeight) },
        new SpacingBlock { Height = 10 },
    ];

    protected static readonly TextStyle TitleStyle = TextStyle.Default.WithSize(10).AsBold();
    protected static readonly TextStyle LabelStyle = TextStyle.Default.WithSize(7).WithColor(Color.Grey);

    protected abstract IReadOnlyList<string> Categories { get; }
    protected abstract double MaxValue { get; }
    protected virtual IReadOnlyList<(string Name, Color Color)> Legend => [];
    protected abstract void DrawMarks(DrawContext ctx, Plot plot);

    private sealed class ChartBlock(ChartElement chart) : Block
    {
        public override void Draw(DrawContext ctx, float x, float y, float width) => chart.Draw(ctx, x, y, width, Height);
    }

    private void Draw(DrawContext ctx, float x, float y, float width, float blockHeight)
    {
        ctx.Text(title, x, y, width, TitleStyle);
        DrawLegend(ctx, x, y, width);

        var (step, top) = NiceScale(MaxValue);
        var ticks = (int)Math.Round(top / step);
        var tickLabels = Enumerable.Range(0, ticks + 1).Select(i => FormatTick(i * step)).ToArray();
        var yLabelWidth = tickLabels.Max(t => ctx.Layout.Measure(t, LabelStyle));

        var left = x + yLabelWidth + 6;
        var right = x + width - 4;
        var plotTop = y + TitleStyle.LineHeight + 8;
        var plotBottom = y + blockHeight - LabelStyle.LineHeight - 4;
        var plot = new Plot(left, plotTop, right, plotBottom, top, Categories.Count);

        var grid = ctx.Stroke(Color.LightGrey, 0.4f);
        for (var i = 0; i <= ticks; i++)
        {
            var ty = plot.Y(i * step);
            if (i > 0) ctx.Canvas.DrawLine(left, ty, right, ty, grid);
            ctx.Text(tickLabels[i], x, ty - LabelStyle.LineHeight / 2, yLabelWidth, LabelStyle.Aligned(TextAlign.Right));
        }

        DrawMarks(ctx, plot);

        var axis = ctx.Stroke(Color.Grey, 0.8f);
        ctx.Canvas.DrawLine(left, plotTop, left, plotBottom, axis);
        ctx.Canvas.DrawLine(left, plotBottom, right, plotBottom, axis);

        // Category labels: every k-th when slots are narrow, each cut to its slot width.
        var every = Math.Max(1, (int)Math.Ceiling(18 / Math.Max(1, plot.Slot)));
        var labelWidth = plot.Slot * every - 2;
        for (var i = 0; i < Categories.Count; i += every)
        {
            var label = Fit(ctx, Categories[i], labelWidth);
            ctx.Text(label, plot.Centre(i) - labelWidth / 2, plotBottom + 2, labelWidth, LabelStyle.Aligned(TextAlign.Center));
        }
    }

    private void DrawLegend(DrawContext ctx, float x, float y, float width)
    {
        var at = x + width;
        for (var i = Legend.Count - 1; i >= 0; i--)
        {
            var (name, color) = Legend[i];
            var style = LabelStyle.WithColor(Color.Black);
            var w = ctx.Layout.Measure(name, style);
            at -= w;
            ctx.Text(name, at, y + 2, w, style);
            at -= 10;
            ctx.Canvas.DrawRect(at, y + 2 + style.LineHeight / 2 - 3, 7, 6, ctx.Fill(color));
            at -= 8;
        }
    }

    private static string Fit(DrawContext ctx, string text, float width)
    {
        if (ctx.Layout.Measure(text, LabelStyle) <= width) return text;
        var cut = text;
        while (cut.Length > 1 && ctx.Layout.Measure(cut + "…", LabelStyle) > width) cut = cut[..^1];
        return cut + "…";
    }

    /// <summary>A "nice" axis: a step of 1, 2 or 5 times a power of ten, giving at most about five ticks.</summary>
    internal static (double Step, double Top) NiceScale(double max)
    {
        if (!(max > 0) || double.IsInfinity(max)) return (1, 1);
        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return (step, Math.Ceiling(max / step - 1e-9) * step);
    }

    private static string FormatTick(double v) =>
        Math.Abs(v - Math.Round(v)) < 1e-9 ? Format.Integer((long)Math.Round(v)) : Format.Decimal((decimal)v, 2);

    /// <summary>The plotting area and the value-to-position mapping.</summary>
    protected sealed record Plot(float Left, float Top, float Right, float Bottom, double MaxValue, int Count)
    {
        public float Slot => Count == 0 ? Right - Left : (Right - Left) / Count;
        public float Centre(int i) => Left + Slot * (i + 0.5f);
        public float Y(double value) => Bottom - (float)(Math.Clamp(value, 0, MaxValue) / MaxValue) * (Bottom - Top);
    }
}

internal sealed class BarChartElement(string title, IReadOnlyList<ChartPoint> points, float height, Color color) : ChartElement(title, height)
{
    protected override IReadOnlyList<string> Categories { get; } = points.Select(p => p.Label).ToArray();
    protected override double MaxValue => points.Count == 0 ? 0 : points.Max(p => p.Value);

    protected override void DrawMarks(DrawContext ctx, Plot plot)
    {
        var barWidth = plot.Slot * 0.62f;
        var fill = ctx.Fill(color);
        for (var i = 0; i < points.Count; i++)
        {
            var top = plot.Y(points[i].Value);
            var left = plot.Centre(i) - barWidth / 2;
            ctx.Canvas.DrawRect(left, top, barWidth, plot.Bottom - top, fill);
            var label = Format.Number(points[i].Value);
            if (ctx.Layout.Measure(label, LabelStyle) <= plot.Slot)
                ctx.Text(label, plot.Centre(i) - plot.Slot / 2, top - LabelStyle.LineHeight, plot.Slot, LabelStyle.Aligned(TextAlign.Center).WithColor(Color.Black));
        }
    }
}

internal sealed class LineChartElement : ChartElement
{
    private readonly IReadOnlyList<string> _categories;
    private readonly IReadOnlyList<ChartSeries> _series;

    public LineChartElement(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, float height) : base(title, height)
    {
        foreach (var s in series)
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
        (_categories, _series) = (categories, series);
    }

    protected override IReadOnlyList<string> Categories => _categories;
    protected override double MaxValue => _series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
    protected override IReadOnlyList<(string Name, Color Color)> Legend => _series.Select((s, i) => (s.Name, ColorOf(i))).ToArray();

    private Color ColorOf(int i) => _series[i].Color ?? Color.Palette[i % Color.Palette.Count];

    protected override void DrawMarks(DrawContext ctx, Plot plot)
    {
        for (var s = 0; s < _series.Count; s++)
        {
            var values = _series[s].Values;
            if (values.Count == 0) continue;
            var color = ColorOf(s);
            using var path = new SKPath();
            path.MoveTo(plot.Centre(0), plot.Y(values[0]));
            for (var i = 1; i < values.Count; i++) path.LineTo(plot.Centre(i), plot.Y(values[i]));
            var stroke = ctx.Stroke(color, 1.4f);
            ctx.Canvas.DrawPath(path, stroke);
            var dot = ctx.Fill(color);
            for (var i = 0; i < values.Count; i++) ctx.Canvas.DrawCircle(plot.Centre(i), plot.Y(values[i]), 1.8f, dot);
        }
    }
}
