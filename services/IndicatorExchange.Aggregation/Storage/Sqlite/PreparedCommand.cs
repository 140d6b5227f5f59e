using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>
/// One statement of a transaction run for many rows: parsed once, its parameters created once and only their values
/// set per row (Dapper, given a list, creates and adds the parameters anew for every row). The statements run once per
/// figure or row use <see cref="IndicatorExchange.Storage.Sqlite.SqliteStatement"/>, which binds by position.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _parameters = parameterNames.Select(name =>
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            _command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
    }

    /// <summary>Runs the statement with these values, in the order of the parameter names; null is SQL NULL.</summary>
    public int Execute(params object?[] values) => With(values).ExecuteNonQuery();

    /// <summary>Runs the query with these values and answers its first column of its first row.</summary>
    public object? Scalar(params object?[] values) => With(values).ExecuteScalar();

    private SqliteCommand With(object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return _command;
    }

    public void Dispose() => _command.Dispose();
}
