using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// A prepared INSERT (or UPDATE by id) for one entity type, with columns, parameter types and value converters
/// taken from the EF model, so it stays in step with migrations. EF Core's SQLite provider sends one command per
/// row with change-tracking around each; reusing one prepared command per table is what makes bulk import fast.
/// </summary>
internal sealed class SqliteRows<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;

    private sealed record Column(Func<T, object?> Get, ValueConverter? Converter, DbParameter Parameter);

    public string Table { get; }

    private SqliteRows(DbCommand command, Column[] columns, string table)
    {
        _command = command;
        _columns = columns;
        Table = table;
    }

    /// <summary>INSERT of every mapped column, the id included (ids are handed out by the writer).</summary>
    public static SqliteRows<T> Insert(DbContext db, DbConnection connection, DbTransaction transaction)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        var columns = properties.Select((p, i) => Bind(command, p, $"@p{i}")).ToArray();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        command.Prepare();
        return new SqliteRows<T>(command, columns, table);
    }

    /// <summary>UPDATE of every mapped column except the key and the named ones, by id.</summary>
    public static SqliteRows<T> Update(DbContext db, DbConnection connection, DbTransaction transaction, params string[] keep)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null && p != key && !keep.Contains(p.Name)).ToList();
        var columns = properties.Select((p, i) => Bind(command, p, $"@p{i}")).ToArray();
        var id = Bind(command, key, "@id");
        command.CommandText = $"UPDATE \"{table}\" SET {string.Join(", ", properties.Select((p, i) => $"\"{p.GetColumnName()}\" = @p{i}"))} WHERE \"{key.GetColumnName()}\" = @id";
        command.Prepare();
        return new SqliteRows<T>(command, [.. columns, id], table);
    }

    /// <summary>The commands live for a whole run; each batch has its own transaction.</summary>
    public DbTransaction? Transaction { set => _command.Transaction = value; }

    /// <summary>
    /// INSERT without the id, or on a clash of the unique <paramref name="conflict"/> columns an UPDATE in which
    /// the new values win and missing (null) ones keep what is stored; returns the row's id either way.
    /// </summary>
    public static SqliteRows<T> Upsert(DbContext db, DbConnection connection, DbTransaction transaction, params string[] conflict)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null && p != key).ToList();
        var columns = properties.Select((p, i) => Bind(command, p, $"@p{i}")).ToArray();
        string Quote(IProperty p) => $"\"{p.GetColumnName()}\"";
        var updates = properties.Where(p => !conflict.Contains(p.Name))
            .Select(p => p.IsNullable ? $"{Quote(p)} = COALESCE(excluded.{Quote(p)}, {Quote(p)})" : $"{Quote(p)} = excluded.{Quote(p)}");
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(Quote))}) VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))}) "
            + $"ON CONFLICT ({string.Join(", ", conflict.Select(c => Quote(entity.FindProperty(c)!)))}) DO UPDATE SET {string.Join(", ", updates)} RETURNING {Quote(key)}";
        command.Prepare();
        return new SqliteRows<T>(command, columns, table);
    }

    /// <summary>INSERT of the row unless a row with the same values in <paramref name="match"/> exists.</summary>
    public static SqliteRows<T> InsertMissing(DbContext db, DbConnection connection, DbTransaction transaction, params string[] match)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null && p != key).ToList();
        var columns = properties.Select((p, i) => Bind(command, p, $"@p{i}")).ToArray();
        var where = string.Join(" AND ", match.Select(m => $"\"{entity.FindProperty(m)!.GetColumnName()}\" = @p{properties.FindIndex(p => p.Name == m)}"));
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) "
            + $"SELECT {string.Join(", ", properties.Select((_, i) => $"@p{i}"))} WHERE NOT EXISTS (SELECT 1 FROM \"{table}\" WHERE {where})";
        command.Prepare();
        return new SqliteRows<T>(command, columns, table);
    }

    public int Scalar(T row)
    {
        Bind(row);
        return Convert.ToInt32(_command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Execute(T row)
    {
        Bind(row);
        return _command.ExecuteNonQuery();
    }

    private void Bind(T row)
    {
        foreach (var column in _columns)
        {
            var value = column.Get(row);
            if (value is not null && column.Converter is { } converter) value = converter.ConvertToProvider(value);
            column.Parameter.Value = value ?? DBNull.Value;
        }
    }

    private static Column Bind(DbCommand command, IProperty property, string name)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        var parameter = mapping.CreateParameter(command, name, null, property.IsNullable);
        command.Parameters.Add(parameter);
        var entity = Expression.Parameter(typeof(T));
        var getter = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(entity, property.PropertyInfo!), typeof(object)), entity).Compile();
        return new Column(getter, mapping.Converter, parameter);
    }

    public void Dispose() => _command.Dispose();
}
