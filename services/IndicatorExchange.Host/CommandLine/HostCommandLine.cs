using System.CommandLine;
using System.CommandLine.Invocation;
using IndicatorExchange.Access;
using IndicatorExchange.Admin;

namespace IndicatorExchange.Host.CommandLine;

/// <summary>
/// The command line of <c>indicatorexchange</c> (System.CommandLine, as ixc): the server's options on the root command,
/// the admin commands as subcommands. Options take their value as <c>--x value</c> or <c>--x=value</c>; arguments in
/// configuration style go to the server's configuration (<see cref="ConfigurationStyle"/>).
/// </summary>
public sealed class HostCommandLine
{
    private readonly ServerOptions _server = new();
    private readonly RootCommand _root;
    private readonly ParseResult _parse;

    private HostCommandLine(string[] args)
    {
        _root = new RootCommand("indicatorexchange: the IndicatorExchange services (indicator, target, aggregation) and the prefecture " +
                                "dashboard in one binary, and the admin commands of a running suite. Without a command: start the services.");
        _server.AddTo(_root);
        // The server itself is started by Program once StartsServer says so; the action only marks the root as runnable.
        _root.SetAction(_ => HostExitCodes.Ok);
        foreach (var admin in AdminCommands.ForServer(AccessModule.AdministratorToken))
        {
            _root.Subcommands.Add(admin);
        }
        _root.Subcommands.Add(AccessModule.IssueTokenCommand());
        _root.Subcommands.Add(BackupCommand.Build());
        _root.Subcommands.Add(MigrateToPostgresCommand.Build());
        AdminCommands.AddExitCodesHelp(_root, HostExitCodes.HelpLines);
        var startsCommand = args.Length > 0 && _root.Subcommands.Any(c => c.Name == args[0]);
        var (options, configuration) = startsCommand ? (args, []) : ConfigurationStyle.Split(args);
        ConfigurationArguments = configuration;
        _parse = _root.Parse(options);
    }

    /// <summary>Parses the process's arguments.</summary>
    public static HostCommandLine Parse(string[] args) => new(args);

    /// <summary>Whether the arguments ask for the server (no admin command, no --help, no error).</summary>
    public bool StartsServer => _parse.Errors.Count == 0 && _parse.Action is not null && _parse.Action == _root.Action;

    /// <summary>The configuration the server's options stand for (keys such as Target, Port, Demo, Peers:Indicator).</summary>
    public IReadOnlyDictionary<string, string?> ServerSettings => _server.Settings(_parse);

    /// <summary>The arguments in configuration style, for the host's own command-line configuration.</summary>
    public string[] ConfigurationArguments { get; }

    /// <summary>Runs the admin command, the help, or reports the errors (exit code 2) naming each bad argument.</summary>
    public async Task<int> InvokeAsync(TextWriter output, TextWriter error)
    {
        if (_parse.Errors.Count > 0 && _parse.Action is ParseErrorAction or null)
        {
            foreach (var problem in _parse.Errors)
            {
                error.WriteLine(problem.Message);
            }
            error.WriteLine($"用法错误 / usage error: see '{string.Join(' ', CommandPath().Prepend("indicatorexchange"))} --help'.");
            return HostExitCodes.Usage;
        }
        return await _parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private IEnumerable<string> CommandPath() => _parse.CommandResult.Command == _root ? [] : [_parse.CommandResult.Command.Name];
}
