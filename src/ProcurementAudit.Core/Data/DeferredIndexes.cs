using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ProcurementAudit.Core.Data;

/// <summary>
/// Secondary indexes set aside during a large import into the embedded database and built again afterwards: SQLite
/// builds an index from a sort far faster than it maintains one row by row, and on a growing database maintaining
/// them became most of an import's cost. Only non-unique indexes are set aside, so no constraint is ever off.
/// Each index's definition is recorded in <c>__DeferredIndexes</c> in the same transaction that drops it, so a crash
/// cannot lose one: <see cref="RestoreAsync"/> runs after every import, at every start-up and before every import.
/// </summary>
public static class DeferredIndexes
{
    private const string Table = "__DeferredIndexes";

    /// <summary>
    /// Drops the non-unique indexes of <paramref name="tables"/>, recording their definitions first. Indexes that lead
    /// with one of <paramref name="appendedColumns"/> stay: an importer that hands out those ids in increasing order adds
    /// each key at the end of such an index, which costs little, while building it again means another pass over the table.
    /// </summary>
    public static async Task DeferAsync(DbConnection connection, IReadOnlyCollection<string> tables, CancellationToken ct,
        IReadOnlyCollection<string>? appendedColumns = null)
    {
        appendedColumns ??= [];
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, $"""CREATE TABLE IF NOT EXISTS "{Table}" ("Name" TEXT NOT NULL PRIMARY KEY, "Sql" TEXT NOT NULL)""", ct);
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // sql is null for the indexes behind PRIMARY KEY and UNIQUE constraints; CREATE UNIQUE INDEX ones are kept too.
            command.CommandText = $"""
                SELECT name, sql FROM sqlite_master AS m
                WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                  AND tbl_name IN ({string.Join(", ", tables.Select((_, i) => $"$t{i}"))})
                  AND (SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0) NOT IN ({string.Join(", ", appendedColumns.Select((_, i) => $"$c{i}"))})
                """;
            foreach (var (table, i) in tables.Select((t, i) => (t, i))) AddParameter(command, $"$t{i}", table);
            foreach (var (column, i) in appendedColumns.Select((c, i) => (c, i))) AddParameter(command, $"$c{i}", column);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, sql) in indexes)
        {
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = $"""INSERT OR REPLACE INTO "{Table}" ("Name", "Sql") VALUES ($name, $sql)""";
                AddParameter(record, "$name", name);
                AddParameter(record, "$sql", sql);
                await record.ExecuteNonQueryAsync(ct);
            }
            await ExecuteAsync(connection, transaction, $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Builds every index recorded as set aside and forgets it, one transaction per index (so other writers get in
    /// between; each index and its record still go together). Returns how many were built.
    /// </summary>
    public static async Task<int> RestoreAsync(DbConnection connection, CancellationToken ct)
    {
        if (!await ExistsAsync(connection, null, "table", Table, ct)) return 0;
        var pending = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""SELECT "Name", "Sql" FROM "{Table}" ORDER BY "Name" """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) pending.Add((reader.GetString(0), reader.GetString(1)));
        }
        if (pending.Count == 0) return 0;

        foreach (var (name, sql) in pending)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // Another run may have built it already; the recorded definition is the one the migrations created.
            if (!await ExistsAsync(connection, transaction, "index", name, ct)) await ExecuteAsync(connection, transaction, sql, ct);
            await using var forget = connection.CreateCommand();
            forget.Transaction = transaction;
            forget.CommandText = $"""DELETE FROM "{Table}" WHERE "Name" = $name""";
            AddParameter(forget, "$name", name);
            await forget.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return pending.Count;
    }

    /// <summary><see cref="RestoreAsync(DbConnection, CancellationToken)"/> on the context's connection (SQLite only).</summary>
    public static async Task<int> RestoreAsync(AuditDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await RestoreAsync(db.Database.GetDbConnection(), ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether the schema holds a <paramref name="type"/> (table, index) of that name.</summary>
    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string type, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = $type AND name = $name";
        AddParameter(command, "$type", type);
        AddParameter(command, "$name", name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
