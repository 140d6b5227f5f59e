using System.Text.RegularExpressions;
using Npgsql;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// One service's PostgreSQL database: a pooled <see cref="NpgsqlDataSource"/> built from a connection string, whose
/// connections see only the service's own schema (<see cref="Schema"/>, the search path). Several services (and several
/// replicas of one) may share the database: each service's tables, and its migration journal, live in its schema, so no
/// service reads another's tables and each numbers its migrations from 0001.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a schema name this suite uses (lower-case letters, digits, '_').", nameof(schema));
        }
        Schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        if (!Sets(connectionString, "maxpoolsize", "maximumpoolsize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        if (!Sets(connectionString, "maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        // Prepared statements (auto-prepared, and the engines' own) are planned anew at each run with their parameters, as an
        // unprepared statement is: after five runs PostgreSQL may keep a generic plan, which for "= ANY(@keys)" over a
        // national table can be a scan of all of it. Options given in the connection string come after this one, so theirs win.
        builder.Options = string.Join(' ', new[] { "-c plan_cache_mode=force_custom_plan", builder.Options }.Where(o => !string.IsNullOrWhiteSpace(o)));
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Description = $"{builder.Host}:{builder.Port}/{builder.Database} (schema {schema})";
    }

    /// <summary>
    /// The connections each service's pool opens at most when the connection string does not say (<c>Max Pool Size</c>):
    /// the four services of an all-in-one process stay under PostgreSQL's default <c>max_connections</c> (100), so that a
    /// burst of callers waits for a pooled connection instead of being refused by the server ("too many clients"). At
    /// least two per core for the recomputation's parallel readers.
    /// </summary>
    public static readonly int DefaultMaxPoolSize = Math.Max(20, 2 * Environment.ProcessorCount + 4);

    /// <summary>
    /// The statements each pooled connection keeps prepared when the connection string does not say (<c>Max Auto Prepare</c>):
    /// a statement run a few times (Npgsql's <c>Auto Prepare Min Usages</c>, 5) is parsed once per connection instead of at
    /// every call (and still planned with its parameters: <c>plan_cache_mode=force_custom_plan</c>), and the pool then resets
    /// a returned connection without <c>DISCARD ALL</c>, which would drop them. The live path runs a dozen statements per
    /// change, each of them many times.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 100;

    /// <summary>Whether the connection string sets one of the given keys (lower case, without spaces: Npgsql's spellings of one setting).</summary>
    private static bool Sets(string connectionString, params string[] keys) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => keys.Contains(key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()));

    /// <summary>The service's schema: every connection's search path; the migrations create it.</summary>
    public string Schema { get; }

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

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
