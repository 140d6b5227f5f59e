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
}
