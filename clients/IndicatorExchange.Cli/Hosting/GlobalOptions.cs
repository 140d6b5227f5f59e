using System.CommandLine;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public Option<string> Address { get; } = new("--address")
    {
        Description = $"URL of the suite (all three services), default {IxcSettings.DefaultAddress} or ${IxcSettings.AddressVariable}",
        HelpName = "URL",
        Recursive = true,
    };

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

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Address);
        root.Options.Add(Token);
        root.Options.Add(TokenFile);
        root.Options.Add(Outbox);
    }
}
