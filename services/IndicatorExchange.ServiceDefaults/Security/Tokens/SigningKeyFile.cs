using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>
/// Where keys come from when the configuration names none: a JSON file under the data directory, generated
/// on first start (readable by its owner only) and watched, so that adding, activating or revoking a key in it
/// takes effect without a restart. Several processes sharing the data directory share the keys.
/// </summary>
public static class SigningKeyFile
{
    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, "keys", "signing-keys.json");

    /// <summary>Adds the keys file to the configuration, generating it first when no key is configured anywhere.</summary>
    public static void AddTo(IConfigurationManager configuration)
    {
        var configured = configuration.GetSection($"{SecurityOptions.Section}:SigningKeys").GetChildren().Any();
        var path = configuration[$"{SecurityOptions.Section}:KeysFile"]
            ?? DefaultPath(configuration["DataDirectory"] ?? "data");
        if (!configured && !File.Exists(path))
        {
            Generate(path);
        }
        if (File.Exists(path))
        {
            configuration.AddJsonFile(Path.GetFullPath(path), optional: true, reloadOnChange: true);
        }
    }

    /// <summary>The security options a keys file holds (tools that sign on the server read it directly); null when absent.</summary>
    public static SecurityOptions? Read(string path) => !File.Exists(path) ? null
        : new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path)).Build().GetSection(SecurityOptions.Section).Get<SecurityOptions>();

    /// <summary>Writes a file holding one new random 256-bit key, active.</summary>
    public static void Generate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var id = $"k-{DateTime.UtcNow:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var document = new JsonObject
        {
            [SecurityOptions.Section] = new JsonObject
            {
                ["ActiveKeyId"] = id,
                ["SigningKeys"] = new JsonArray(new JsonObject
                {
                    ["Id"] = id,
                    ["Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                }),
            },
        };
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, path, overwrite: false);
    }
}
