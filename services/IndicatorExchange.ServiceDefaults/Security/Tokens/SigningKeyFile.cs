using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.Extensions.Configuration;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>
/// Where keys come from when the configuration names none: a JSON file under the data directory (the Access module
/// generates it on first start), watched, so that adding, activating or revoking a key in it takes effect without a
/// restart. Several processes sharing the data directory share the keys.
/// </summary>
public static class SigningKeyFile
{
    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, "keys", "signing-keys.json");

    /// <summary>The keys file this configuration names (Security:KeysFile), else the default under its data directory.</summary>
    public static string PathIn(IConfiguration configuration) =>
        configuration[$"{SecurityOptions.Section}:KeysFile"] ?? DefaultPath(configuration["DataDirectory"] ?? "data");

    /// <summary>Whether the configuration itself holds keys (Security:SigningKeys).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        configuration.GetSection($"{SecurityOptions.Section}:SigningKeys").GetChildren().Any();

    /// <summary>Adds the keys file to the configuration when it exists.</summary>
    public static void AddTo(IConfigurationManager configuration)
    {
        var path = PathIn(configuration);
        if (File.Exists(path))
        {
            Add(configuration, path);
        }
    }

    /// <summary>Adds this keys file to the configuration, reloaded when it changes.</summary>
    public static void Add(IConfigurationManager configuration, string path) =>
        configuration.AddJsonFile(Path.GetFullPath(path), optional: true, reloadOnChange: true);

    /// <summary>The security options a keys file holds (tools that sign on the server read it directly); null when absent.</summary>
    public static SecurityOptions? Read(string path) => !File.Exists(path) ? null
        : new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path)).Build().GetSection(SecurityOptions.Section).Get<SecurityOptions>();
}
