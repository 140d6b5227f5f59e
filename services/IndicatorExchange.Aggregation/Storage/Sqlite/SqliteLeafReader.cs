using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>
/// Reads the current figures of one period and indicator at a time, with one statement prepared once: a recomputation
/// asks for every period and indicator in turn. On a connection of its own beside a write session
/// (<see cref="OpenBeside"/>). Not thread-safe, like a connection.
/// </summary>
internal sealed class SqliteLeafReader : ILeafReader
{
    // One column call per value, each a P/Invoke taking the statement's handle and SQLite's connection mutex: NULLs
    // come as empty text, and the status and the warnings as one integer, so no row needs a type check.
    private const string Sql = """
        SELECT org_unit, value, coalesce(yoy_growth_pct, ''), status * 2 + (open_warnings > 0),
               coalesce(first_received_at, received_at, '')
        FROM figures WHERE period = ?1 AND indicator = ?2
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _snapshot;
    private readonly SqliteStatement _statement;
    private readonly StoredText _text = new();

    private SqliteLeafReader(SqliteConnection connection, SqliteTransaction snapshot)
    {
        _connection = connection;
        _snapshot = snapshot;
        _statement = new SqliteStatement(connection, Sql);
    }

    /// <summary>
    /// A reader on a pooled connection of its own, in a read transaction. Opened while a session holds the write lock
    /// (BEGIN IMMEDIATE) and has changed no figure, it reads the figures that session sees: the last commit.
    /// </summary>
    public static SqliteLeafReader OpenBeside(SqliteDatabase database)
    {
        var connection = database.Open();
        try
        {
            return new SqliteLeafReader(connection, connection.BeginTransaction(deferred: true));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public IReadOnlyList<StoredLeaf> ReadLeaves(PeriodIndicator pair)
    {
        _statement.Bind(1, pair.Period.ToString());
        _statement.Bind(2, pair.Indicator);
        var leaves = new List<StoredLeaf>();
        while (_statement.Read())
        {
            var growth = _statement.GetBytes(2);
            var flags = _statement.GetInt32(3);
            var first = _statement.GetBytes(4);
            var figure = new LeafFigure(StoredText.Decimal(_statement.GetBytes(1)), growth.IsEmpty ? null : StoredText.Decimal(growth), flags >> 1,
                first.IsEmpty ? null : _text.Time(first), (flags & 1) == 1);
            leaves.Add(new StoredLeaf(_text.Code(_statement.GetBytes(0)), figure));
        }
        return leaves;
    }

    public void Dispose()
    {
        _statement.Dispose();
        _snapshot.Dispose();
        _connection.Dispose();
    }
}
