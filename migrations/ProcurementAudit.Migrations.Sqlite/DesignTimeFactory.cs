using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the model for this provider without a running host or a live database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args)
    {
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = "Data Source=design-time.db",
        };
        var builder = new DbContextOptionsBuilder<AuditDbContext>();
        options.Apply(builder);
        return new AuditDbContext(builder.Options);
    }
}
