using Dapper;
using Npgsql;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// A service's table of answered request ids (<c>request_id</c> primary key, <c>request_hash, response, created_at</c>) on
/// PostgreSQL: a write sent again gets the stored answer instead of being applied twice. Read and written inside the
/// write's own transaction; two writers with the same new id both get past the read, and the primary key refuses the
/// later commit (a unique violation, see <see cref="IsConflict"/>), which the store then retries and so replays.
/// </summary>
public sealed class PostgresRequestLog(string table)
{
    /// <summary>The stored answer and the hash of the request it answered; null when the request id is new.</summary>
    public async Task<(byte[] Response, string RequestHash)?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string requestId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT request_hash AS Hash, response AS Response FROM {table} WHERE request_id = @requestId",
            new { requestId }, transaction);
        return row is null ? null : (row.Response, row.Hash);
    }

    /// <summary>
    /// Ends the write: with <paramref name="validateOnly"/> rolls it back; otherwise records the answer under the request id
    /// (when there is one) and commits.
    /// </summary>
    public async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool validateOnly,
        string requestId, string requestHash, Func<byte[]> response, string createdAt, CancellationToken cancellationToken)
    {
        if (validateOnly)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }
        if (requestId.Length > 0)
        {
            await connection.ExecuteAsync(
                $"INSERT INTO {table} (request_id, request_hash, response, created_at) VALUES (@requestId, @requestHash, @Response, @createdAt)",
                new { requestId, requestHash, Response = response(), createdAt }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Whether a write failed only because a concurrent writer got there first (a unique violation or a serialization
    /// failure): running it again from the start sees the other's commit.
    /// </summary>
    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    /// <summary>
    /// Runs a write (one transaction), and runs it again from the start while it fails only because a concurrent writer
    /// got there first (<see cref="IsConflict"/>), up to <paramref name="attempts"/> times in all: each new run sees the
    /// other's commit, so it replays the stored answer or writes the next revision.
    /// </summary>
    public static async Task<T> RetryConflictsAsync<T>(Func<Task<T>> write, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (Exception exception) when (attempt < attempts && IsConflict(exception))
            {
                // Lost a race: start again.
            }
        }
    }

    private sealed class Row
    {
        public string Hash { get; init; } = "";
        public byte[] Response { get; init; } = [];
    }
}
