using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// A statement prepared once on an open connection and run for many rows, its parameters named once and then bound
/// by position. Through Microsoft.Data.Sqlite every execution walks the command's statements again and looks each
/// parameter up by name; in a profile of an upload that cost more than SQLite's own work for the INSERT. It runs in
/// whatever transaction the connection has open, like any command on it. Not thread-safe, like the connection.
/// </summary>
public sealed unsafe class SqliteStatement : IDisposable
{
    // Longer texts are encoded into a rented buffer instead of the stack.
    private const int StackBytes = 512;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    // The statement's pointer for the calls made once per value (SqliteNative). The SafeHandle above owns it; the reference
    // added to it from prepare to Dispose keeps it from being released (or finalized) while the pointer is in use, at the
    // cost of one reference per statement rather than one per call. A statement never disposed keeps its native statement.
    private nint _handle;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        SqliteNative.EnsureSqlitePclLibrary();
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        var added = false;
        _statement.DangerousAddRef(ref added);
        _handle = _statement.DangerousGetHandle();
    }

    /// <summary>The position of a named parameter (<c>$name</c>, <c>@name</c> or <c>:name</c>), to bind it by.</summary>
    public int IndexOf(string parameter) =>
        raw.sqlite3_bind_parameter_index(_statement, parameter) is var index and > 0
            ? index
            : throw new ArgumentException($"The statement has no parameter {parameter}.", nameof(parameter));

    /// <summary>Binds a text, or NULL for null. A value stays bound until it is bound again, across executions.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(SqliteNative.sqlite3_bind_null(Handle, index));
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length) <= StackBytes ? 0 : Encoding.UTF8.GetByteCount(value);
        var rented = length > 0 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
            var written = Encoding.UTF8.GetBytes(value, utf8);
            fixed (byte* bytes = utf8)
            {
                Check(SqliteNative.sqlite3_bind_text(Handle, index, bytes, written, SqliteNative.Transient));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Bind(int index, long value) => Check(SqliteNative.sqlite3_bind_int64(Handle, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } v ? SqliteNative.sqlite3_bind_int64(Handle, index, v) : SqliteNative.sqlite3_bind_null(Handle, index));

    public void Bind(int index, byte[] value)
    {
        if (value.Length == 0)
        {
            // An empty blob, not NULL (a null pointer would bind NULL).
            Check(SqliteNative.sqlite3_bind_zeroblob(Handle, index, 0));
            return;
        }
        fixed (byte* data = value)
        {
            Check(SqliteNative.sqlite3_bind_blob(Handle, index, data, value.Length, SqliteNative.Transient));
        }
    }

    /// <summary>Runs the statement to its end (an INSERT, UPDATE or DELETE); answers how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = SqliteNative.sqlite3_step(Handle)) == raw.SQLITE_ROW)
            {
            }
            Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            SqliteNative.sqlite3_reset(Handle);
        }
    }

    /// <summary>Runs a statement that answers one integer (an <c>INSERT … RETURNING</c> of a key, a count).</summary>
    public long ExecuteInt64()
    {
        try
        {
            var rc = SqliteNative.sqlite3_step(Handle);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
                throw new InvalidOperationException("The statement answered no row.");
            }
            var value = SqliteNative.sqlite3_column_int64(Handle, 0);
            while ((rc = SqliteNative.sqlite3_step(Handle)) == raw.SQLITE_ROW)
            {
            }
            Check(rc);
            return value;
        }
        finally
        {
            SqliteNative.sqlite3_reset(Handle);
        }
    }

    /// <summary>Steps a query to its next row; false after the last, when the statement is ready to be bound and run again.</summary>
    public bool Read()
    {
        var rc = SqliteNative.sqlite3_step(Handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        SqliteNative.sqlite3_reset(Handle);
        Check(rc);
        return false;
    }

    /// <summary>Ends a query read only in part, so that the statement can run again.</summary>
    public void Reset() => SqliteNative.sqlite3_reset(Handle);

    public bool IsNull(int column) => SqliteNative.sqlite3_column_type(Handle, column) == raw.SQLITE_NULL;

    public string GetString(int column) => Encoding.UTF8.GetString(GetBytes(column));

    public string? GetNullableString(int column) => IsNull(column) ? null : GetString(column);

    /// <summary>A text or blob column's bytes (UTF-8 for text) without a string: valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> GetBytes(int column)
    {
        // The pointer first, then its length (SQLite's documented order: the length of what the pointer holds).
        var data = SqliteNative.sqlite3_column_blob(Handle, column);
        return data is null ? [] : new ReadOnlySpan<byte>(data, SqliteNative.sqlite3_column_bytes(Handle, column));
    }

    public long GetInt64(int column) => SqliteNative.sqlite3_column_int64(Handle, column);

    public int GetInt32(int column) => SqliteNative.sqlite3_column_int(Handle, column);

    public void Dispose()
    {
        if (_handle != 0)
        {
            _handle = 0;
            _statement.DangerousRelease();
        }
        _statement.Dispose();
    }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(SqliteStatement));

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
