using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Demo;

namespace ProcurementAudit.Core.Tests.Demo;

/// <summary>A fresh SQLite file, migrated, then seeded with the demo dataset at a fixed clock.</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset DefaultClock = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly string path = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.db");

    public DateTimeOffset Clock { get; init; } = DefaultClock;

    public string Summary { get; private set; } = "";

    public AuditDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<AuditDbContext>();
        new DatabaseOptions { ConnectionString = $"Data Source={path};Pooling=False" }.Apply(builder);
        return new AuditDbContext(builder.Options);
    }

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        Summary = await new DemoDataSeeder(db, new FakeTimeProvider(Clock)).SeedAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        File.Delete(path);
        return Task.CompletedTask;
    }
}
