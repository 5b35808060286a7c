using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Demo;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tests.Demo;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>The L-* indicators over the demo dataset: every planted case is flagged, every clean twin is not.</summary>
public sealed class LeaseDemoTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private static readonly string[] Codes = ["L-SINGLE", "L-NOUPLIFT", "L-LOWSTART", "L-CASCADE", "L-DEFAULT", "L-CONCENTRATION", "L-INSIDER"];

    [Fact]
    public async Task Each_planted_lease_case_is_flagged_and_its_clean_twin_is_not()
    {
        db.Clock.SetUtcNow(DemoDatabase.DefaultClock);
        await db.Db(ctx => new DemoDataSeeder(ctx, db.Clock).SeedAsync(CancellationToken.None));
        await db.Scan(Codes);

        var failures = new List<string>();
        foreach (var code in Codes)
        {
            var flags = await db.Flags(code);
            var flagged = flags.Where(f => f.Status == FlagStatus.Open).Select(f => f.ProcedureId).ToHashSet();
            output.WriteLine($"{code}: {flagged.Count} auction(s) flagged");
            foreach (var planted in DemoPlantedCases.For(code))
            {
                var id = (await db.Db(ctx => DemoPlantedCases.ResolveAsync(ctx, planted, CancellationToken.None))).Single();
                if (flagged.Contains(id) != planted.Fires)
                    failures.Add($"{code} {planted.Reference} (auction {id}) should {(planted.Fires ? "" : "not ")}be flagged: {planted.Note}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
