using Dapper;
using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.Storage.Sqlite;

namespace IndicatorExchange.Access.Audit.Sqlite;

/// <summary>The audit trail in its own SQLite file (audit.db); triggers refuse any update or delete.</summary>
internal sealed class SqliteAuditTrail(SqliteDatabase database) : IAuditTrail
{
    public const string DatabaseName = "audit";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(AuditRecords.Insert, AuditRecords.InsertParameters(entry), cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<AuditRecords.Row>(new CommandDefinition(AuditRecords.Select, AuditRecords.SelectParameters(query), cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }
}
