using System.CommandLine;
using IndicatorExchange.Client;

namespace IndicatorExchange.Admin.CommandLine;

/// <summary>
/// The connection of the host's admin commands: <c>--address</c> of the service, <c>--token JWT</c> (or IX_TOKEN), or else
/// an administrator token signed with the key under <c>--data-dir</c> (by <paramref name="administratorToken"/>, given the
/// data directory; null when it holds no key).
/// </summary>
public sealed class AdminOptions(Func<string, string?> administratorToken) : AdminConnection
{
    public const string TokenVariable = "IX_TOKEN";

    /// <summary>The suite's address when none is given: the all-in-one port on loopback.</summary>
    public const string DefaultAddress = "http://127.0.0.1:5100";

    public Option<string> ServiceAddress { get; } = new("--address")
    {
        Description = "URL of the service to call",
        HelpName = "URL",
        DefaultValueFactory = _ => DefaultAddress,
    };

    public Option<string> CatalogAddress { get; } = new("--indicator-address") { Description = "Where the catalog is read from (default --address)", HelpName = "URL" };

    public Option<string> Token { get; } = new("--token")
    {
        Description = $"Bearer token (JWT) to call with (or ${TokenVariable}); without either, an administrator token signed with the key of --data-dir",
        HelpName = "JWT",
    };

    public Option<string> DataDirectory { get; } = DataDirectoryOption("Folder whose signing key signs the administrator token when no --token is given");

    /// <summary>The --data-dir option of a command that reads the suite's signing key.</summary>
    public static Option<string> DataDirectoryOption(string description) => new("--data-dir")
    {
        Description = description,
        HelpName = "PATH",
        DefaultValueFactory = _ => "data",
    };

    public override void AddTo(Command command, bool catalogElsewhere = false)
    {
        if (catalogElsewhere)
        {
            command.Options.Add(CatalogAddress);
        }
        command.Options.Add(ServiceAddress);
        command.Options.Add(Token);
        command.Options.Add(DataDirectory);
    }

    public override string Address(ParseResult parse) => parse.GetValue(ServiceAddress)!;

    public override IndicatorExchangeClient Connect(ParseResult parse, TimeSpan deadline)
    {
        var address = Address(parse);
        return new IndicatorExchangeClient(new IndicatorExchangeClientOptions
        {
            IndicatorAddress = (parse.GetResult(CatalogAddress) is null ? null : parse.GetValue(CatalogAddress)) ?? address,
            TargetAddress = address,
            AggregationAddress = address,
            BearerToken = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable) ?? administratorToken(parse.GetValue(DataDirectory)!),
            Deadline = deadline,
        });
    }
}
