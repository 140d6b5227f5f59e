using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Services.Tests;

public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, growth TEXT, row BLOB)";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Rows_inserted_by_position_read_back_with_nulls_and_blobs_and_the_statement_runs_again_after_each_read()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (name, growth, row) VALUES ($name, $growth, $row) RETURNING id");
        var (name, growth, row) = (insert.IndexOf("$name"), insert.IndexOf("$growth"), insert.IndexOf("$row"));
        var ids = new List<long>();
        foreach (var (text, pct) in new[] { ("伊宁市", "0.6"), ("新源县", (string?)null) })
        {
            insert.Bind(name, text);
            insert.Bind(growth, pct);
            insert.Bind(row, [1, 2, (byte)text.Length]);
            ids.Add(insert.ExecuteInt64());
        }
        using var select = new SqliteStatement(_connection, "SELECT name, growth, length(row) FROM t WHERE id >= ?1 ORDER BY id");
        var read = new List<(string, string?, long)>();
        for (var pass = 0; pass < 2; pass++)
        {
            select.Bind(1, ids[0]);
            while (select.Read())
            {
                read.Add((select.GetString(0), select.GetNullableString(1), select.GetInt64(2)));
            }
        }

        Assert.Equal([1L, 2L], ids);
        Assert.Equal([("伊宁市", "0.6", 3L), ("新源县", null, 3L), ("伊宁市", "0.6", 3L), ("新源县", null, 3L)], read);
    }

    [Fact]
    public void A_failed_step_throws_the_sqlite_error_and_leaves_the_statement_usable()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (name) VALUES (?1)");
        insert.Bind(1, "伊宁市");
        Assert.Equal(1, insert.Execute());

        var duplicate = Assert.Throws<SqliteException>(() => insert.Execute());
        insert.Bind(1, "新源县");

        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1, insert.Execute());
        Assert.Throws<ArgumentException>(() => insert.IndexOf("$missing"));
        Assert.Throws<SqliteException>(() => new SqliteStatement(_connection, "SELECT FROM nowhere"));
    }

    [Fact]
    public void Texts_longer_than_the_stack_buffer_empty_blobs_and_raw_bytes_round_trip_exactly()
    {
        var longText = string.Concat(Enumerable.Repeat("伊犁哈萨克自治州", 100)); // 2,400 bytes of UTF-8
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (name, growth, row) VALUES (?1, ?2, ?3) RETURNING id");
        insert.Bind(1, longText);
        insert.Bind(2, "");
        insert.Bind(3, Array.Empty<byte>());
        var id = insert.ExecuteInt64();
        using var select = new SqliteStatement(_connection, "SELECT name, growth, row, typeof(row), length(CAST(name AS BLOB)) FROM t WHERE id = ?1");
        select.Bind(1, id);

        Assert.True(select.Read());
        Assert.Equal(longText, select.GetString(0));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(longText), select.GetBytes(0).ToArray());
        Assert.False(select.IsNull(1));
        Assert.Equal("", select.GetString(1));
        Assert.True(select.GetBytes(2).IsEmpty);
        Assert.Equal("blob", select.GetString(3));
        Assert.Equal(2400, select.GetInt32(4));
        Assert.False(select.Read());
    }

    [Fact]
    public void A_disposed_statement_refuses_to_run_rather_than_reaching_freed_memory()
    {
        var select = new SqliteStatement(_connection, "SELECT 1");
        select.Dispose();

        Assert.Throws<ObjectDisposedException>(() => select.Read());
        Assert.Throws<ObjectDisposedException>(() => select.Bind(1, "x"));
    }
}
