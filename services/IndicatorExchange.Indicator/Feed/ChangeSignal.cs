namespace IndicatorExchange.Indicator.Feed;

/// <summary>
/// Wakes change-feed streams of this process when a batch commits. Streams also poll the store,
/// so writers in other processes are seen too, only later.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next commit. Take it before reading the store, then wait on it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify()
    {
        var fired = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        fired.TrySetResult();
    }
}
