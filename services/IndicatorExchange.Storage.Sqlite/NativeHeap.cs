using System.Runtime.InteropServices;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// The C heap (glibc's malloc) that SQLite's page caches and statements live in. Linux only; with another C library
/// (musl has neither call) these do nothing.
/// </summary>
public static class NativeHeap
{
    /// <summary>
    /// The arenas glibc may create. By default it gives up to eight per core to threads that allocate at the same time,
    /// and memory freed in one arena serves only that arena: with eight uploads and the aggregator on thread-pool threads,
    /// the suite's peak resident memory during a national load was 778 MB, and 583 MB with two arenas (the benchmark's
    /// rebuild run, `MALLOC_ARENA_MAX=2` against none). Ingest may pay with contention on the arenas' locks, but by less
    /// than this machine's noise: with two arenas the ingest benchmark acknowledged 52-75k figures/s in six runs, with four
    /// 60k (peak 623 MB) and with sixteen 65k in two. `MALLOC_ARENA_MAX` in the environment overrides this.
    /// </summary>
    public const int Arenas = 2;

    /// <summary>Limits the arenas to <see cref="Arenas"/> (as <c>MALLOC_ARENA_MAX</c> would); call first thing, before the threads start.</summary>
    public static void LimitArenas()
    {
        // An explicit MALLOC_ARENA_MAX in the environment wins.
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
        {
            Call(() => MallOpt(MallocArenaMax, Arenas));
        }
    }

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

    private const int MallocArenaMax = -8; // M_ARENA_MAX

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
