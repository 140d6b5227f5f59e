using IndicatorExchange.Client;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>The global options of one ixc invocation, resolved against the environment.</summary>
public sealed record IxcSettings(IndicatorExchangeClientOptions ClientOptions, string OutboxPath)
{
    public const string AddressVariable = "IXC_ADDRESS";
    public const string TokenVariable = "IXC_TOKEN";
    public const string TokenFileVariable = "IXC_TOKEN_FILE";

    /// <summary>The token: --token, else the content of --token-file, else IXC_TOKEN, else the content of IXC_TOKEN_FILE.</summary>
    public static string? Token(string? token, string? tokenFile)
    {
        if (token is not null)
        {
            return token;
        }
        var path = tokenFile ?? (tokenFile is null && Variable(TokenVariable) is null ? Variable(TokenFileVariable) : null);
        if (path is null)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"--token-file '{path}' does not exist.");
        }
        return File.ReadAllText(path).Trim();
    }
    public const string OutboxVariable = "IXC_OUTBOX";
    public const string DefaultAddress = "http://127.0.0.1:5100";

    public static string DefaultOutboxPath =>
        Variable(OutboxVariable) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ixc", "outbox.db");

    /// <summary>
    /// The client options: <paramref name="overrideOptions"/> when given (tests, embedding), otherwise --address (or
    /// IXC_ADDRESS) for all three services and --token (or IXC_TOKEN) as the bearer token.
    /// </summary>
    public static IxcSettings Resolve(string? address, string? token, string? outbox, IndicatorExchangeClientOptions? overrideOptions)
    {
        var options = overrideOptions ?? new IndicatorExchangeClientOptions();
        if (overrideOptions is null)
        {
            var url = address ?? Variable(AddressVariable) ?? DefaultAddress;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--address '{url}' is not an http:// or https:// URL.");
            }
            options.IndicatorAddress = url;
            options.TargetAddress = url;
            options.AggregationAddress = url;
            options.BearerToken = token ?? Variable(TokenVariable);
        }
        else if (token is not null)
        {
            options.BearerToken = token;
        }
        return new IxcSettings(options, outbox ?? DefaultOutboxPath);
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
