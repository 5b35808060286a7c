namespace ProcurementAudit.Reports.Composition;

/// <summary>
/// The unit of pagination: an element lays itself out into blocks of known height; a block is never split across
/// pages (a paragraph is one block per line, a table one block per row).
/// </summary>
internal abstract class Block
{
    public float Height { get; init; }

    /// <summary>Keep on the same page as the following block (headings, table header rows).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Drawn first on any page this block starts (a table's header row for its body rows).</summary>
    public Block? RepeatHeader { get; init; }

    /// <summary>Vertical space that is dropped at the top of a page.</summary>
    public virtual bool IsSpacing => false;

    public abstract void Draw(DrawContext ctx, float x, float y, float width);
}

internal sealed class SpacingBlock : Block
{
    public override bool IsSpacing => true;
    public override void Draw(DrawContext ctx, float x, float y, float width) { }
}

internal sealed class PageBreakBlock : Block
{
    public override void Draw(DrawContext ctx, float x, float y, float width) { }
}

/// <summary>One wrapped line of text.</summary>
internal sealed class TextLineBlock(string text, TextStyle style) : Block
{
    public override void Draw(DrawContext ctx, float x, float y, float width) => ctx.Text(text, x, y, width, style);
}

/// <summary>A horizontal rule centred in its height.</summary>
internal sealed class RuleBlock(Color color, float thickness) : Block
{
    public override void Draw(DrawContext ctx, float x, float y, float width)
    {
        var mid = y + Height / 2;
        ctx.Canvas.DrawLine(x, mid, x + width, mid, ctx.Stroke(color, thickness));
    }
}

/// <summary>Texts on one line, one aligned to each edge (e.g. a header: title left, date right).</summary>
internal sealed class SplitLineBlock(string left, string right, TextStyle style) : Block
{
    public override void Draw(DrawContext ctx, float x, float y, float width)
    {
        ctx.Text(left, x, y, width, style.Aligned(TextAlign.Left));
        ctx.Text(right, x, y, width, style.Aligned(TextAlign.Right));
    }
}
