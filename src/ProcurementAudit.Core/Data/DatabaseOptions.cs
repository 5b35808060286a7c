using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ProcurementAudit.Core.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Folder of the embedded SQLite file, relative to the working directory unless rooted.</summary>
    public string DataFolder { get; set; } = "data";
    /// <summary>Overrides the connection string (required for SQL Server; optional for SQLite).</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Creates the demo dataset on first start of an empty embedded database.</summary>
    public bool SeedDemoData { get; set; } = true;

    public const string SqliteMigrationsAssembly = "ProcurementAudit.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "ProcurementAudit.Migrations.SqlServer";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        options.ConnectionString ??= configuration.GetConnectionString("Audit");
        return options;
    }

    public string SqliteConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        var folder = Path.GetFullPath(DataFolder);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "procurement-audit.db")}";
    }

    public void Apply(DbContextOptionsBuilder builder) => Apply(builder, auditTrail: null);

    public void Apply(DbContextOptionsBuilder builder, AuditTrailWriter? auditTrail)
    {
        switch (Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(ConnectionString))
                    throw new InvalidOperationException("Database:Provider is SqlServer but no connection string is set (ConnectionStrings:Audit or Database:ConnectionString).");
                builder.UseSqlServer(ConnectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(), sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
        builder.AddInterceptors(new VersionStamp());
        if (auditTrail is not null) builder.AddInterceptors(auditTrail);
    }
}
