using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace IndicatorExchange.Admin.CommandLine;

/// <summary>Ends every command's --help with the program's exit codes (<c>indicatorexchange</c> and <c>ixc</c> alike).</summary>
public static class ExitCodesHelp
{
    public static void AddTo(RootCommand root, IReadOnlyList<string> exitCodes)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction help } option)
        {
            option.Action = new HelpWithExitCodes(help, exitCodes);
        }
    }

    private sealed class HelpWithExitCodes(HelpAction help, IReadOnlyList<string> exitCodes) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exit = help.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var line in exitCodes)
            {
                output.WriteLine("  " + line);
            }
            output.WriteLine();
            return exit;
        }
    }
}
