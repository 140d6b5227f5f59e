using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IndicatorExchange.Storage.Sqlite.Tests;

/// <summary>
/// SqliteStatement hands SQLitePCL's statements to its own DllImport of e_sqlite3: that must be the very library SQLitePCL
/// loaded, not another copy or another SQLite, or the pointers would be read by code that does not own them.
/// </summary>
public sealed unsafe class NativeLibraryTests
{
    // Microsoft.Data.Sqlite gives SQLitePCL its provider (the bundle's e_sqlite3) when its connection type is first used.
    public NativeLibraryTests() => RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);

    [Fact]
    public void The_raw_calls_load_the_library_sqlitepcl_bound()
    {
        var bound = raw.sqlite3_libversion().utf8_to_string();
        var loaded = Marshal.PtrToStringUTF8((nint)SqliteNative.sqlite3_libversion());

        Assert.Equal(bound, loaded);
        Assert.True(SqliteNative.LoadsSqlitePclLibrary(),
            $"SqliteNative's e_sqlite3 (SQLite {loaded}) is another image than SQLitePCL's {raw.GetNativeLibraryName()} (SQLite {bound}).");
        Assert.True(SqliteNative.IsSqlitePclLibrary);
        SqliteNative.EnsureSqlitePclLibrary();
    }

    [Fact]
    public void A_second_copy_of_the_same_library_is_told_apart()
    {
        // The check compares addresses in the loaded images, so two copies of one SQLite build (equal version texts) differ.
        if (LoadedLibraryPath() is not { } path)
        {
            return; // Not Linux: no /proc/self/maps to find the loaded library in.
        }
        var copy = Path.Combine(Directory.CreateTempSubdirectory("ix-sqlite-copy-").FullName, "libe_sqlite3_copy.so");
        File.Copy(path, copy);
        var library = NativeLibrary.Load(copy);
        try
        {
            var libversion = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(library, "sqlite3_libversion");
            var other = libversion();
            fixed (byte* bound = raw.sqlite3_libversion())
            {
                Assert.Equal(Marshal.PtrToStringUTF8((nint)bound), Marshal.PtrToStringUTF8((nint)other));
                Assert.True(bound != other);
                Assert.True(bound == SqliteNative.sqlite3_libversion());
            }
        }
        finally
        {
            NativeLibrary.Free(library);
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [Fact]
    public void Every_call_on_a_connection_enters_its_mutex_so_none_skips_the_gc_transition()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var handle = connection.Handle!;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            Assert.NotEqual(0, raw.sqlite3_threadsafe());
            Assert.NotEqual(0, sqlite3_db_mutex(handle.DangerousGetHandle()));
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    private static string? LoadedLibraryPath()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        // Loaded by now: SQLitePCL's by the constructor, and SqliteNative's by this call.
        _ = SqliteNative.sqlite3_libversion();
        return File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).Contains("e_sqlite3", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .First();
    }

    [DllImport("e_sqlite3")]
    private static extern nint sqlite3_db_mutex(nint db);
}
