using Microsoft.Extensions.Configuration;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>The storage engines a service can run on.</summary>
public enum StorageEngine
{
    /// <summary>One SQLite file per service in the data directory (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>Storage:ConnectionString</c>).</summary>
    Postgres,
}

/// <summary>Which storage engine to use (command line: <c>--storage</c>, <c>--connection-string</c>).</summary>
public static class StorageSettings
{
    /// <summary>The configuration key of the engine: <c>sqlite</c> (the default) or <c>postgres</c>.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>The configuration key of the PostgreSQL connection string.</summary>
    public const string ConnectionStringKey = "Storage:ConnectionString";

    /// <summary>The configured engine; an unknown name stops the start (<see cref="StorageConfigurationException"/>).</summary>
    public static StorageEngine Engine(IConfiguration configuration)
    {
        var provider = configuration[ProviderKey]?.Trim();
        if (string.IsNullOrEmpty(provider) || provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return StorageEngine.Sqlite;
        }
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            return StorageEngine.Postgres;
        }
        throw new StorageConfigurationException(
            $"未知的存储引擎 '{provider}' ({ProviderKey}, --storage)：应为 sqlite 或 postgres / " +
            $"unknown storage engine '{provider}' ({ProviderKey}, --storage): expected sqlite or postgres.");
    }
}

/// <summary>The storage configuration cannot work (an unknown engine, a missing connection string); the message is bilingual.</summary>
public sealed class StorageConfigurationException(string message) : Exception(message);
