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

    /// <summary>
    /// Longest bearer token read: a longer one is answered UNAUTHENTICATED (TOKEN_TOO_LARGE) without being parsed.
    /// The suite's own tokens are under 1 KB.
    /// </summary>
    public int MaxTokenBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Largest request header block (and single header) Kestrel accepts over HTTP/2, so that an oversized token
    /// still reaches the access layer and is answered with a status rather than a closed connection. Above it,
    /// Kestrel refuses the headers itself (a connection error the client sees as UNAVAILABLE or INTERNAL).
    /// Kestrel's defaults are 32 KB in all and 16 KB a header.
    /// </summary>
    public int MaxRequestHeadersBytes { get; set; } = 256 * 1024;

    /// <summary>The longest a unary call may work on the server, whatever deadline the client set (0: no limit).</summary>
    public TimeSpan MaxUnaryDuration { get; set; } = TimeSpan.FromSeconds(60);
}
