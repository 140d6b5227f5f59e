namespace IndicatorExchange.ServiceDefaults.Security.Limits;

/// <summary>The "Limits" configuration section: what protects the suite from a runaway or hostile client.</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request message accepted; larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most figures in one SubmitFigures batch.</summary>
    public int MaxFiguresPerBatch { get; set; } = 10_000;

    /// <summary>Most figures in one UploadFigures stream.</summary>
    public int MaxFiguresPerUpload { get; set; } = 500_000;

    /// <summary>Calls per second one subject may make, sustained (a token bucket); 0 turns the limit off.</summary>
    public int RequestsPerSecond { get; set; } = 100;

    /// <summary>How many calls one subject may make at once above the sustained rate.</summary>
    public int Burst { get; set; } = 1_000;

    /// <summary>The longest a unary call may work on the server, whatever deadline the client set (0: no limit).</summary>
    public TimeSpan MaxUnaryDuration { get; set; } = TimeSpan.FromSeconds(60);
}
