using Dapper;
using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// Leadership among the aggregation replicas on one PostgreSQL database: a session-level advisory lock held by a
/// connection kept open for it. A standby tries for the lock every <see cref="RetryEvery"/>; when the leader dies its
/// connection ends and PostgreSQL releases the lock, so a standby leads within about that long. On taking over, a leader
/// increments the epoch on the feed's cursor row; every rollup transaction then checks it (compare-and-set, see
/// <see cref="PostgresRollupSession"/>), so that a deposed leader's late commit is refused. The leader checks its lock's
/// connection as often, and stops leading when it breaks.
/// </summary>
internal sealed class PostgresLeadership(PostgresDatabase database, string feed, ILogger<PostgresLeadership>? logger = null, TimeSpan? retryEvery = null)
    : IRollupLeadership, IAsyncDisposable
{
    /// <summary>The advisory lock's key (any fixed 64-bit number: "IXAGGLDR" in ASCII).</summary>
    internal const long LockKey = 0x49584147474C4452;

    private const string TakeOverSql = """
        INSERT INTO feed_cursors (feed, sequence, epoch) VALUES (@feed, 0, 1)
        ON CONFLICT (feed) DO UPDATE SET epoch = feed_cursors.epoch + 1
        RETURNING epoch
        """;

    private Lease? _lease;

    /// <summary>How often a standby tries for the lock, and a leader checks it still holds it.</summary>
    public TimeSpan RetryEvery { get; } = retryEvery ?? TimeSpan.FromSeconds(1);

    /// <summary>This replica, in its commit notices: a replica ignores its own.</summary>
    public string Replica { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The feed whose cursor row carries the epoch.</summary>
    public string Feed => feed;

    public bool IsLeading => Volatile.Read(ref _lease) is not null;

    /// <summary>The epoch this replica leads in; null when it does not lead.</summary>
    public long? Epoch => Volatile.Read(ref _lease)?.Epoch;

    public async Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TryTakeOverAsync(cancellationToken) is { } lease)
            {
                lease.Checking = CheckAsync(lease);
                return lease.Lost.Token;
            }
            await Task.Delay(RetryEvery, cancellationToken);
        }
    }

    private async Task<Lease?> TryTakeOverAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await database.OpenAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken)))
            {
                var epoch = await connection.ExecuteScalarAsync<long>(new CommandDefinition(TakeOverSql, new { feed }, cancellationToken: cancellationToken));
                var lease = new Lease(connection, epoch);
                connection = null;
                Volatile.Write(ref _lease, lease);
                logger?.LogInformation("Leading the aggregation replicas (epoch {Epoch})", epoch);
                return lease;
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            logger?.LogWarning("Cannot try for the aggregation leadership now ({Error}); trying again", exception.Message);
        }
        finally
        {
            // Back to the pool, which resets the session (and so releases the lock, should the take-over have failed after it).
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        return null;
    }

    /// <summary>
    /// While leading: a broken lock connection means the lock may be gone, and another may take over. The only user of
    /// the lock's connection once leading; it lets go of the lock when the lease is lost.
    /// </summary>
    private async Task CheckAsync(Lease lease)
    {
        try
        {
            while (!lease.Lost.IsCancellationRequested)
            {
                await Task.Delay(RetryEvery, lease.Lost.Token);
                await lease.Connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: lease.Lost.Token));
            }
        }
        catch (Exception exception) when (!lease.Lost.IsCancellationRequested)
        {
            logger?.LogWarning("The aggregation leadership's connection broke ({Error}); standing by", exception.Message);
            StepDown(lease);
        }
        catch (Exception) when (lease.Lost.IsCancellationRequested)
        {
            // Stepped down: the check was cancelled.
        }
        try
        {
            await lease.Connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // A broken connection holds no lock.
        }
        await lease.Connection.DisposeAsync();
    }

    /// <summary>A transaction found a newer epoch on the cursor row: another replica leads; this one stands by.</summary>
    public void Deposed()
    {
        if (Volatile.Read(ref _lease) is { } lease)
        {
            logger?.LogWarning("Another aggregation replica took over (epoch {Epoch} is over); standing by", lease.Epoch);
            StepDown(lease);
        }
    }

    private void StepDown(Lease lease)
    {
        if (Interlocked.CompareExchange(ref _lease, null, lease) == lease)
        {
            lease.Lost.Cancel();
        }
    }

    /// <summary>At the host's stop: lets go of the lock at once, so a standby takes over without waiting for the connection to time out.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _lease) is { } lease)
        {
            StepDown(lease);
            await lease.Checking;
        }
    }

    private sealed record Lease(NpgsqlConnection Connection, long Epoch)
    {
        public CancellationTokenSource Lost { get; } = new();

        public Task Checking { get; set; } = Task.CompletedTask;
    }
}
