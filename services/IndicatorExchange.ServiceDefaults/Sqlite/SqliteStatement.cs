using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IndicatorExchange.ServiceDefaults.Sqlite;

/// <summary>
/// A statement prepared once on an open connection and run for many rows, its parameters named once and then bound
/// by position. Through Microsoft.Data.Sqlite every execution walks the command's statements again and looks each
/// parameter up by name; in a profile of an upload that cost more than SQLite's own work for the INSERT. It runs in
/// whatever transaction the connection has open, like any command on it. Not thread-safe, like the connection.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>The position of a named parameter (<c>$name</c>, <c>@name</c> or <c>:name</c>), to bind it by.</summary>
    public int IndexOf(string parameter) =>
        raw.sqlite3_bind_parameter_index(_statement, parameter) is var index and > 0
            ? index
            : throw new ArgumentException($"The statement has no parameter {parameter}.", nameof(parameter));

    /// <summary>Binds a text, or NULL for null. A value stays bound until it is bound again, across executions.</summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, byte[] value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to its end (an INSERT, UPDATE or DELETE); answers how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }
            Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a statement that answers one integer (an <c>INSERT … RETURNING</c> of a key, a count).</summary>
    public long ExecuteInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
                throw new InvalidOperationException("The statement answered no row.");
            }
            var value = raw.sqlite3_column_int64(_statement, 0);
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }
            Check(rc);
            return value;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps a query to its next row; false after the last, when the statement is ready to be bound and run again.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        raw.sqlite3_reset(_statement);
        Check(rc);
        return false;
    }

    /// <summary>Ends a query read only in part, so that the statement can run again.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? GetNullableString(int column) => IsNull(column) ? null : GetString(column);

    /// <summary>A text or blob column's bytes (UTF-8 for text) without a string: valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> GetBytes(int column) => raw.sqlite3_column_blob(_statement, column);

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(_statement, column);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
