namespace IndicatorExchange.Cli.Reporting;

/// <summary>The exit codes scripts can rely on (also listed in <c>ixc --help</c> and the README).</summary>
public static class ExitCodes
{
    /// <summary>Everything done.</summary>
    public const int Ok = 0;

    /// <summary>The service rejected the request (validation errors, unknown org unit...): nothing was written.</summary>
    public const int Rejected = 1;

    /// <summary>Bad usage, or a file that is missing or cannot be read (rows reported before anything is sent).</summary>
    public const int Usage = 2;

    /// <summary>The service could not be reached; a push is then queued in the outbox.</summary>
    public const int Unreachable = 3;

    /// <summary>Accepted with warnings while --strict was given.</summary>
    public const int Warnings = 4;

    /// <summary>The lines appended to every --help.</summary>
    public static readonly IReadOnlyList<string> HelpLines =
    [
        "0  ok",
        "1  rejected by the service (validation errors; nothing written)",
        "2  usage or file error (unreadable rows are listed before anything is sent)",
        "3  service unreachable (a push is queued in the outbox)",
        "4  accepted with warnings while --strict was given",
    ];
}
