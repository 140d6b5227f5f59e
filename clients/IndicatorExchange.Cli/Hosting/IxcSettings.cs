using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>The addresses given on the command line: --address and one per service, each null when not given.</summary>
public sealed record ServiceAddresses(string? All, string? Indicator = null, string? Target = null, string? Aggregation = null);

/// <summary>The global options of one ixc invocation, resolved against the environment.</summary>
public sealed record IxcSettings(IndicatorExchangeClientOptions ClientOptions, string OutboxPath)
{
    public const string AddressVariable = "IXC_ADDRESS";
    public const string IndicatorAddressVariable = "IXC_INDICATOR_ADDRESS";
    public const string TargetAddressVariable = "IXC_TARGET_ADDRESS";
    public const string AggregationAddressVariable = "IXC_AGGREGATION_ADDRESS";
    public const string TokenVariable = "IXC_TOKEN";
    public const string TokenFileVariable = "IXC_TOKEN_FILE";
    public const string OutboxVariable = "IXC_OUTBOX";
    public const string DefaultAddress = "http://127.0.0.1:5100";

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
            throw new UsageException($"令牌文件 '{path}' 不存在 / token file '{path}' (--token-file or ${TokenFileVariable}) does not exist.");
        }
        return File.ReadAllText(path).Trim();
    }

    public static string DefaultOutboxPath =>
        Variable(OutboxVariable) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ixc", "outbox.db");

    /// <summary>
    /// The client options. Without <paramref name="overrideOptions"/>: each service at its own option
    /// (--indicator-address …, or IXC_INDICATOR_ADDRESS …), else at --address (or IXC_ADDRESS, or the default), and
    /// --token (or IXC_TOKEN) as the bearer token. <paramref name="overrideOptions"/> (tests, embedding) replaces the
    /// environment; addresses given on the command line still apply to it.
    /// </summary>
    public static IxcSettings Resolve(ServiceAddresses addresses, string? token, string? outbox, IndicatorExchangeClientOptions? overrideOptions)
    {
        var options = overrideOptions ?? new IndicatorExchangeClientOptions();
        var fromEnvironment = overrideOptions is null;
        var all = addresses.All ?? (fromEnvironment ? Variable(AddressVariable) ?? DefaultAddress : null);
        options.IndicatorAddress = Url(addresses.Indicator ?? (fromEnvironment ? Variable(IndicatorAddressVariable) : null) ?? all, "--indicator-address") ?? options.IndicatorAddress;
        options.TargetAddress = Url(addresses.Target ?? (fromEnvironment ? Variable(TargetAddressVariable) : null) ?? all, "--target-address") ?? options.TargetAddress;
        options.AggregationAddress = Url(addresses.Aggregation ?? (fromEnvironment ? Variable(AggregationAddressVariable) : null) ?? all, "--aggregation-address") ?? options.AggregationAddress;
        if (fromEnvironment)
        {
            options.BearerToken = token ?? Variable(TokenVariable);
        }
        else if (token is not null)
        {
            options.BearerToken = token;
        }
        return new IxcSettings(options, outbox ?? DefaultOutboxPath);
    }

    private static string? Url(string? url, string option) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? url
            : throw new UsageException($"{option} '{url}' 不是 http:// 或 https:// 网址 / {option} '{url}' is not an http:// or https:// URL.");

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
