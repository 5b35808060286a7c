using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// A prepared INSERT (or UPDATE by id) for one entity type, with columns and value converters taken from the EF
/// model, so it stays in step with migrations. EF Core's SQLite provider sends one command per row with
/// change-tracking around each, and even a reused <see cref="SqliteCommand"/> looks every parameter up by name
/// and allocates per execution; so the statement is prepared once on the connection's native handle and values
/// are bound by position. Values are stored exactly as Microsoft.Data.Sqlite stores them (dates and decimals as
/// the same text), so rows written here and rows written by EF read back alike. The statement joins whatever
/// transaction is open on the connection.
/// </summary>
/// <remarks>
/// Statements are <c>OR FAIL</c>: a failing one stops where it is instead of undoing its own rows, because the writer
/// rolls back its whole transaction or savepoint on any failure anyway. That spares SQLite a statement journal, a
/// copy of every page a statement touches that it would otherwise write to a temporary file first.
/// </remarks>
internal sealed class SqliteRows<T> : IDisposable where T : class
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Column[] _columns;
    private byte[] _utf8 = new byte[1024];

    // Multi-row INSERT: rows are buffered and written RowsPerStatement at a time by one statement, which opens the
    // table's and indexes' cursors once for all of them (appends of increasing ids then skip the descent from the root).
    private readonly sqlite3_stmt? _many;
    private readonly List<T> _pending = [];
    private sqlite3_stmt _bound = null!;

    /// <summary>Rows per multi-row INSERT; SQLite allows 32766 parameters per statement.</summary>
    public int RowsPerStatement { get; }

    /// <summary>
    /// Binds a column of a row to parameter <c>index</c> and returns SQLite's result code: the property read, its EF
    /// value converter applied and the typed bind call, compiled into one delegate (no boxing per value).
    /// </summary>
    private sealed record Column(Func<SqliteRows<T>, T, int, int> Bind);

    public string Table { get; }

    private SqliteRows(DbConnection connection, string sql, Column[] columns, string table, string? manySql = null, int rowsPerStatement = 1)
    {
        _db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        if (manySql is not null) Check(raw.sqlite3_prepare_v2(_db, manySql, out _many));
        _bound = _statement;
        _columns = columns;
        Table = table;
        RowsPerStatement = rowsPerStatement;
    }

    /// <summary>
    /// INSERT of every mapped column, the id included (ids are handed out by the writer): one row with
    /// <see cref="Execute"/>, or many with <see cref="Add"/> and <see cref="Flush"/>.
    /// </summary>
    public static SqliteRows<T> Insert(DbContext db, DbConnection connection, int rowsPerStatement = 64)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        rowsPerStatement = Math.Clamp(rowsPerStatement, 1, 32766 / properties.Count);
        var head = $"INSERT OR FAIL INTO \"{table}\" ({string.Join(", ", properties.Select(Quote))}) VALUES ";
        var row = $"({Placeholders(properties.Count)})";
        return new SqliteRows<T>(connection, head + row, [.. properties.Select(Bind)], table,
            rowsPerStatement > 1 ? head + string.Join(", ", Enumerable.Repeat(row, rowsPerStatement)) : null, rowsPerStatement);
    }

    /// <summary>Rows added and not yet flushed.</summary>
    public int Pending => _pending.Count;

    /// <summary>Buffers a row for the next <see cref="Flush"/>.</summary>
    public void Add(T row) => _pending.Add(row);

    /// <summary>Drops buffered rows (after a failed batch).</summary>
    public void Discard() => _pending.Clear();

    /// <summary>Inserts the buffered rows in order: full statements of many rows, the rest one by one.</summary>
    /// <remarks>The hot methods are optimized at once: a run calls them a few dozen times, too few for tiered compilation.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Flush()
    {
        try
        {
            var i = 0;
            if (_many is { } many)
            {
                for (; i + RowsPerStatement <= _pending.Count; i += RowsPerStatement)
                {
                    _bound = many;
                    try
                    {
                        for (var r = 0; r < RowsPerStatement; r++) Bind(_pending[i + r], r * _columns.Length);
                        Step(many);
                    }
                    finally
                    {
                        _bound = _statement;
                    }
                }
            }
            for (; i < _pending.Count; i++) Execute(_pending[i]);
        }
        finally
        {
            _pending.Clear();
        }
    }

    private void Step(sqlite3_stmt statement)
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE) Check(rc);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>UPDATE of every mapped column except the key and the named ones, by id.</summary>
    public static SqliteRows<T> Update(DbContext db, DbConnection connection, params string[] keep)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null && p != key && !keep.Contains(p.Name)).ToList();
        var sql = $"UPDATE OR FAIL \"{table}\" SET {string.Join(", ", properties.Select(p => $"{Quote(p)} = ?"))} WHERE {Quote(key)} = ?";
        return new SqliteRows<T>(connection, sql, [.. properties.Select(Bind), Bind(key)], table);
    }

    /// <summary>
    /// INSERT without the id, or on a clash of the unique <paramref name="conflict"/> columns an UPDATE in which
    /// the new values win and missing (null) ones keep what is stored; returns the row's id either way.
    /// </summary>
    public static SqliteRows<T> Upsert(DbContext db, DbConnection connection, params string[] conflict)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null && p != key).ToList();
        var updates = properties.Where(p => !conflict.Contains(p.Name))
            .Select(p => p.IsNullable ? $"{Quote(p)} = COALESCE(excluded.{Quote(p)}, {Quote(p)})" : $"{Quote(p)} = excluded.{Quote(p)}");
        var sql = $"INSERT OR FAIL INTO \"{table}\" ({string.Join(", ", properties.Select(Quote))}) VALUES ({Placeholders(properties.Count)}) "
            + $"ON CONFLICT ({string.Join(", ", conflict.Select(c => Quote(entity.FindProperty(c)!)))}) DO UPDATE SET {string.Join(", ", updates)} RETURNING {Quote(key)}";
        return new SqliteRows<T>(connection, sql, [.. properties.Select(Bind)], table);
    }

    /// <summary>INSERT of the row unless a row with the same values in <paramref name="match"/> exists.</summary>
    public static SqliteRows<T> InsertMissing(DbContext db, DbConnection connection, params string[] match)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null && p != key).ToList();
        // Numbered placeholders (?1, ?2, ...) so the WHERE reuses the values bound for the insert.
        var where = string.Join(" AND ", match.Select(m => $"{Quote(entity.FindProperty(m)!)} = ?{properties.FindIndex(p => p.Name == m) + 1}"));
        var sql = $"INSERT OR FAIL INTO \"{table}\" ({string.Join(", ", properties.Select(Quote))}) "
            + $"SELECT {string.Join(", ", properties.Select((_, i) => $"?{i + 1}"))} WHERE NOT EXISTS (SELECT 1 FROM \"{table}\" WHERE {where})";
        return new SqliteRows<T>(connection, sql, [.. properties.Select(Bind)], table);
    }

    /// <summary>Runs the statement and returns the first column of its first row (the id of RETURNING).</summary>
    public int Scalar(T row)
    {
        Bind(row, 0);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW) Check(rc == raw.SQLITE_DONE ? raw.SQLITE_MISMATCH : rc);
            var id = checked((int)raw.sqlite3_column_int64(_statement, 0));
            while (rc == raw.SQLITE_ROW) rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE) Check(rc);
            return id;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Execute(T row)
    {
        Bind(row, 0);
        Step(_statement);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Binds a row's values to the parameters after <paramref name="offset"/> of the bound statement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Bind(T row, int offset)
    {
        var columns = _columns;
        for (var i = 0; i < columns.Length; i++)
            Check(columns[i].Bind(this, row, offset + i + 1));
    }

    // The storage of each CLR type is Microsoft.Data.Sqlite's default: integers, reals, text for the rest.
    private int BindNull(int index) => raw.sqlite3_bind_null(_bound, index);

    private int BindInt64(int index, long value) => raw.sqlite3_bind_int64(_bound, index, value);

    private int BindDouble(int index, double value) => raw.sqlite3_bind_double(_bound, index, value);

    private int BindDecimal(int index, decimal value) => BindText(index, value.ToString("0.0###########################", CultureInfo.InvariantCulture));

    private int BindDateTime(int index, DateTime value) => raw.sqlite3_bind_text(_bound, index, _utf8.AsSpan(0, FormatDateTime(value, _utf8)));

    private int BindDateTimeOffset(int index, DateTimeOffset value) => BindText(index, value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));

    /// <summary>
    /// <paramref name="value"/> as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> in UTF-8 (the text Microsoft.Data.Sqlite stores
    /// for a DateTime), without a string in between: most rows carry several dates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int FormatDateTime(DateTime value, Span<byte> destination)
    {
        static void Digits(Span<byte> to, int number, int count)
        {
            for (var i = count - 1; i >= 0; i--, number /= 10) to[i] = (byte)('0' + number % 10);
        }
        Digits(destination, value.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination[5..], value.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination[8..], value.Day, 2);
        destination[10] = (byte)' ';
        Digits(destination[11..], value.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination[14..], value.Minute, 2);
        destination[16] = (byte)':';
        Digits(destination[17..], value.Second, 2);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0) return 19;
        destination[19] = (byte)'.';
        Digits(destination[20..], fraction, 7);
        var length = 27;
        while (destination[length - 1] == (byte)'0') length--;
        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BindText(int index, string text)
    {
        // An empty span would bind NULL, not ''.
        if (text.Length == 0) return raw.sqlite3_bind_text(_bound, index, "");
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > _utf8.Length) _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(_bound, index, _utf8.AsSpan(0, length)); // copied by SQLite (transient)
    }

    private void Check(int rc) => SqliteResult.Check(_db, rc);

    private static string Quote(IProperty property) => $"\"{property.GetColumnName()}\"";

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Repeat("?", count));

    private static Column Bind(IProperty property)
    {
        var converter = ((RelationalTypeMapping)property.GetRelationalTypeMapping()).Converter;
        var self = Expression.Parameter(typeof(SqliteRows<T>), "self");
        var row = Expression.Parameter(typeof(T), "row");
        var index = Expression.Parameter(typeof(int), "index");
        Expression value = Expression.Property(row, property.PropertyInfo!);
        Expression body;
        if (converter is null)
        {
            body = BindAny(value);
        }
        else
        {
            // The converter's expression inlined; null stays null (EF does not convert nulls).
            var convert = converter.ConvertToProviderExpression;
            var underlying = Nullable.GetUnderlyingType(value.Type);
            var model = underlying is not null ? Expression.Property(value, "Value") : value;
            if (model.Type != convert.Parameters[0].Type) model = Expression.Convert(model, convert.Parameters[0].Type);
            var converted = BindAny(ReplacingVisitor.Replace(convert.Body, convert.Parameters[0], model));
            body = underlying is not null || !value.Type.IsValueType
                ? Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Call("BindNull"), converted)
                : converted;
        }
        return new Column(Expression.Lambda<Func<SqliteRows<T>, T, int, int>>(body, self, row, index).Compile());

        Expression Call(string method, Expression? argument = null) =>
            argument is null
                ? Expression.Call(self, typeof(SqliteRows<T>).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!, index)
                : Expression.Call(self, typeof(SqliteRows<T>).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!, index, argument);

        Expression BindAny(Expression e)
        {
            if (Nullable.GetUnderlyingType(e.Type) is not null)
                return Expression.Condition(Expression.Property(e, "HasValue"), BindValue(Expression.Property(e, "Value")), Call("BindNull"));
            if (!e.Type.IsValueType)
                return Expression.Condition(Expression.Equal(e, Expression.Constant(null, e.Type)), Call("BindNull"), BindValue(e));
            return BindValue(e);
        }

        Expression BindValue(Expression e)
        {
            var type = e.Type.IsEnum ? Enum.GetUnderlyingType(e.Type) : e.Type;
            if (type != e.Type) e = Expression.Convert(e, type);
            return type switch
            {
                _ when type == typeof(string) => Call(nameof(BindText), e),
                _ when type == typeof(bool) => Call(nameof(BindInt64), Expression.Condition(e, Expression.Constant(1L), Expression.Constant(0L))),
                _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
                    || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint) => Call(nameof(BindInt64), Expression.Convert(e, typeof(long))),
                _ when type == typeof(double) || type == typeof(float) => Call(nameof(BindDouble), Expression.Convert(e, typeof(double))),
                _ when type == typeof(decimal) => Call(nameof(BindDecimal), e),
                _ when type == typeof(DateTime) => Call(nameof(BindDateTime), e),
                _ when type == typeof(DateTimeOffset) => Call(nameof(BindDateTimeOffset), e),
                _ => throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: values of type {type.Name} are not bound by the bulk writer."),
            };
        }
    }

    private sealed class ReplacingVisitor(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        public static Expression Replace(Expression body, ParameterExpression parameter, Expression replacement) =>
            new ReplacingVisitor(parameter, replacement).Visit(body);

        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }

    public void Dispose()
    {
        _statement.Dispose();
        _many?.Dispose();
    }
}

/// <summary>A native SQLite result code turned into the exception Microsoft.Data.Sqlite itself would throw.</summary>
internal static class SqliteResult
{
    public static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
