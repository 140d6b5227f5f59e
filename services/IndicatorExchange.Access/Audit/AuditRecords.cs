using System.Globalization;
using IndicatorExchange.ServiceDefaults.Security.Audit;

namespace IndicatorExchange.Access.Audit;

/// <summary>
/// The audit trail's table as both engines store it (<c>audit_records</c>, the same columns on SQLite and PostgreSQL):
/// the two statements, their parameters and the row they read, so that each engine adds only its connection.
/// </summary>
internal static class AuditRecords
{
    public const string Insert = """
        INSERT INTO audit_records (received_at, subject, role, org_unit, token_id, method, request_id, peer, outcome, detail, target_org_units)
        VALUES (@ReceivedAt, @Subject, @Role, @OrgUnit, @TokenId, @Method, @RequestId, @Peer, @Outcome, @Detail, @TargetOrgUnits)
        """;

    /// <summary>Newest first, each null filter ignored.</summary>
    public const string Select = """
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

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public static object InsertParameters(AuditEntry entry) => new
    {
        ReceivedAt = Moment(entry.ReceivedAt),
        entry.Subject, entry.Role, entry.OrgUnit, entry.TokenId, entry.Method, entry.RequestId,
        entry.Peer, entry.Outcome, entry.Detail, entry.TargetOrgUnits,
    };

    /// <summary>The parameters of <see cref="Select"/>.</summary>
    public static object SelectParameters(AuditQuery query) => new
    {
        query.Subject, query.OrgUnit, query.Method, query.Outcome, query.BeforeSequence, query.Limit,
        From = query.From is { } from ? Moment(from) : null,
        To = query.To is { } to ? Moment(to) : null,
    };

    /// <summary>A moment as stored: UTC with seven fractional digits, so that text order is time order.</summary>
    private static string Moment(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A row of <see cref="Select"/>.</summary>
    internal sealed record Row
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

        public AuditEntry ToEntry() => new()
        {
            Sequence = Sequence,
            ReceivedAt = DateTimeOffset.Parse(ReceivedAtText, CultureInfo.InvariantCulture),
            Subject = Subject, Role = Role, OrgUnit = OrgUnit, TokenId = TokenId, Method = Method,
            RequestId = RequestId, Peer = Peer, Outcome = Outcome, Detail = Detail, TargetOrgUnits = TargetOrgUnits,
        };
    }
}
