namespace ProcurementAudit.Reports.Composition;

/// <summary>Something in the content flow. Lays itself out, for a given width, into blocks the paginator places.</summary>
internal interface IElement
{
    IEnumerable<Block> Layout(LayoutContext ctx, float width);
}

/// <summary>A paragraph or heading: one block per wrapped line, so long text flows across pages.</summary>
internal sealed class TextElement(string text, TextStyle style, float spaceBefore, float spaceAfter, bool keepWithNext) : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width)
    {
        if (spaceBefore > 0) yield return new SpacingBlock { Height = spaceBefore };
        foreach (var line in ctx.Wrap(text, style, width))
            yield return new TextLineBlock(line, style) { Height = style.LineHeight, KeepWithNext = keepWithNext };
        if (spaceAfter > 0) yield return new SpacingBlock { Height = spaceAfter };
    }
}

internal sealed class SpacerElement(float height) : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width) => [new SpacingBlock { Height = height }];
}

internal sealed class PageBreakElement : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width) => [new PageBreakBlock()];
}

internal sealed class RuleElement(Color color, float thickness, float height) : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width) => [new RuleBlock(color, thickness) { Height = height }];
}

internal sealed class SplitLineElement(string left, string right, TextStyle style) : IElement
{
    public IEnumerable<Block> Layout(LayoutContext ctx, float width) => [new SplitLineBlock(left, right, style) { Height = style.LineHeight }];
}
