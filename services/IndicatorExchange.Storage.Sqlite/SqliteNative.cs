using System.Runtime.InteropServices;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// The few SQLite calls <see cref="SqliteStatement"/> makes once per value, bound to the same e_sqlite3 library
/// SQLitePCL loads, on the statement's raw pointer. SQLitePCL's own calls take the statement's SafeHandle, add a
/// reference and release it around each call, and make the full managed-to-native transition: in the profile of a
/// recomputation that was more of the reading thread's time than SQLite's own work for the values. The binds and
/// column reads here are short and never block or call back into .NET, so they skip the GC transition
/// (<see cref="SuppressGCTransitionAttribute"/>); stepping a statement does I/O and keeps it.
/// </summary>
internal static unsafe class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound text before the call returns.</summary>
    public static readonly nint Transient = -1;

    [DllImport(Library)]
    public static extern int sqlite3_step(nint statement);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_reset(nint statement);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_null(nint statement, int index);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_int64(nint statement, int index, long value);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_text(nint statement, int index, byte* utf8, int bytes, nint destructor);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_blob(nint statement, int index, byte* data, int bytes, nint destructor);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_zeroblob(nint statement, int index, int bytes);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_type(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern byte* sqlite3_column_blob(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_bytes(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern long sqlite3_column_int64(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_int(nint statement, int column);
}
