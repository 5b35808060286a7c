using System.Text.Json;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

public sealed record SyncCounts(int Raised = 0, int Updated = 0, int Reopened = 0, int Cleared = 0, int Unchanged = 0)
{
    public static SyncCounts operator +(SyncCounts a, SyncCounts b) =>
        new(a.Raised + b.Raised, a.Updated + b.Updated, a.Reopened + b.Reopened, a.Cleared + b.Cleared, a.Unchanged + b.Unchanged);

    public int Active => Raised + Updated + Reopened + Unchanged;
}

/// <summary>
/// Turns findings into flags: a new finding raises an Open flag; a finding on an existing flag updates its evidence
/// when it changed (or reopens it when it was cleared); a flag whose finding is gone is cleared, never deleted.
/// The unique index on (code, kind, procedure, subject) is the real guard against duplicates: when a concurrent scan
/// wins the race, the batch is re-read and applied again.
/// </summary>
public sealed class FlagSynchronizer(AuditDbContext db, TimeProvider clock, ILogger<FlagSynchronizer> logger)
{
    private const int BatchSize = 1000;
    private const int Attempts = 3;
    internal static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    private sealed record Known(long Id, FlagStatus Status, int Fingerprint);

    /// <summary>
    /// Full scan of one indicator over one scope: streams the findings, compares them with the flags of that scope
    /// (held as id and fingerprint only), writes changes in batches and clears what no longer fires.
    /// </summary>
    public async Task<SyncCounts> SyncFullAsync(IIndicator indicator, IndicatorParameters parameters, ScanScope scope,
        IAsyncEnumerable<Finding> findings, string actor, CancellationToken ct)
    {
        var existing = new Dictionary<(int, string), Known>();
        var query = db.Flags.AsNoTracking().Where(f => f.Code == indicator.Code && f.ProcedureKind == indicator.ProcedureKind);
        if (scope.OnlyEnterprises is { } only)
        {
            var onlyList = only.ToArray();
            query = query.Where(f => f.EnterpriseId != null && EF.Parameter(onlyList).Contains(f.EnterpriseId.Value));
        }
        if (scope.ExceptEnterprises is { Count: > 0 } except)
        {
            var exceptList = except.ToArray();
            query = query.Where(f => f.EnterpriseId == null || !EF.Parameter(exceptList).Contains(f.EnterpriseId.Value));
        }
        await foreach (var f in query.Select(f => new { f.Id, f.ProcedureId, f.SubjectKey, f.Status, f.EvidenceJson, f.Explanation, f.ParametersJson, f.IndicatorVersion, f.PartyIds, f.EnterpriseId, f.ProcedureDate })
                           .AsAsyncEnumerable().WithCancellation(ct))
            existing[(f.ProcedureId, f.SubjectKey)] = new Known(f.Id, f.Status,
                Fingerprint(f.EvidenceJson, f.Explanation, f.ParametersJson, f.IndicatorVersion, f.PartyIds, f.EnterpriseId, f.ProcedureDate));

        var counts = new SyncCounts();
        var batch = new List<Finding>(BatchSize);
        var parametersJson = parameters.ToJson();
        await foreach (var finding in findings.WithCancellation(ct))
        {
            if (existing.Remove((finding.ProcedureId, finding.SubjectKey), out var known) && known.Status != FlagStatus.Cleared
                && known.Fingerprint == Fingerprint(Serialize(finding), finding.Explanation, parametersJson, indicator.Version, PartyIds(finding), finding.EnterpriseId, finding.ProcedureDate))
            {
                counts += new SyncCounts(Unchanged: 1);
                continue;
            }
            batch.Add(finding);
            if (batch.Count < BatchSize) continue;
            counts += await ApplyAsync(indicator, parametersJson, batch, clearIds: [], clearUnmatched: null, actor, ct);
            batch.Clear();
        }
        if (batch.Count > 0) counts += await ApplyAsync(indicator, parametersJson, batch, clearIds: [], clearUnmatched: null, actor, ct);

        foreach (var chunk in existing.Values.Where(k => k.Status != FlagStatus.Cleared).Select(k => k.Id).Chunk(BatchSize))
            counts += await ApplyAsync(indicator, parametersJson, [], chunk, clearUnmatched: null, actor, ct);
        return counts;
    }

    /// <summary>
    /// Rescan of a few procedures: the findings are complete for the covered procedures (and enterprise-level
    /// subjects), so every active flag of theirs without a finding is cleared.
    /// </summary>
    public Task<SyncCounts> SyncTargetedAsync(IIndicator indicator, IndicatorParameters parameters, IndicatorRun run,
        IReadOnlyList<Finding> findings, string actor, CancellationToken ct)
    {
        var procedures = new HashSet<int>(run.CoveredProcedures);
        procedures.UnionWith(run.Scope.ProcedureIds ?? []);
        var subjects = new HashSet<string>(run.CoveredEnterpriseSubjects);
        foreach (var f in findings)
        {
            if (f.ProcedureId == 0) subjects.Add(f.SubjectKey);
            else procedures.Add(f.ProcedureId);
        }
        procedures.Remove(0);
        return ApplyAsync(indicator, parameters.ToJson(), findings, [], (procedures, subjects), actor, ct);
    }

    private async Task<SyncCounts> ApplyAsync(IIndicator indicator, string parametersJson, IReadOnlyList<Finding> findings,
        IReadOnlyCollection<long> clearIds, (HashSet<int> Procedures, HashSet<string> Subjects)? clearUnmatched, string actor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var (counts, raised) = await ApplyOnceAsync(indicator, parametersJson, findings, clearIds, clearUnmatched, actor, ct);
                await db.SaveChangesAsync(ct);
                await InsertRaisedAsync(raised, actor, ct);
                await transaction.CommitAsync(ct);
                return counts;
            }
            catch (Exception ex) when (attempt < Attempts && IsRace(ex))
            {
                // Someone else raised or changed one of these flags meanwhile: read them again and reapply.
                logger.LogInformation("Flag sync of {Code} lost a race ({Error}); retrying", indicator.Code, ex.GetType().Name);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(SyncCounts Counts, List<Flag> Raised)> ApplyOnceAsync(IIndicator indicator, string parametersJson, IReadOnlyList<Finding> findings,
        IReadOnlyCollection<long> clearIds, (HashSet<int> Procedures, HashSet<string> Subjects)? clearUnmatched, string actor, CancellationToken ct)
    {
        var code = indicator.Code;
        var kind = indicator.ProcedureKind;
        var now = clock.GetUtcNow().UtcDateTime;
        var procedureIds = findings.Select(f => f.ProcedureId).Concat(clearUnmatched?.Procedures ?? []).Distinct().ToArray();
        var subjects = (clearUnmatched?.Subjects ?? []).Concat(findings.Where(f => f.ProcedureId == 0).Select(f => f.SubjectKey)).Distinct().ToArray();
        var tracked = new List<Flag>();
        if (procedureIds.Length > 0 || subjects.Length > 0)
            tracked = await db.Flags
                .Where(f => f.Code == code && f.ProcedureKind == kind
                            && (procedureIds.Contains(f.ProcedureId) || (f.ProcedureId == 0 && subjects.Contains(f.SubjectKey))))
                .ToListAsync(ct);
        var byKey = tracked.ToDictionary(f => (f.ProcedureId, f.SubjectKey));

        var counts = new SyncCounts();
        var raised = new List<Flag>();
        foreach (var finding in findings)
        {
            var evidence = Serialize(finding);
            var partyIds = PartyIds(finding);
            if (!byKey.Remove((finding.ProcedureId, finding.SubjectKey), out var flag))
            {
                flag = new Flag
                {
                    Code = code,
                    IndicatorVersion = indicator.Version,
                    ProcedureKind = kind,
                    ProcedureId = finding.ProcedureId,
                    SubjectKey = finding.SubjectKey,
                    EnterpriseId = finding.EnterpriseId,
                    ProcedureDate = finding.ProcedureDate,
                    ParametersJson = parametersJson,
                    EvidenceJson = evidence,
                    Explanation = finding.Explanation,
                    PartyIds = partyIds,
                    Status = FlagStatus.Open,
                    RaisedAt = now,
                };
                raised.Add(flag);
                counts += new SyncCounts(Raised: 1);
                continue;
            }
            var changed = flag.EvidenceJson != evidence || flag.Explanation != finding.Explanation || flag.ParametersJson != parametersJson
                          || flag.IndicatorVersion != indicator.Version || flag.PartyIds != partyIds || flag.EnterpriseId != finding.EnterpriseId
                          || flag.ProcedureDate != finding.ProcedureDate;
            if (flag.Status == FlagStatus.Cleared)
            {
                // The condition holds again: a fresh "look here" that needs a fresh review.
                flag.Status = FlagStatus.Open;
                flag.ClearedAt = null;
                flag.ReviewedBy = null;
                flag.ReviewedAt = null;
                flag.ReviewReason = null;
                db.FlagEvents.Add(new FlagEvent { FlagId = flag.Id, Kind = FlagEventKind.Reopened, At = now, Actor = actor, Text = finding.Explanation });
                counts += new SyncCounts(Reopened: 1);
            }
            else if (changed)
            {
                db.FlagEvents.Add(new FlagEvent { FlagId = flag.Id, Kind = FlagEventKind.EvidenceUpdated, At = now, Actor = actor, Text = finding.Explanation });
                counts += new SyncCounts(Updated: 1);
            }
            else
            {
                counts += new SyncCounts(Unchanged: 1);
                continue;
            }
            flag.IndicatorVersion = indicator.Version;
            flag.EnterpriseId = finding.EnterpriseId;
            flag.ProcedureDate = finding.ProcedureDate;
            flag.ParametersJson = parametersJson;
            flag.EvidenceJson = evidence;
            flag.Explanation = finding.Explanation;
            flag.PartyIds = partyIds;
        }

        var toClear = new List<Flag>();
        if (clearUnmatched is not null) toClear.AddRange(byKey.Values);
        if (clearIds.Count > 0)
        {
            var ids = clearIds.ToArray();
            toClear.AddRange(await db.Flags.Where(f => ids.Contains(f.Id)).ToListAsync(ct));
        }
        foreach (var flag in toClear.Where(f => f.Status != FlagStatus.Cleared))
        {
            flag.Status = FlagStatus.Cleared;
            flag.ClearedAt = now;
            db.FlagEvents.Add(new FlagEvent { FlagId = flag.Id, Kind = FlagEventKind.Cleared, At = now, Actor = actor, Text = "The condition no longer holds after a change of the data or the parameters." });
            counts += new SyncCounts(Cleared: 1);
        }
        return (counts, raised);
    }

    /// <summary>
    /// New flags and their Raised events go in through two prepared statements (plain SQL both providers run): a
    /// full scan may raise tens of thousands, and per-entity change tracking costs far more than the insert itself.
    /// The event finds its flag through the unique key, so no generated id has to travel back.
    /// </summary>
    private async Task InsertRaisedAsync(List<Flag> raised, string actor, CancellationToken ct)
    {
        if (raised.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var flagTable = db.Model.FindEntityType(typeof(Flag))!.GetTableName();
        var eventTable = db.Model.FindEntityType(typeof(FlagEvent))!.GetTableName();
        await using var insertFlag = connection.CreateCommand();
        insertFlag.Transaction = transaction;
        insertFlag.CommandText =
            $"INSERT INTO {flagTable} (Code, IndicatorVersion, ProcedureKind, ProcedureId, EnterpriseId, ProcedureDate, SubjectKey, ParametersJson, EvidenceJson, Explanation, PartyIds, Status, RaisedAt, Version) " +
            "VALUES (@code, @version, @kind, @procedure, @enterprise, @date, @subject, @parameters, @evidence, @explanation, @parties, @status, @at, 0)";
        await using var insertEvent = connection.CreateCommand();
        insertEvent.Transaction = transaction;
        insertEvent.CommandText =
            $"INSERT INTO {eventTable} (FlagId, Kind, At, Actor, Text) SELECT Id, @event, @at, @actor, @explanation FROM {flagTable} " +
            "WHERE Code = @code AND ProcedureKind = @kind AND ProcedureId = @procedure AND SubjectKey = @subject";
        string[] flagParameters = ["@code", "@version", "@kind", "@procedure", "@enterprise", "@date", "@subject", "@parameters", "@evidence", "@explanation", "@parties", "@status", "@at"];
        string[] eventParameters = ["@event", "@at", "@actor", "@explanation", "@code", "@kind", "@procedure", "@subject"];
        foreach (var name in flagParameters) AddParameter(insertFlag, name);
        foreach (var name in eventParameters) AddParameter(insertEvent, name);
        foreach (var f in raised)
        {
            object?[] flagValues = [f.Code, f.IndicatorVersion, f.ProcedureKind.ToString(), f.ProcedureId, f.EnterpriseId, f.ProcedureDate, f.SubjectKey,
                f.ParametersJson, f.EvidenceJson, f.Explanation, f.PartyIds, f.Status.ToString(), f.RaisedAt];
            for (var i = 0; i < flagValues.Length; i++) insertFlag.Parameters[i].Value = flagValues[i] ?? DBNull.Value;
            await insertFlag.ExecuteNonQueryAsync(ct);
            object?[] eventValues = [FlagEventKind.Raised.ToString(), f.RaisedAt, actor, f.Explanation, f.Code, f.ProcedureKind.ToString(), f.ProcedureId, f.SubjectKey];
            for (var i = 0; i < eventValues.Length; i++) insertEvent.Parameters[i].Value = eventValues[i] ?? DBNull.Value;
            await insertEvent.ExecuteNonQueryAsync(ct);
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
    }

    internal static string Serialize(Finding finding) => JsonSerializer.Serialize(finding.Evidence, EvidenceJson);

    private static string? PartyIds(Finding finding) => finding.PartyIds.Count == 0 ? null : TenderQueries.PartyList(finding.PartyIds);

    private static int Fingerprint(string evidence, string explanation, string parameters, int version, string? partyIds, int? enterpriseId, DateTime? date) =>
        HashCode.Combine(evidence, explanation, parameters, version, partyIds, enterpriseId, date);

    /// <summary>A unique-index violation or a stale concurrency token: another scan or a review got there first.</summary>
    internal static bool IsRace(Exception ex) => ex is DbUpdateConcurrencyException || (ex is DbUpdateException ? ex.InnerException : ex) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}
