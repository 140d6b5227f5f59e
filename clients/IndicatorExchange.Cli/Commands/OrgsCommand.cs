using System.CommandLine;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Indicator.V1;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary><c>ixc orgs [--parent 654000]</c>: org units and their codes.</summary>
public static class OrgsCommand
{
    public static Command Build(CommandRunner runner)
    {
        var parent = new Option<string>("--parent") { Description = "Only the direct children of this org unit", HelpName = "CODE" };
        var command = new Command("orgs", "List org units (administrative division codes, names, levels)") { parent };
        runner.Bind(command, context => RunAsync(context, context.Value(parent) ?? ""));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string parent)
    {
        var units = await context.Client.ListAllOrgUnitsAsync(parent, context.Cancellation);
        var table = Display.Table("代码 code", "名称 name", "级别 level", "上级 parent", "存续 valid");
        foreach (var unit in units)
        {
            var valid = (unit.ValidFrom.Length > 0 ? $"from {unit.ValidFrom} " : "") + (unit.ClosedOn.Length > 0 ? $"closed {unit.ClosedOn}" : "") +
                        (unit.MergedInto.Length > 0 ? $" → {unit.MergedInto}" : "");
            table.AddRow(Display.Cells(unit.Code, $"{unit.NameZh} {unit.NameEn}", Level(unit.Level), unit.ParentCode, valid.Trim()));
        }
        context.Terminal.Console.Write(table);
        context.Terminal.Line($"{units.Count} org units.");
        return ExitCodes.Ok;
    }

    private static string Level(OrgUnitLevel level) => level switch
    {
        OrgUnitLevel.Nation => "国家 nation",
        OrgUnitLevel.Province => "省级 province",
        OrgUnitLevel.Prefecture => "地级 prefecture",
        OrgUnitLevel.County => "县级 county",
        _ => "",
    };
}
