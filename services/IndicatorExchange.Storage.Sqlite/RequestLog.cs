using Dapper;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// A service's table of answered request ids (<c>request_id, request_hash, response, created_at</c>): a write sent again
/// gets the stored answer instead of being applied twice. Read and written inside the write's own transaction.
/// </summary>
public sealed class RequestLog(string table)
{
    /// <summary>The stored answer and the hash of the request it answered; null when the request id is new.</summary>
    public async Task<(byte[] Response, string RequestHash)?> FindAsync(SqliteConnection connection, SqliteTransaction transaction, string requestId)
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
    public async Task FinishAsync(SqliteConnection connection, SqliteTransaction transaction, bool validateOnly,
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

    private sealed class Row
    {
        public string Hash { get; init; } = "";
        public byte[] Response { get; init; } = [];
    }
}
