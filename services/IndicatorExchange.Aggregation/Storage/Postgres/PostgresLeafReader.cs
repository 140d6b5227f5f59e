using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// Reads the current figures of one period and indicator at a time, with one prepared statement, in a transaction that
/// imported a write session's snapshot (<see cref="Open"/>). Numbers are read as binary numerics, which Npgsql turns into
/// decimals with their scale (the stored values are validated decimals, so they fit); an org unit code is the same string
/// each time it is met, and a time is parsed once per distinct text. Not thread-safe, like a connection.
/// </summary>
internal sealed class PostgresLeafReader : ILeafReader
{
    private const string Sql = """
        SELECT org_unit, value, yoy_growth_pct, status, open_warnings > 0, coalesce(first_received_at, received_at)
        FROM figures WHERE period = $1 AND indicator = $2
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _snapshot;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlParameter<string> _period = new() { NpgsqlDbType = NpgsqlDbType.Text };
    private readonly NpgsqlParameter<string> _indicator = new() { NpgsqlDbType = NpgsqlDbType.Text };
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _times = new(StringComparer.Ordinal);

    private PostgresLeafReader(NpgsqlConnection connection, NpgsqlTransaction snapshot)
    {
        _connection = connection;
        _snapshot = snapshot;
        _command = new NpgsqlCommand(Sql, connection, snapshot) { Parameters = { _period, _indicator } };
        _command.Prepare();
    }

    /// <summary>A reader on a pooled connection of its own, in a read-only transaction of the exported <paramref name="snapshot"/>.</summary>
    public static PostgresLeafReader Open(PostgresDatabase database, string snapshot)
    {
        var connection = database.Open();
        try
        {
            var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            using (var import = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshot.Replace("'", "''", StringComparison.Ordinal)}'", connection, transaction))
            {
                import.ExecuteNonQuery();
            }
            return new PostgresLeafReader(connection, transaction);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public IReadOnlyList<StoredLeaf> ReadLeaves(PeriodIndicator pair)
    {
        _period.TypedValue = pair.Period.ToString();
        _indicator.TypedValue = pair.Indicator;
        var leaves = new List<StoredLeaf>();
        using var reader = _command.ExecuteReader();
        while (reader.Read())
        {
            var figure = new LeafFigure(reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2), reader.GetInt32(3),
                Time(reader.GetString(5)), reader.GetBoolean(4));
            leaves.Add(new StoredLeaf(Code(reader.GetString(0)), figure));
        }
        return leaves;
    }

    private string Code(string text)
    {
        if (!_codes.TryGetValue(text, out var code))
        {
            _codes[text] = code = text;
        }
        return code;
    }

    private DateTimeOffset Time(string text)
    {
        if (!_times.TryGetValue(text, out var time))
        {
            _times[text] = time = FigureRow.ParseTime(text);
        }
        return time;
    }

    public void Dispose()
    {
        _command.Dispose();
        _snapshot.Dispose();
        _connection.Dispose();
    }
}
