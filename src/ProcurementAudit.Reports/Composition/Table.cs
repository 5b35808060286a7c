namespace ProcurementAudit.Reports.Composition;

/// <summary>A table column: its header text, its share of the width (relative to the other columns) and its alignment.</summary>
public sealed record TableColumn(string Header, float Weight = 1, TextAlign Align = TextAlign.Left);

/// <summary>
/// A table. The header row keeps with the first body row and repeats at the top of every page the table continues on;
/// each body row is one block, so it moves to the next page whole rather than splitting mid-line.
/// </summary>
internal sealed class TableElement : IElement
{
    private const float Padding = 3;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly IEnumerable<IReadOnlyList<string>> _rows;
    private readonly float _fontSize;

    public TableElement(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, float fontSize)
    {
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        if (columns.Any(c => !(c.Weight > 0))) throw new ArgumentException("Column weights must be positive.", nameof(columns));
        (_columns, _rows, _fontSize) = (columns, rows, fontSize);
    }

    public IEnumerable<Block> Layout(LayoutContext ctx, float width)
    {
        var geometry = CellGeometry.Split(width, _columns.Select(c => c.Weight).ToArray());
        var bodyStyle = TextStyle.Default.WithSize(_fontSize);
        var headerStyle = bodyStyle.AsBold();
        var bodyStyles = _columns.Select(c => bodyStyle.Aligned(c.Align)).ToArray();
        var headerStyles = _columns.Select(c => headerStyle.Aligned(c.Align)).ToArray();

        var header = CellRowBlock.Create(ctx, geometry, _columns.Select(c => c.Header).ToArray(), headerStyles, Padding,
            maxLines: Math.Max(1, (int)(ctx.MaxBlockHeight / 3 / headerStyle.LineHeight)),
            background: Color.LightGrey, border: Color.Grey, keepWithNext: true, repeatHeader: null);
        yield return header;

        // A row must fit under a repeated header on an empty page; longer cells are cut with an ellipsis.
        var maxLines = Math.Max(1, (int)((ctx.MaxBlockHeight - header.Height - 2 * Padding) / bodyStyle.LineHeight));
        var index = 0;
        foreach (var row in _rows)
        {
            if (row.Count != _columns.Count)
                throw new ArgumentException($"Table row {index + 1} has {row.Count} cells; the table has {_columns.Count} columns.");
            yield return CellRowBlock.Create(ctx, geometry, row, bodyStyles, Padding, maxLines,
                background: index % 2 == 1 ? Color.Faint : null, border: Color.LightGrey, keepWithNext: false, repeatHeader: header);
            index++;
        }
        yield return new SpacingBlock { Height = 8 };
    }
}

/// <summary>Key-value pairs as a two-column grid: keys bold on the left, values wrapped on the right.</summary>
internal sealed class KeyValueElement(IReadOnlyList<KeyValuePair<string, string>> pairs, float keyShare, float fontSize) : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width)
    {
        var geometry = CellGeometry.Split(width, [keyShare, 1 - keyShare]);
        var style = TextStyle.Default.WithSize(fontSize);
        TextStyle[] styles = [style.AsBold().WithColor(Color.Grey), style];
        var maxLines = Math.Max(1, (int)((ctx.MaxBlockHeight - 4) / style.LineHeight));
        foreach (var (key, value) in pairs)
            yield return CellRowBlock.Create(ctx, geometry, [key, value], styles, 2, maxLines, background: null, border: null, keepWithNext: false, repeatHeader: null);
        yield return new SpacingBlock { Height = 8 };
    }
}

internal sealed record CellGeometry(float[] X, float[] Width)
{
    public static CellGeometry Split(float total, float[] weights)
    {
        var sum = weights.Sum();
        var x = new float[weights.Length];
        var w = new float[weights.Length];
        var at = 0f;
        for (var i = 0; i < weights.Length; i++)
        {
            x[i] = at;
            w[i] = total * weights[i] / sum;
            at += w[i];
        }
        return new CellGeometry(x, w);
    }
}

/// <summary>One row of cells, each wrapped to its column; drawn with optional background and bottom border.</summary>
internal sealed class CellRowBlock : Block
{
    private readonly CellGeometry _geometry;
    private readonly List<string>[] _cells;
    private readonly TextStyle[] _styles;
    private readonly float _padding;
    private readonly Color? _background;
    private readonly Color? _border;

    private CellRowBlock(CellGeometry geometry, List<string>[] cells, TextStyle[] styles, float padding, Color? background, Color? border)
        => (_geometry, _cells, _styles, _padding, _background, _border) = (geometry, cells, styles, padding, background, border);

    public static CellRowBlock Create(LayoutContext ctx, CellGeometry geometry, IReadOnlyList<string> texts, TextStyle[] styles,
        float padding, int maxLines, Color? background, Color? border, bool keepWithNext, Block? repeatHeader)
    {
        var cells = new List<string>[texts.Count];
        var height = 0f;
        for (var i = 0; i < texts.Count; i++)
        {
            var inner = Math.Max(1, geometry.Width[i] - 2 * padding);
            cells[i] = ctx.Truncate(ctx.Wrap(texts[i], styles[i], inner), maxLines, styles[i], inner);
            height = Math.Max(height, cells[i].Count * styles[i].LineHeight);
        }
        return new CellRowBlock(geometry, cells, styles, padding, background, border)
        {
            Height = height + 2 * padding,
            KeepWithNext = keepWithNext,
            RepeatHeader = repeatHeader,
        };
    }

    public override void Draw(DrawContext ctx, float x, float y, float width)
    {
        if (_background is { } bg) ctx.Canvas.DrawRect(x, y, width, Height, ctx.Fill(bg));
        for (var c = 0; c < _cells.Length; c++)
        {
            var style = _styles[c];
            var cellX = x + _geometry.X[c] + _padding;
            var inner = _geometry.Width[c] - 2 * _padding;
            var lines = _cells[c];
            for (var l = 0; l < lines.Count; l++)
                ctx.Text(lines[l], cellX, y + _padding + l * style.LineHeight, inner, style);
        }
        if (_border is { } border) ctx.Canvas.DrawLine(x, y + Height, x + width, y + Height, ctx.Stroke(border, 0.5f));
    }
}
