using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;
using ProcurementAudit.Core.Risk.Indicators;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>
/// The L-* indicators' queries translate to T-SQL: each runs (full scan and rescan) against a SQL Server-configured
/// context whose connection never opens; every command is recorded and answered with an empty result.
/// </summary>
public sealed class LeaseIndicatorSqlServerTests
{
    private const string FakeSqlServer = "Server=sqlserver.invalid;Database=ProcurementAudit;User Id=sa;Password=unused;TrustServerCertificate=True";

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var code in new[] { "L-SINGLE", "L-NOUPLIFT", "L-LOWSTART", "L-CASCADE", "L-DEFAULT", "L-CONCENTRATION", "L-INSIDER" })
        {
            data.Add(code, true);
            data.Add(code, false);
        }
        return data;
    }

    private static IIndicator Indicator(string code) => code switch
    {
        "L-SINGLE" => new LSingle(),
        "L-NOUPLIFT" => new LNoUplift(),
        "L-LOWSTART" => new LLowStart(),
        "L-CASCADE" => new LCascade(),
        "L-DEFAULT" => new LDefault(),
        "L-CONCENTRATION" => new LConcentration(),
        _ => new LInsider(),
    };

    private static AuditDbContext SqlServer(SqlRecorder recorder) =>
        new(new DbContextOptionsBuilder<AuditDbContext>().UseSqlServer(FakeSqlServer).AddInterceptors(recorder).Options);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Indicator_queries_translate_to_TSQL(string code, bool fullScan)
    {
        var recorder = new SqlRecorder();
        await using var db = SqlServer(recorder);
        var indicator = Indicator(code);
        var scope = fullScan ? new ScanScope(null, [1, 2], [3]) : new ScanScope([1, 2]);
        var findings = new List<Finding>();
        await foreach (var f in indicator.EvaluateAsync(new IndicatorRun(db, scope, new IndicatorParameters(indicator)), CancellationToken.None))
            findings.Add(f);
        Assert.Empty(findings);
        Assert.NotEmpty(recorder.Commands);
        Assert.All(recorder.Commands, sql => Assert.Contains("[", sql));
    }

    [Fact]
    public async Task Related_party_profiles_load_on_SQL_Server()
    {
        var recorder = new SqlRecorder();
        await using var db = SqlServer(recorder);
        Assert.Empty(await RelatedParties.LoadAsync(db, [1, 2, 3], CancellationToken.None));
        Assert.Single(recorder.Commands, sql => sql.Contains("[BeneficialOwners]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Сом'як  Олена-Марія", "СОМʼЯК Олена Марія")]
    [InlineData("  Коваль, Іван.", "коваль іван")]
    public void Names_compare_without_case_punctuation_or_apostrophes(string a, string b) =>
        Assert.Equal(RelatedParties.NormaliseName(a), RelatedParties.NormaliseName(b));

    [Theory]
    [InlineData("+380 44 123 45 67", "044-123-45-67", true)]
    [InlineData("+380 44 123 45 67", "+380 44 123 45 68", false)]
    public void Phones_compare_on_the_subscriber_number(string a, string b, bool same) =>
        Assert.Equal(same, RelatedParties.NormalisePhone(a) == RelatedParties.NormalisePhone(b));

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
