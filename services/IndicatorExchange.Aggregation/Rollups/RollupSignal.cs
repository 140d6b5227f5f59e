namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// Tells WatchSummary streams of this process which (org unit, period) summaries a committed change touched;
/// null means any (a target changed). It also keeps the <see cref="Versions"/> that summary caches check.
/// </summary>
internal sealed class RollupSignal
{
    private TaskCompletionSource<IReadOnlySet<SummaryKey>?> _next = New();

    /// <summary>Versions of the stored rows, bumped before a commit (<see cref="Changing"/>) and after it (the notifications).</summary>
    public RollupVersions Versions { get; } = new();

    /// <summary>Completes at the next change with the touched keys, or null for all. Take it before reading, then await it.</summary>
    public Task<IReadOnlySet<SummaryKey>?> Next => Volatile.Read(ref _next).Task;

    /// <summary>Before a commit that changes the rows of these keys: cached reads of them stop being served.</summary>
    public void Changing(IEnumerable<SummaryKey> touched) => Versions.Bump(touched);

    /// <summary>Before a commit that may change any row.</summary>
    public void ChangingAll() => Versions.BumpAll();

    /// <summary>After the commit: invalidates again (a read between the two bumps may have seen either state) and wakes the watchers.</summary>
    public void Notify(IReadOnlySet<SummaryKey> touched)
    {
        Versions.Bump(touched);
        Interlocked.Exchange(ref _next, New()).TrySetResult(touched);
    }

    public void NotifyAll()
    {
        Versions.BumpAll();
        Interlocked.Exchange(ref _next, New()).TrySetResult(null);
    }

    private static TaskCompletionSource<IReadOnlySet<SummaryKey>?> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
