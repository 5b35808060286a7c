using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the model for this provider without a running host or a live database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args)
    {
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=localhost;Database=ProcurementAudit;Trusted_Connection=True;TrustServerCertificate=True",
        };
        var builder = new DbContextOptionsBuilder<AuditDbContext>();
        options.Apply(builder);
        return new AuditDbContext(builder.Options);
    }
}
