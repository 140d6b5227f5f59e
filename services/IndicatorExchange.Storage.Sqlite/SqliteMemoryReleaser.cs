using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// Gives back the page caches a burst of work leaves in idle pooled connections: every pooled connection keeps up to
/// 32 MiB of pages (<see cref="SqliteDatabase"/>), so eight concurrent uploads or a national rebuild left a few hundred MB
/// held by connections nobody was using (Microsoft.Data.Sqlite closes idle ones only after minutes). Every 10 s, when
/// SQLite holds more than 64 MiB, the idle connections of every pool are closed (those in use close when returned) and
/// the C heap is trimmed, so that the freed pages leave the process rather than stay in the allocator's arenas.
/// </summary>
public sealed class SqliteMemoryReleaser(ILogger<SqliteMemoryReleaser> logger) : BackgroundService
{
    public const long ThresholdBytes = 64L << 20;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var (before, after) = ReleaseIfAbove(ThresholdBytes);
                if (after < before)
                {
                    logger.LogDebug("Closed idle SQLite connections: SQLite memory {Before} → {After} bytes", before, after);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Closes every idle pooled connection when SQLite holds more than <paramref name="bytes"/>; answers SQLite's memory before and after.</summary>
    public static (long Before, long After) ReleaseIfAbove(long bytes)
    {
        var before = raw.sqlite3_memory_used();
        if (before <= bytes)
        {
            return (before, before);
        }
        SqliteConnection.ClearAllPools();
        NativeHeap.Trim();
        return (before, raw.sqlite3_memory_used());
    }
}
