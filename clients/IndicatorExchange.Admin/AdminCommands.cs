using System.CommandLine;
using IndicatorExchange.Admin.CommandLine;
using IndicatorExchange.Admin.OrgUnits;
using IndicatorExchange.Admin.Rollups;
using IndicatorExchange.Admin.Targets;

namespace IndicatorExchange.Admin;

/// <summary>The admin commands of a running suite, each reaching it through the connection the program gives.</summary>
public static class AdminCommands
{
    public static IReadOnlyList<Command> Build(AdminConnection connection) =>
    [
        RebuildCommand.Build(connection),
        ImportTargetsCommand.Build(connection),
        ImportOrgUnitsCommand.Build(connection),
    ];

    /// <summary>
    /// The admin commands of a program that runs on the server (<c>indicatorexchange</c>): <c>--address</c>, <c>--token</c>
    /// (or IX_TOKEN) and <c>--data-dir</c>, and without a token one that <paramref name="administratorToken"/> signs with the
    /// data directory's key.
    /// </summary>
    public static IReadOnlyList<Command> ForServer(Func<string, string?> administratorToken) => Build(new AdminOptions(administratorToken));

    /// <summary>Ends every --help of the program with its exit codes.</summary>
    public static void AddExitCodesHelp(RootCommand root, IReadOnlyList<string> exitCodes) => ExitCodesHelp.AddTo(root, exitCodes);
}
