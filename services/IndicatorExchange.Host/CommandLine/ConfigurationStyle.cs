namespace IndicatorExchange.Host.CommandLine;

/// <summary>
/// Arguments in ASP.NET configuration style (<c>--Limits:RequestsPerSecond=0</c>, <c>--Dashboard:Port 5081</c>,
/// <c>Tls:AllowPlaintext=true</c>, and the host's own <c>--environment</c>, <c>--contentRoot</c>, <c>--applicationName</c>)
/// go to the server's configuration as they always did; every other argument is the command line's to parse.
/// A key is taken as configuration when it names a section (a colon), starts with a capital letter (configuration
/// keys are PascalCase; the options are lower-case), or is one of the host's keys.
/// </summary>
public static class ConfigurationStyle
{
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "environment", "contentRoot", "applicationName" };

    /// <summary>Splits the server's arguments into those for the parser and those for the configuration, keeping their order.</summary>
    public static (string[] Options, string[] Configuration) Split(IReadOnlyList<string> args)
    {
        var options = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!IsConfigurationKey(args[i], out var hasValue))
            {
                options.Add(args[i]);
                continue;
            }
            configuration.Add(args[i]);
            if (!hasValue && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                configuration.Add(args[++i]);
            }
        }
        return (options.ToArray(), configuration.ToArray());
    }

    private static bool IsConfigurationKey(string argument, out bool hasValue)
    {
        var dashed = argument.StartsWith("--", StringComparison.Ordinal);
        var body = dashed ? argument[2..] : argument;
        var equals = body.IndexOf('=');
        hasValue = equals >= 0;
        var key = hasValue ? body[..equals] : body;
        if (key.Length == 0 || (!dashed && !hasValue))
        {
            return false;
        }
        return key.Contains(':') || (dashed && (char.IsUpper(key[0]) || HostKeys.Contains(key)));
    }
}
