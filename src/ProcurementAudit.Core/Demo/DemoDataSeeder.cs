using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Demo;

/// <summary>Creates the deterministic demo dataset (placeholder until the dataset lands).</summary>
public sealed class DemoDataSeeder(AuditDbContext db, TimeProvider clock)
{
    public Task<string> SeedAsync(CancellationToken cancellationToken)
    {
        _ = db;
        _ = clock;
        return Task.FromResult("nothing yet");
    }
}
