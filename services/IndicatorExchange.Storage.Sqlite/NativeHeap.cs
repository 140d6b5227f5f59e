using System.Runtime.InteropServices;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// The C heap (glibc's malloc) that SQLite's page caches and statements live in. Linux only; with another C library
/// (musl has no such call) this does nothing. The number of glibc's arenas is left at its default: limiting it to two
/// (as the suite did until issue 22) no longer lowered the national load's peak (docs/performance.md);
/// <c>MALLOC_ARENA_MAX</c> in the environment still sets it.
/// </summary>
public static class NativeHeap
{
    /// <summary>Returns to the system what the allocator's arenas hold free (after connections' page caches were freed).</summary>
    public static void Trim()
    {
        if (OperatingSystem.IsLinux())
        {
            Call(() => MallocTrim(0));
        }
    }

    private static void Call(Func<int> call)
    {
        try
        {
            call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
