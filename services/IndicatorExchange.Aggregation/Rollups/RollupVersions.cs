using System.Collections.Concurrent;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// A version per (org unit, period) of the stored summary rows, for caches of what is read from them. Every bump takes
/// a new value of one process-wide clock, so a key's version (the larger of its own and the last bump of every key)
/// only grows. The rollup engine bumps the keys it touches before it commits and again after, so an entry read at
/// version v is served only while nothing that could change it has begun to commit since.
/// </summary>
internal sealed class RollupVersions
{
    private readonly ConcurrentDictionary<SummaryKey, long> _versions = new();
    private long _clock;
    private long _all;

    /// <summary>The current version of one org unit's rows of one period.</summary>
    public long Of(SummaryKey key)
    {
        var all = Interlocked.Read(ref _all);
        return _versions.TryGetValue(key, out var own) && own > all ? own : all;
    }

    public void Bump(IEnumerable<SummaryKey> keys)
    {
        var version = Interlocked.Increment(ref _clock);
        foreach (var key in keys)
        {
            _versions[key] = version;
        }
    }

    /// <summary>Every key changes (a reset, a replay, a target).</summary>
    public void BumpAll() => Interlocked.Exchange(ref _all, Interlocked.Increment(ref _clock));
}
