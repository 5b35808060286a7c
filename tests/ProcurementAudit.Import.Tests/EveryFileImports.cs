using Microsoft.EntityFrameworkCore;

namespace ProcurementAudit.Import.Tests;

public class EveryFileImports
{
    public static IEnumerable<object[]> Files => SharedData.AllFiles();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Shared_file_imports_without_skips(string relative)
    {
        await using var database = new TestDatabase();
        var summary = await database.ImportFileAsync(SharedData.File(relative));

        Assert.True(summary.Read > 0, "nothing was read");
        Assert.Empty(summary.Skipped);
        Assert.True(summary.Imported > 0);
        await using var db = database.NewContext();
        var tenders = await db.Tenders.CountAsync();
        Assert.Equal(summary.Imported, tenders);
        Assert.All(await db.Tenders.ToListAsync(), t => Assert.False(string.IsNullOrWhiteSpace(t.Ocid)));
    }
}
