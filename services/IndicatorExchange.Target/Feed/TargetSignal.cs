namespace IndicatorExchange.Target.Feed;

/// <summary>Wakes WatchTargets streams of this process when targets change; streams also poll, for other processes.</summary>
internal sealed class TargetSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change. Take it before reading the store, then wait on it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
