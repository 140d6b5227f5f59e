namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// Tells WatchSummary streams of this process which (org unit, period) summaries a committed change touched;
/// null means any (a target changed).
/// </summary>
public sealed class RollupSignal
{
    private TaskCompletionSource<IReadOnlySet<(string OrgUnit, string Period)>?> _next = New();

    /// <summary>Completes at the next change with the touched keys, or null for all. Take it before reading, then await it.</summary>
    public Task<IReadOnlySet<(string OrgUnit, string Period)>?> Next => Volatile.Read(ref _next).Task;

    public void Notify(IReadOnlySet<(string OrgUnit, string Period)> touched) => Interlocked.Exchange(ref _next, New()).TrySetResult(touched);

    public void NotifyAll() => Interlocked.Exchange(ref _next, New()).TrySetResult(null);

    private static TaskCompletionSource<IReadOnlySet<(string, string)>?> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
