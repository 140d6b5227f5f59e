using System.CommandLine;
using System.CommandLine.Invocation;
using IndicatorExchange.Admin;
using IndicatorExchange.Admin.CommandLine;
using IndicatorExchange.Cli.Commands;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;

namespace IndicatorExchange.Cli;

/// <summary>The ixc command line: parses the arguments and runs one command.</summary>
public static class IxcApp
{
    /// <summary>Runs ixc against the process console.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Terminal.ForProcessConsole(), null, CancellationToken.None);

    /// <summary>
    /// Runs ixc in-process with its output captured: <paramref name="overrideOptions"/>, when given, replaces the
    /// client options built from --address and the environment (tests pass a TestServer handler here).
    /// Errors go to <paramref name="error"/>, or to <paramref name="output"/> when it is null.
    /// </summary>
    public static Task<int> RunAsync(string[] args, IndicatorExchangeClientOptions? overrideOptions, TextWriter output,
        TextWriter? error = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, Terminal.ForWriters(output, error ?? output), overrideOptions, cancellationToken);

    private static async Task<int> RunAsync(string[] args, Terminal terminal, IndicatorExchangeClientOptions? overrideOptions, CancellationToken cancellationToken)
    {
        var root = BuildRoot(terminal, overrideOptions);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction or null)
        {
            foreach (var error in parse.Errors)
            {
                terminal.Fail(error.Message);
            }
            terminal.Fail($"用法错误 Usage error; see '{string.Join(' ', CommandPath(parse).Prepend("ixc"))} --help'.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = terminal.Output, Error = terminal.Error }, cancellationToken);
    }

    public static RootCommand BuildRoot(Terminal terminal, IndicatorExchangeClientOptions? overrideOptions)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(terminal, globals, overrideOptions);
        var root = new RootCommand(
            "ixc: county figures to the prefecture. Excel templates, pushes (with a local outbox when the link is down), " +
            "summaries, history and targets for IndicatorExchange.");
        globals.AddTo(root);
        ExitCodesHelp.AddTo(root, ExitCodes.HelpLines);
        root.Subcommands.Add(TemplateCommand.Build(runner));
        root.Subcommands.Add(PushCommand.Build(runner));
        root.Subcommands.Add(OutboxCommand.Build(runner));
        root.Subcommands.Add(SummaryCommand.Build(runner));
        root.Subcommands.Add(HistoryCommand.Build(runner));
        root.Subcommands.Add(TargetsCommand.Build(runner));
        root.Subcommands.Add(CatalogCommand.Build(runner));
        root.Subcommands.Add(PeriodsCommand.Build(runner));
        root.Subcommands.Add(OrgsCommand.Build(runner));
        root.Subcommands.Add(TokenCommand.Build(runner));
        root.Subcommands.Add(AuditCommand.Build(runner));
        root.Subcommands.Add(AdminCommand(terminal, globals, overrideOptions));
        return root;
    }

    /// <summary>
    /// <c>ixc admin …</c>: the host's admin commands (the same code), reaching the suite through ixc's global options; a bad
    /// option of ixc's own (an address that is no URL, a token file that does not exist) is a usage error, as for every command.
    /// </summary>
    private static Command AdminCommand(Terminal terminal, GlobalOptions globals, IndicatorExchangeClientOptions? overrideOptions)
    {
        var admin = new Command("admin", "Administrators: load an org-unit tree, set targets, rebuild the rollups (as indicatorexchange's commands; exit 1 when refused or unreachable)");
        foreach (var command in AdminCommands.Build(new IxcAdminConnection(globals, overrideOptions)))
        {
            if (command.Action is AsynchronousCommandLineAction action)
            {
                command.SetAction(async (parse, cancellation) =>
                {
                    try
                    {
                        return await action.InvokeAsync(parse, cancellation);
                    }
                    catch (UsageException exception)
                    {
                        terminal.Fail(exception.Message);
                        return ExitCodes.Usage;
                    }
                });
            }
            admin.Subcommands.Add(command);
        }
        return admin;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }
        return names;
    }
}
