using Dapper;
using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// The other replicas' rollup commits, heard on a connection kept open for it (<c>LISTEN</c> on the schema's channel,
/// see <see cref="RollupNotice"/>). After (re)connecting, commits may have been missed: the first one reported is then
/// "anything may have changed", with the cursor as it stands.
/// </summary>
internal sealed class PostgresRollupCommits(PostgresDatabase database, PostgresLeadership leadership, ILogger<PostgresRollupCommits>? logger = null)
    : IRollupCommits
{
    public async Task FollowAsync(Func<RollupCommit, ValueTask> committed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(committed, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                logger?.LogWarning("Stopped hearing the leading aggregator's commits ({Error}); listening again", exception.Message);
                await Task.Delay(leadership.RetryEvery, cancellationToken);
            }
        }
    }

    private async Task ListenAsync(Func<RollupCommit, ValueTask> committed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var heard = new List<string>();
        connection.Notification += (_, notification) => heard.Add(notification.Payload);
        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {RollupNotice.Channel(database)}", cancellationToken: cancellationToken));
        var cursor = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM feed_cursors WHERE feed = @feed", new { feed = leadership.Feed }, cancellationToken: cancellationToken));
        await committed(new RollupCommit(cursor, null));
        while (true)
        {
            // Notifications are raised while waiting, on this thread; they are handled after it returns.
            await connection.WaitAsync(cancellationToken);
            foreach (var payload in heard)
            {
                if (RollupNotice.Parse(payload) is var (replica, commit) && replica != leadership.Replica)
                {
                    await committed(commit);
                }
            }
            heard.Clear();
        }
    }
}
