using System.CommandLine;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public Option<string> Address { get; } = new("--address")
    {
        Description = $"URL of the suite (all three services unless --indicator-address, --target-address or --aggregation-address say otherwise), default {IxcSettings.DefaultAddress} or ${IxcSettings.AddressVariable}",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> IndicatorAddress { get; } = ServiceAddress("--indicator-address", "indicator service (figures, catalog, org units, periods)", IxcSettings.IndicatorAddressVariable);

    public Option<string> TargetAddress { get; } = ServiceAddress("--target-address", "target service (targets)", IxcSettings.TargetAddressVariable);

    public Option<string> AggregationAddress { get; } = ServiceAddress("--aggregation-address", "aggregation service (summaries)", IxcSettings.AggregationAddressVariable);

    public Option<string> Token { get; } = new("--token")
    {
        Description = $"Bearer token sent with every call (or ${IxcSettings.TokenVariable})",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public Option<string> TokenFile { get; } = new("--token-file")
    {
        Description = $"File holding the bearer token, e.g. data/tokens/county-654025.jwt from the demo (or ${IxcSettings.TokenFileVariable})",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string> Outbox { get; } = new("--outbox")
    {
        Description = $"SQLite file of the local outbox, default ~/.ixc/outbox.db or ${IxcSettings.OutboxVariable}",
        HelpName = "PATH",
        Recursive = true,
    };

    /// <summary>The addresses given on the command line, each null when not given.</summary>
    public ServiceAddresses Addresses(ParseResult parse) =>
        new(parse.GetValue(Address), parse.GetValue(IndicatorAddress), parse.GetValue(TargetAddress), parse.GetValue(AggregationAddress));

    private static Option<string> ServiceAddress(string name, string service, string variable) => new(name)
    {
        Description = $"URL of the {service} in a deployment with one process per service (or ${variable}); default --address",
        HelpName = "URL",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Address);
        root.Options.Add(IndicatorAddress);
        root.Options.Add(TargetAddress);
        root.Options.Add(AggregationAddress);
        root.Options.Add(Token);
        root.Options.Add(TokenFile);
        root.Options.Add(Outbox);
    }
}
