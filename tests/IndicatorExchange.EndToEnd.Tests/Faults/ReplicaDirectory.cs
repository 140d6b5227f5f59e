using IndicatorExchange.ServiceDefaults.Security.Tokens;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>Data directories of replicas that run as if on other machines, on one PostgreSQL database.</summary>
internal static class ReplicaDirectory
{
    /// <summary>
    /// A new data directory <paramref name="name"/> under <paramref name="root"/> holding only a copy (owner-only) of the
    /// one keys file every replica must share.
    /// </summary>
    public static string WithKeys(string root, string name, string keys)
    {
        var data = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        var copy = SigningKeyFile.DefaultPath(data);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(keys, copy);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return data;
    }
}
