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
        const string Sql = """
            INSERT INTO audit_records (received_at, subject, role, org_unit, token_id, method, request_id, peer, outcome, detail, target_org_units)
            VALUES (@ReceivedAt, @Subject, @Role, @OrgUnit, @TokenId, @Method, @RequestId, @Peer, @Outcome, @Detail, @TargetOrgUnits)
            """;
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            ReceivedAt = entry.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
            entry.Subject, entry.Role, entry.OrgUnit, entry.TokenId, entry.Method, entry.RequestId,
            entry.Peer, entry.Outcome, entry.Detail, entry.TargetOrgUnits,
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT sequence AS Sequence, received_at AS ReceivedAtText, subject AS Subject, role AS Role, org_unit AS OrgUnit,
                   token_id AS TokenId, method AS Method, request_id AS RequestId, peer AS Peer, outcome AS Outcome,
                   detail AS Detail, target_org_units AS TargetOrgUnits
            FROM audit_records
            WHERE (@Subject IS NULL OR subject = @Subject)
              AND (@OrgUnit IS NULL OR org_unit = @OrgUnit)
              AND (@Method IS NULL OR method = @Method)
              AND (@From IS NULL OR received_at >= @From)
              AND (@To IS NULL OR received_at < @To)
              AND (@Outcome IS NULL OR outcome = @Outcome)
              AND (@BeforeSequence IS NULL OR sequence < @BeforeSequence)
            ORDER BY sequence DESC
            LIMIT @Limit
            """;
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new
        {
            query.Subject, query.OrgUnit, query.Method, query.Outcome, query.BeforeSequence, query.Limit,
            From = query.From?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
            To = query.To?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
        }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry
        {
            Sequence = r.Sequence,
            ReceivedAt = DateTimeOffset.Parse(r.ReceivedAtText, System.Globalization.CultureInfo.InvariantCulture),
            Subject = r.Subject, Role = r.Role, OrgUnit = r.OrgUnit, TokenId = r.TokenId, Method = r.Method,
            RequestId = r.RequestId, Peer = r.Peer, Outcome = r.Outcome, Detail = r.Detail, TargetOrgUnits = r.TargetOrgUnits,
        }).ToList();
    }

    private sealed record Row
    {
        public long Sequence { get; init; }
        public string ReceivedAtText { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Role { get; init; } = "";
        public string OrgUnit { get; init; } = "";
        public string TokenId { get; init; } = "";
        public string Method { get; init; } = "";
        public string RequestId { get; init; } = "";
        public string Peer { get; init; } = "";
        public string Outcome { get; init; } = "";
        public string Detail { get; init; } = "";
        public string TargetOrgUnits { get; init; } = "";
    }
}
