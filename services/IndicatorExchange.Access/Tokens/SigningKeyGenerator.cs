using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.Extensions.Configuration;

namespace IndicatorExchange.Access.Tokens;

/// <summary>Creates the signing keys file (<see cref="SigningKeyFile"/>) on first start, readable by its owner only.</summary>
internal static class SigningKeyGenerator
{
    /// <summary>Generates the keys file and adds it to the configuration when no key is configured anywhere.</summary>
    public static void AddGeneratedKeys(IConfigurationManager configuration)
    {
        var path = SigningKeyFile.PathIn(configuration);
        if (!SigningKeyFile.IsConfigured(configuration) && !File.Exists(path))
        {
            Generate(path);
            SigningKeyFile.Add(configuration, path);
        }
    }

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
