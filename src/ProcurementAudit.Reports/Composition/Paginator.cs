namespace ProcurementAudit.Reports.Composition;

internal readonly record struct PlacedBlock(Block Block, float Y);

/// <summary>First pass: places blocks on pages of a given content height. Nothing is drawn here.</summary>
internal static class Paginator
{
    public static List<List<PlacedBlock>> Paginate(IReadOnlyList<Block> blocks, float pageHeight)
    {
        var pages = new List<List<PlacedBlock>>();
        var page = new List<PlacedBlock>();
        var y = 0f;

        void NewPage()
        {
            pages.Add(page);
            page = [];
            y = 0;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block is PageBreakBlock)
            {
                if (page.Count > 0) NewPage();
                continue;
            }
            if (block.IsSpacing)
            {
                if (page.Count == 0) continue;
                if (y + block.Height > pageHeight) NewPage();
                else Place(block);
                continue;
            }

            var needed = KeptHeight(blocks, i);
            if (page.Count > 0 && y + needed > pageHeight) NewPage();
            if (page.Count == 0 && block.RepeatHeader is { } header) Place(header);
            Place(block);
        }
        if (page.Count > 0 || pages.Count == 0) pages.Add(page);
        return pages;

        void Place(Block b)
        {
            page.Add(new PlacedBlock(b, y));
            y += b.Height;
        }

        // A block that keeps with the next needs room for the whole chain (heading -> table header -> first row).
        float KeptHeight(IReadOnlyList<Block> all, int start)
        {
            var height = all[start].Height;
            if (!all[start].KeepWithNext) return height;
            for (var j = start + 1; j < all.Count && all[j] is not PageBreakBlock; j++)
            {
                height += all[j].Height;
                if (!all[j].IsSpacing && !all[j].KeepWithNext) break;
            }
            // A chain taller than a page cannot be kept together; fall back to the block alone.
            return height > pageHeight ? all[start].Height : height;
        }
    }
}
