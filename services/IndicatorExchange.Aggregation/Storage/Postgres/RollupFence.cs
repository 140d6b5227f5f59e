using Dapper;
using Npgsql;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>The epoch a leader's transaction was begun in, checked on the cursor row before the transaction commits.</summary>
internal sealed record RollupFence(PostgresLeadership Leadership, long Epoch)
{
    /// <summary>
    /// Runs an update of the cursor row conditioned on this epoch. No row means another replica took over since (a
    /// newer epoch): this replica steps down and the transaction is refused, so nothing of it is committed. The row
    /// stays locked to the commit, so a take-over waits for this transaction rather than overlapping it.
    /// </summary>
    public async Task CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters)
    {
        if (await connection.ExecuteAsync(sql, parameters, transaction) == 0)
        {
            Leadership.Deposed();
            throw new NotLeadingException($"Another aggregation replica took over: epoch {Epoch} is over, and this transaction is refused.");
        }
    }
}
