using System.Data;
using System.Data.Common;
using System.Reflection;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Tests.Persistence;

/// <summary>
/// SQL Server cannot run here, so every query use case is executed against a SQL Server-configured context whose
/// connection is never opened: EF translates each LINQ query to T-SQL (where an untranslatable query fails), the
/// interceptor records the SQL and answers with an empty result.
/// </summary>
public sealed class SqlServerTranslationTests
{
    private const string FakeSqlServer = "Server=sqlserver.invalid;Database=ProcurementAudit;User Id=sa;Password=unused;TrustServerCertificate=True";

    public static TheoryData<string> QueryTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in QueryTypesOf(typeof(DependencyInjection).Assembly)) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> QueryTypesOf(Assembly assembly) => assembly.GetTypes()
        .Where(t => t.Name == "Query" && t.IsNested && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
        .OrderBy(t => t.FullName);

    /// <summary>Queries answered from code alone (the indicator catalogue).</summary>
    private static readonly HashSet<string> QueriesWithoutDatabase = ["ListIndicators"];

    [Fact]
    public void Every_query_use_case_is_covered()
    {
        Assert.True(QueryTypesOf(typeof(DependencyInjection).Assembly).Count() >= 8);
    }

    [Theory]
    [MemberData(nameof(QueryTypes))]
    public async Task Query_translates_to_TSQL(string queryTypeName)
    {
        var recorder = new SqlRecorder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProcurementAuditCore(new ConfigurationBuilder().AddInMemoryCollection([
            new("Database:Provider", "SqlServer"), new("Database:ConnectionString", FakeSqlServer)]).Build());
        services.RemoveAll<DbContextOptions<AuditDbContext>>();
        services.AddDbContext<AuditDbContext>(o => o.UseSqlServer(FakeSqlServer).AddInterceptors(recorder));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var queryType = typeof(DependencyInjection).Assembly.GetType(queryTypeName)!;
        var query = Instantiate(queryType);
        try
        {
            await mediator.Send((dynamic)query);
        }
        catch (NotFoundException)
        {
            // Empty results make single-item queries report "not found": the SQL was still produced.
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Sequence contains no elements", StringComparison.Ordinal)
            || e.Message.Contains("reader doesn't have as many fields", StringComparison.Ordinal))
        {
            // The empty stand-in result does not fit entity materialisation; the query had been translated by then.
        }

        if (!QueriesWithoutDatabase.Contains(queryType.DeclaringType!.Name)) Assert.NotEmpty(recorder.Commands);
        Assert.All(recorder.Commands, sql => Assert.Contains("[", sql)); // T-SQL quoting, not SQLite's
    }

    [Fact]
    public void The_idempotent_SQL_Server_script_generates()
    {
        using var db = new AuditDbContext(new DbContextOptionsBuilder<AuditDbContext>()
            .UseSqlServer(FakeSqlServer, s => s.MigrationsAssembly(DatabaseOptions.SqlServerMigrationsAssembly)).Options);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Tenders]", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("__EFMigrationsHistory", script);
        Assert.DoesNotContain("AUTOINCREMENT", script);
    }

    [Fact]
    public void Both_providers_have_migrations_matching_the_model()
    {
        foreach (var (configure, assembly) in new (Action<DbContextOptionsBuilder<AuditDbContext>>, string)[]
        {
            (b => b.UseSqlServer(FakeSqlServer, s => s.MigrationsAssembly(DatabaseOptions.SqlServerMigrationsAssembly)), DatabaseOptions.SqlServerMigrationsAssembly),
            (b => b.UseSqlite("Data Source=:memory:", s => s.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly)), DatabaseOptions.SqliteMigrationsAssembly),
        })
        {
            var builder = new DbContextOptionsBuilder<AuditDbContext>();
            configure(builder);
            using var db = new AuditDbContext(builder.Options);
            Assert.False(db.Database.HasPendingModelChanges(), $"{assembly} lacks a migration for the current model.");
        }
    }

    /// <summary>Fills each constructor parameter: its default if it has one, else 1 for numbers, null or empty otherwise.</summary>
    private static object Instantiate(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        // An indicator code must name a registered indicator, or the handler stops before any SQL.
        var args = ctor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue
            : p.Name == "Code" && p.ParameterType == typeof(string) ? "R018" : SampleValue(p.ParameterType)).ToArray();
        return ctor.Invoke(args);
    }

    private static object? SampleValue(Type type)
    {
        if (type == typeof(int)) return 1;
        if (type == typeof(int?)) return 1; // optional filters too, so their SQL is translated as well
        if (type == typeof(long)) return 1L;
        if (type == typeof(string)) return "x";
        if (type == typeof(DateTime)) return new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (type == typeof(bool)) return false;
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0);
        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    private sealed class SqlRecorder : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader()));
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(0));
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) => InterceptionResult.Suppress();
    }
}
