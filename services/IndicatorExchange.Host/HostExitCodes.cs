using IndicatorExchange.Admin.CommandLine;

namespace IndicatorExchange.Host;

/// <summary>The exit codes of <c>indicatorexchange</c>: the server's, which are the admin commands' (also listed in every --help and the README).</summary>
public static class HostExitCodes
{
    /// <summary>Done (the server: stopped normally).</summary>
    public const int Ok = AdminExitCodes.Ok;

    /// <summary>The command ran and failed: refused by the service, no signing key, a port in use, a file it could not apply.</summary>
    public const int Failed = AdminExitCodes.Failed;

    /// <summary>Bad command line (the error names the argument), or an input file that is missing or unreadable.</summary>
    public const int Usage = AdminExitCodes.Usage;

    /// <summary>The lines appended to every --help.</summary>
    public static readonly IReadOnlyList<string> HelpLines =
    [
        "0  done (the server: stopped normally)",
        "1  failed: refused by the service, no signing key, port in use, a file that could not be applied",
        "2  usage error (the message names the argument) or a missing or unreadable input file",
    ];
}
