using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// A column of a table being imported (<see cref="PostgresImport"/>), and how a value read from another engine goes
/// into it: integers as they are, 0 and 1 as booleans, text as text, blobs as <c>bytea</c>, and decimal text as
/// <c>numeric</c> only when <see cref="decimal"/> holds it exactly, its scale kept ("1.50" stays 1.50; never a float).
/// </summary>
internal sealed record PostgresColumn(string Name, string DataType, bool IsIdentity)
{
    /// <summary>The column types of the suite's tables; another one stops the import before it writes.</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "bigint", "integer", "boolean", "numeric", "text", "bytea",
    };

    /// <summary>Writes the value at <paramref name="ordinal"/> of the current row of <paramref name="rows"/> into this column.</summary>
    public Task WriteAsync(NpgsqlBinaryImporter copy, DbDataReader rows, int ordinal, CancellationToken cancellationToken)
    {
        if (rows.IsDBNull(ordinal))
        {
            return copy.WriteNullAsync(cancellationToken);
        }
        var value = rows.GetValue(ordinal);
        return (DataType, value) switch
        {
            ("bigint", long number) => copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
            ("integer", long number) => copy.WriteAsync(checked((int)number), NpgsqlDbType.Integer, cancellationToken),
            ("boolean", long number and (0 or 1)) => copy.WriteAsync(number == 1, NpgsqlDbType.Boolean, cancellationToken),
            ("numeric", string text) => copy.WriteAsync(PostgresNumeric.Exact(text), NpgsqlDbType.Numeric, cancellationToken),
            ("numeric", long number) => copy.WriteAsync((decimal)number, NpgsqlDbType.Numeric, cancellationToken),
            ("text", string text) => copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
            ("bytea", byte[] bytes) => copy.WriteAsync(bytes, NpgsqlDbType.Bytea, cancellationToken),
            _ => throw new InvalidDataException(
                $"{Name}: 值 {Describe(value)} 无法存入 {DataType} 列 / the value {Describe(value)} does not fit a {DataType} column."),
        };
    }

    private static string Describe(object value) => value switch
    {
        string text => $"'{(text.Length > 40 ? text[..40] + "…" : text)}'",
        byte[] bytes => $"({bytes.Length} bytes)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
