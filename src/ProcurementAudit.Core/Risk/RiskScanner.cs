using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk.Cardinal;

namespace ProcurementAudit.Core.Risk;

public sealed record IndicatorScanReport(string Code, SyncCounts Counts, double Seconds);

public sealed record ScanReport(IReadOnlyList<IndicatorScanReport> Indicators, double Seconds)
{
    public SyncCounts Total => Indicators.Aggregate(new SyncCounts(), (sum, i) => sum + i.Counts);
}

/// <summary>Runs indicators and hands their findings to the <see cref="FlagSynchronizer"/>.</summary>
public sealed class RiskScanner(
    AuditDbContext db,
    DbContextOptions<AuditDbContext> contextOptions,
    IndicatorCatalog catalog,
    IndicatorSettingsStore settings,
    FlagSynchronizer synchronizer,
    ILogger<RiskScanner> logger)
{
    /// <summary>
    /// Every indicator (or the listed codes) over every procedure. Findings stream from a second, read-only context
    /// (its own connection) while the synchronizer writes through this one, so nothing is held but one batch.
    /// </summary>
    public async Task<ScanReport> FullScanAsync(IReadOnlyCollection<string>? codes, string actor, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await PrepareAsync(ct);
        var plan = await settings.LoadPlanAsync(ct);
        var reports = new List<IndicatorScanReport>();
        await using var exports = new CardinalExports();
        foreach (var indicator in catalog.All.Where(i => codes is null || codes.Contains(i.Code, StringComparer.OrdinalIgnoreCase)))
        {
            var indicatorStarted = Stopwatch.GetTimestamp();
            var counts = new SyncCounts();
            foreach (var (scope, parameters) in plan.RunsFor(indicator))
            {
                await using var read = new AuditDbContext(contextOptions);
                read.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                read.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                var run = new IndicatorRun(read, scope, parameters) { CardinalExports = exports };
                counts += await synchronizer.SyncFullAsync(indicator, parameters, scope, indicator.EvaluateAsync(run, ct), actor, ct);
            }
            var seconds = Stopwatch.GetElapsedTime(indicatorStarted).TotalSeconds;
            logger.LogInformation("Full scan {Code}: {Raised} raised, {Updated} updated, {Reopened} reopened, {Cleared} cleared, {Unchanged} unchanged in {Seconds:0.00} s",
                indicator.Code, counts.Raised, counts.Updated, counts.Reopened, counts.Cleared, counts.Unchanged, seconds);
            reports.Add(new IndicatorScanReport(indicator.Code, counts, seconds));
        }
        return new ScanReport(reports, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Every indicator of the procedure's kind over that procedure and the procedures that share a flag group with it
    /// (same code, enterprise and subject), so a change that breaks up a group clears the flags of its other members too.
    /// </summary>
    public async Task<ScanReport> RescanAsync(ProcedureKind kind, int procedureId, string actor, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var enterpriseId = await EnterpriseOfAsync(kind, procedureId, ct);
        var parametersFor = await settings.ForEnterpriseAsync(enterpriseId, ct);
        var grouped = await db.Flags.AsNoTracking()
            .Where(f => f.ProcedureKind == kind && f.ProcedureId == procedureId && f.SubjectKey != "" && f.Status != FlagStatus.Cleared)
            .Select(f => new { f.Code, f.EnterpriseId, f.SubjectKey }).ToListAsync(ct);

        var reports = new List<IndicatorScanReport>();
        await using var exports = new CardinalExports();
        foreach (var indicator in catalog.For(kind).Where(i => !i.FullScanOnly))
        {
            var indicatorStarted = Stopwatch.GetTimestamp();
            var ids = new HashSet<int> { procedureId };
            foreach (var g in grouped.Where(g => g.Code == indicator.Code))
            {
                var peers = await db.Flags.AsNoTracking()
                    .Where(f => f.Code == g.Code && f.ProcedureKind == kind && f.EnterpriseId == g.EnterpriseId && f.SubjectKey == g.SubjectKey
                                && f.Status != FlagStatus.Cleared && f.ProcedureId != 0)
                    .Select(f => f.ProcedureId).ToListAsync(ct);
                ids.UnionWith(peers);
            }
            var parameters = parametersFor(indicator);
            var run = new IndicatorRun(db, new ScanScope(ids), parameters) { CardinalExports = exports };
            var findings = await indicator.EvaluateAsync(run, ct).CollectAsync(ct);
            var counts = await synchronizer.SyncTargetedAsync(indicator, parameters, run, findings, actor, ct);
            reports.Add(new IndicatorScanReport(indicator.Code, counts, Stopwatch.GetElapsedTime(indicatorStarted).TotalSeconds));
        }
        return new ScanReport(reports, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<int?> EnterpriseOfAsync(ProcedureKind kind, int id, CancellationToken ct) => kind switch
    {
        ProcedureKind.Tender => await db.Tenders.Where(t => t.Id == id).Select(t => t.EnterpriseId).FirstOrDefaultAsync(ct),
        ProcedureKind.Auction => await db.LeaseAuctions.Where(a => a.Id == id).Select(a => (int?)a.EnterpriseId).FirstOrDefaultAsync(ct),
        _ => await db.Competitions.Where(c => c.Id == id).Select(c => (int?)c.EnterpriseId).FirstOrDefaultAsync(ct),
    };

    /// <summary>
    /// A full scan reads through one connection while it writes through another; SQLite allows that in WAL mode
    /// (which EF Core sets on the databases it creates; this makes sure of it for files created elsewhere).
    /// </summary>
    private async Task PrepareAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var mode = (string?)await command.ExecuteScalarAsync(ct);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                command.CommandText = "PRAGMA journal_mode = 'wal'";
                await command.ExecuteScalarAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
