namespace IndicatorExchange.Admin.CommandLine;

/// <summary>The exit codes of the admin commands (the host lists them, with the server's meaning, in every --help).</summary>
public static class AdminExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed: refused by the service, a file it could not apply.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line (the error names the argument), or an input file that is missing or unreadable.</summary>
    public const int Usage = 2;
}
