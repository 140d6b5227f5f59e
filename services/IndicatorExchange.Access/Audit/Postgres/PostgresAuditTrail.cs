using Dapper;
using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.Storage.Postgres;

namespace IndicatorExchange.Access.Audit.Postgres;

/// <summary>
/// The audit trail on PostgreSQL, in the <c>access</c> schema, shared by every replica that uses the database; triggers
/// refuse any update, delete or truncate. Sequences are numbered by the database, so they never collide across replicas.
/// </summary>
internal sealed class PostgresAuditTrail(PostgresDatabase database) : IAuditTrail
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(AuditRecords.Insert, AuditRecords.InsertParameters(entry), cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRecords.Row>(new CommandDefinition(AuditRecords.Select, AuditRecords.SelectParameters(query), cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }
}
