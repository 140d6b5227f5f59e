using Npgsql;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// One service's PostgreSQL database: a pooled <see cref="NpgsqlDataSource"/> built from a connection string.
/// Several services (and several replicas of one) may share the database; each service's tables are its own.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        DataSource = NpgsqlDataSource.Create(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>The pooled data source every connection comes from.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Host, port and database (never the password), for messages and health reports.</summary>
    public string Description { get; }

    /// <summary>An open pooled connection.</summary>
    public NpgsqlConnection Open() => DataSource.OpenConnection();

    /// <summary>An open pooled connection, opened asynchronously.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) => DataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
