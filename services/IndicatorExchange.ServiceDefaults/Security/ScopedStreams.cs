using Grpc.Core;

namespace IndicatorExchange.ServiceDefaults.Security;

/// <summary>A request stream that checks each message against the caller's scope before the handler sees it.</summary>
internal sealed class ScopeCheckingReader<T>(IAsyncStreamReader<T> inner, Func<T, Task> check) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!await inner.MoveNext(cancellationToken))
        {
            return false;
        }
        await check(inner.Current);
        return true;
    }
}

/// <summary>A response stream that keeps of each message only what lies in the caller's scope.</summary>
internal sealed class ScopeFilteringWriter<T>(
    IServerStreamWriter<T> inner,
    Func<object, Func<string, bool>, object?> filter,
    Func<Task<Func<string, bool>>> scope) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public async Task WriteAsync(T message)
    {
        // The tree is read per message (it is cached), so a unit moved into or out of the scope counts at once.
        if (filter(message!, await scope()) is T kept)
        {
            await inner.WriteAsync(kept);
        }
    }
}
