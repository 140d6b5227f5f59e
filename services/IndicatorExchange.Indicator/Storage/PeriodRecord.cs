namespace IndicatorExchange.Indicator.Storage;

/// <summary>A reporting period the prefecture opened. Times are ISO 8601 UTC text.</summary>
public sealed record PeriodRecord
{
    public string Code { get; init; } = "";
    public string State { get; init; } = "open";
    public string Deadline { get; init; } = "";
    public string OpenedAt { get; init; } = "";
    public string? ClosedAt { get; init; }

    public bool IsOpen => State == "open";
}
