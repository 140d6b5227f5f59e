namespace IndicatorExchange.Cli.Outbox;

/// <summary>An upload waiting in the outbox (without its figures).</summary>
public sealed class QueuedUpload
{
    public long Id { get; init; }

    public string RequestId { get; init; } = "";

    /// <summary>The file it was read from.</summary>
    public string File { get; init; } = "";

    /// <summary>Org units and periods: "654025 2023Q3".</summary>
    public string Scope { get; init; } = "";

    public long Figures { get; init; }

    /// <summary>ISO 8601, UTC.</summary>
    public string QueuedAt { get; init; } = "";

    /// <summary>Delivery attempts that failed because the service was unreachable.</summary>
    public long Attempts { get; init; }

    public string? LastError { get; init; }

    public string? LastAttemptAt { get; init; }
}

/// <summary>An upload the service acknowledged, remembered to tell a person when the same content is pushed again.</summary>
public sealed class DeliveryRecord
{
    public string RequestId { get; init; } = "";

    public string File { get; init; } = "";

    public string DeliveredAt { get; init; } = "";
}
