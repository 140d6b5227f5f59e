using System.Data.Common;
using Dapper;
using Npgsql;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// Rows copied into the services' schemas of one database (already migrated) in <b>one transaction</b>: nothing of it is
/// seen until <see cref="CommitAsync"/>, and a failure, or disposing without committing, leaves the tables as they were.
/// Each table goes in with binary <c>COPY</c>, its values as given: identity columns keep the copied numbers (COPY
/// writes them as given, as <c>OVERRIDING SYSTEM VALUE</c> would), and a column the rows do not have takes its default, so
/// a feed's <c>xid</c> is the copying transaction's: every copied revision sorts before anything written later, in
/// sequence order, and is served once the copy commits (<see cref="PostgresFeed"/>).
/// </summary>
public sealed class PostgresImport : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<(string Table, string Column)> _identities = [];

    private PostgresImport(NpgsqlConnection connection, NpgsqlTransaction transaction, string description)
    {
        _connection = connection;
        _transaction = transaction;
        Description = description;
    }

    /// <summary>Host, port and database (never the password), for messages.</summary>
    public string Description { get; }

    /// <summary>Connects and begins the transaction.</summary>
    public static async Task<PostgresImport> BeginAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new PostgresImport(connection, transaction, $"{builder.Host}:{builder.Port}/{builder.Database}");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The tables of <paramref name="schema"/> but its migration journal, each after the tables it references (foreign
    /// keys), so that copying them in this order meets every constraint.
    /// </summary>
    public async Task<IReadOnlyList<string>> TablesAsync(string schema)
    {
        var references = (await _connection.QueryAsync<(string Table, string? Referenced)>("""
            SELECT t.relname, r.relname
            FROM pg_class t
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f' AND k.confrelid <> t.oid
            LEFT JOIN pg_class r ON r.oid = k.confrelid
            WHERE n.nspname = @schema AND t.relkind IN ('r', 'p') AND t.relname <> 'schema_migrations'
            ORDER BY t.relname
            """, new { schema }, _transaction)).ToLookup(r => r.Table, r => r.Referenced);
        var ordered = new List<string>();
        while (ordered.Count < references.Count)
        {
            var ready = references.Select(r => r.Key)
                .Where(table => !ordered.Contains(table) && references[table].All(r => r is null || ordered.Contains(r)))
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidDataException($"{schema}: 外键成环 / its tables reference each other in a cycle.");
            }
            ordered.AddRange(ready);
        }
        return ordered;
    }

    /// <summary>The tables (<c>schema.table</c>) of the given schemas, journals aside, that hold at least one row.</summary>
    public async Task<IReadOnlyList<string>> TablesWithRowsAsync(IEnumerable<string> schemas)
    {
        var holding = new List<string>();
        foreach (var schema in schemas)
        {
            foreach (var table in await TablesAsync(schema))
            {
                var name = Qualified(schema, table);
                if (await _connection.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {name})", transaction: _transaction))
                {
                    holding.Add($"{schema}.{table}");
                }
            }
        }
        return holding;
    }

    /// <summary>Copies every row of <paramref name="rows"/> (its columns named <paramref name="columns"/>, in order) into the table; answers how many.</summary>
    public async Task<long> CopyAsync(string schema, string table, IReadOnlyList<string> columns, DbDataReader rows, CancellationToken cancellationToken)
    {
        var name = Qualified(schema, table);
        var targets = await ColumnsAsync(schema, table, columns);
        await using var copy = await _connection.BeginBinaryImportAsync(
            $"COPY {name} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long count = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            count++;
            await copy.StartRowAsync(cancellationToken);
            for (var i = 0; i < targets.Count; i++)
            {
                try
                {
                    await targets[i].WriteAsync(copy, rows, i, cancellationToken);
                }
                catch (Exception exception) when (exception is InvalidDataException or OverflowException)
                {
                    throw new InvalidDataException($"{schema}.{table}, 第 {count} 行 / row {count}, {exception.Message}", exception);
                }
            }
        }
        await copy.CompleteAsync(cancellationToken);
        _identities.AddRange(targets.Where(c => c.IsIdentity).Select(c => (name, c.Name)));
        return count;
    }

    /// <summary>
    /// Moves every copied identity column's counter past its highest copied value, so new rows are numbered after them,
    /// and commits. (A counter's move is not undone by a rollback, so it is made only now, when everything is copied.)
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, column) in _identities)
        {
            await _connection.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), max({Quote(column)})) FROM {table} HAVING max({Quote(column)}) IS NOT NULL",
                new { table, column }, _transaction, cancellationToken: cancellationToken));
        }
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>The table's columns of these names, in this order; throws when one is missing or of a type the import does not know.</summary>
    private async Task<IReadOnlyList<PostgresColumn>> ColumnsAsync(string schema, string table, IReadOnlyList<string> names)
    {
        var columns = (await _connection.QueryAsync<(string Name, string DataType, string IsIdentity)>(
                "SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table",
                new { schema, table }, _transaction))
            .ToDictionary(c => c.Name, c => new PostgresColumn(c.Name, c.DataType, c.IsIdentity == "YES"), StringComparer.Ordinal);
        var missing = names.Where(n => !columns.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{schema}.{table}: 没有列 {string.Join(", ", missing)} / has no column {string.Join(", ", missing)} to copy into.");
        }
        var unknown = names.Select(n => columns[n]).Where(c => !PostgresColumn.KnownTypes.Contains(c.DataType)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"{schema}.{table}: 列 {unknown[0].Name} 的类型 {unknown[0].DataType} 不能导入 / column {unknown[0].Name} is of a type the copy does not handle ({unknown[0].DataType}).");
        }
        return names.Select(n => columns[n]).ToList();
    }

    private static string Qualified(string schema, string table) => $"{Quote(schema)}.{Quote(table)}";

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
