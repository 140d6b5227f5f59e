using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// The few SQLite calls <see cref="SqliteStatement"/> makes once per value, on the statement's raw pointer, bound to the
/// e_sqlite3 library SQLitePCL loads. SQLitePCL's own calls take the statement's SafeHandle and add and release a
/// reference around each call; the statement here holds one reference for as long as it lives instead.
/// None of them skips the GC transition (<see cref="SuppressGCTransitionAttribute"/>): e_sqlite3 is built thread-safe and
/// Microsoft.Data.Sqlite opens connections without SQLITE_OPEN_NOMUTEX, so every call enters the connection's mutex; a
/// bind frees the value it replaces and copies a text or blob through malloc (whose arena lock other threads contend
/// for); a reset can end a read transaction of the write-ahead log. A thread stuck in any of them without the transition
/// would hold up every garbage collection of the process.
/// </summary>
internal static unsafe class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound text before the call returns.</summary>
    public static readonly nint Transient = -1;

    /// <summary>
    /// Whether the library these calls load is the very one SQLitePCL bound (the same image in memory, so the same
    /// statements), checked once. It is not when SQLitePCL was given another bundle (a system SQLite, SQLCipher): a
    /// statement of one library handed to another would corrupt memory, so <see cref="SqliteStatement"/> refuses to run.
    /// </summary>
    public static readonly bool IsSqlitePclLibrary = LoadsSqlitePclLibrary();

    /// <summary>Throws, saying why, when the library these calls load is not the one SQLitePCL bound.</summary>
    public static void EnsureSqlitePclLibrary()
    {
        if (!IsSqlitePclLibrary)
        {
            throw new InvalidOperationException(
                $"SQLite 原生库不一致 / SQLitePCL uses the SQLite library '{raw.GetNativeLibraryName()}', not the {Library} that SqliteStatement's raw calls load: " +
                "reference SQLitePCLRaw.bundle_e_sqlite3 (Microsoft.Data.Sqlite's default), or change SqliteNative.Library to match.");
        }
    }

    [DllImport(Library)]
    public static extern int sqlite3_step(nint statement);

    [DllImport(Library)]
    public static extern int sqlite3_reset(nint statement);

    [DllImport(Library)]
    public static extern int sqlite3_bind_null(nint statement, int index);

    [DllImport(Library)]
    public static extern int sqlite3_bind_int64(nint statement, int index, long value);

    [DllImport(Library)]
    public static extern int sqlite3_bind_text(nint statement, int index, byte* utf8, int bytes, nint destructor);

    [DllImport(Library)]
    public static extern int sqlite3_bind_blob(nint statement, int index, byte* data, int bytes, nint destructor);

    [DllImport(Library)]
    public static extern int sqlite3_bind_zeroblob(nint statement, int index, int bytes);

    [DllImport(Library)]
    public static extern int sqlite3_column_type(nint statement, int column);

    [DllImport(Library)]
    public static extern byte* sqlite3_column_blob(nint statement, int column);

    [DllImport(Library)]
    public static extern int sqlite3_column_bytes(nint statement, int column);

    [DllImport(Library)]
    public static extern long sqlite3_column_int64(nint statement, int column);

    [DllImport(Library)]
    public static extern int sqlite3_column_int(nint statement, int column);

    /// <summary>The address of the library's version text (<c>sqlite3_version</c>), which lives in its image.</summary>
    [DllImport(Library)]
    public static extern byte* sqlite3_libversion();

    /// <summary>
    /// Compares where the two bindings find the library's version text: the same address only in the same loaded
    /// library (two copies of one SQLite version have equal texts at different addresses).
    /// </summary>
    internal static bool LoadsSqlitePclLibrary()
    {
        // Microsoft.Data.Sqlite sets up SQLitePCL's provider when its connection type is first used.
        RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);
        try
        {
            fixed (byte* bound = raw.sqlite3_libversion())
            {
                return bound == sqlite3_libversion();
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }
}
