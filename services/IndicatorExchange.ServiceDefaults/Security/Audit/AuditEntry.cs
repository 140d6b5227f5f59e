namespace IndicatorExchange.ServiceDefaults.Security.Audit;

/// <summary>One write, or attempted write, as a service received it.</summary>
public sealed record AuditEntry
{
    public long Sequence { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
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

/// <summary>Filters of a listing of the audit trail; each null filter is ignored.</summary>
public sealed record AuditQuery(
    string? Subject = null,
    string? OrgUnit = null,
    string? Method = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Outcome = null,
    long? BeforeSequence = null,
    int Limit = 100);

/// <summary>The append-only audit trail of this process.</summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}
