using System.CommandLine;

namespace IndicatorExchange.Host.CommandLine;

/// <summary>The options every admin command that calls a running suite accepts: where it is and how to authenticate.</summary>
public sealed class AdminOptions
{
    public const string TokenVariable = "IX_TOKEN";

    public Option<string> Address { get; } = new("--address")
    {
        Description = "URL of the service to call",
        HelpName = "URL",
        DefaultValueFactory = _ => $"http://127.0.0.1:{Modules.AllInOnePort}",
    };

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

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(Token);
        command.Options.Add(DataDirectory);
    }

    /// <summary>A channel to <paramref name="address"/> authenticated as these options say.</summary>
    public Grpc.Net.Client.GrpcChannel Channel(ParseResult parse, string address) =>
        CommandCredentials.Channel(address, parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable), parse.GetValue(DataDirectory)!);
}
