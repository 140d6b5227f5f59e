using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Indicator.Storage.Sqlite;

/// <summary>
/// The statements of one apply transaction, each prepared once and run for every group or figure with its parameters
/// created once and only their values set (Dapper would parse the SQL and bind the parameters by name on every call).
/// The INSERT, run once per figure, binds by position through <see cref="SqliteStatement"/>.
/// </summary>
internal sealed class RevisionWriter : IDisposable
{
    private readonly SqliteCommand _current;
    private readonly SqliteStatement _insert;
    private readonly SqliteCommand _makeCurrent;

    private readonly SqliteParameter _currentOrgUnit, _currentPeriod;
    private readonly int _orgUnit, _period, _indicator, _revision, _value, _unit, _sentValue, _sentUnit,
        _growth, _status, _note, _replaces, _warnings;
    private readonly SqliteParameter _firstInserted;
    private long? _firstSequence;

    public RevisionWriter(SqliteConnection connection, SqliteTransaction transaction, FigureBatch batch, string receivedAt)
    {
        _current = Command(connection, transaction, """
            SELECT r.sequence, r.indicator, r.revision, r.value, r.yoy_growth_pct, r.status, r.note, r.warnings
            FROM current_figures c JOIN figure_revisions r ON r.sequence = c.sequence
            WHERE c.org_unit = $org_unit AND c.period = $period
            """);
        _currentOrgUnit = Parameter(_current, "$org_unit");
        _currentPeriod = Parameter(_current, "$period");

        _insert = new SqliteStatement(connection, """
            INSERT INTO figure_revisions (org_unit, period, indicator, revision, value, unit, sent_value, sent_unit,
                                          yoy_growth_pct, status, note, submitted_by, request_id, received_at,
                                          replaces_sequence, warnings)
            VALUES ($org_unit, $period, $indicator, $revision, $value, $unit, $sent_value, $sent_unit,
                    $growth, $status, $note, $submitted_by, $request_id, $received_at, $replaces, $warnings)
            RETURNING sequence
            """);
        (_orgUnit, _period, _indicator, _revision) = (_insert.IndexOf("$org_unit"), _insert.IndexOf("$period"),
            _insert.IndexOf("$indicator"), _insert.IndexOf("$revision"));
        (_value, _unit, _sentValue, _sentUnit) = (_insert.IndexOf("$value"), _insert.IndexOf("$unit"),
            _insert.IndexOf("$sent_value"), _insert.IndexOf("$sent_unit"));
        (_growth, _status, _note, _replaces, _warnings) = (_insert.IndexOf("$growth"), _insert.IndexOf("$status"),
            _insert.IndexOf("$note"), _insert.IndexOf("$replaces"), _insert.IndexOf("$warnings"));
        _insert.Bind(_insert.IndexOf("$submitted_by"), batch.SubmittedBy);
        _insert.Bind(_insert.IndexOf("$request_id"), batch.RequestId);
        _insert.Bind(_insert.IndexOf("$received_at"), receivedAt);

        // One statement for the whole batch instead of one upsert per figure. A batch holds each figure (org unit, period,
        // indicator) at most once, and the write lock is held, so every revision from the first inserted on is this batch's.
        _makeCurrent = Command(connection, transaction, """
            INSERT INTO current_figures (org_unit, period, indicator, sequence)
            SELECT org_unit, period, indicator, sequence FROM figure_revisions WHERE sequence >= $first_inserted
            ON CONFLICT (org_unit, period, indicator) DO UPDATE SET sequence = excluded.sequence
            """);
        _firstInserted = Parameter(_makeCurrent, "$first_inserted");
    }

    /// <summary>The current revision of each indicator of one org unit and period, as this transaction sees them.</summary>
    public Dictionary<string, StoredFigure> Current(string orgUnit, string period)
    {
        _currentOrgUnit.Value = orgUnit;
        _currentPeriod.Value = period;
        var current = new Dictionary<string, StoredFigure>(StringComparer.Ordinal);
        using var reader = _current.ExecuteReader();
        while (reader.Read())
        {
            var figure = new StoredFigure
            {
                Sequence = reader.GetInt64(0),
                OrgUnit = orgUnit,
                Period = period,
                Indicator = reader.GetString(1),
                Revision = reader.GetInt64(2),
                Value = reader.GetString(3),
                YoyGrowthPct = reader.IsDBNull(4) ? null : reader.GetString(4),
                Status = reader.GetInt32(5),
                Note = reader.GetString(6),
                Warnings = reader.GetString(7),
            };
            current[figure.Indicator] = figure;
        }
        return current;
    }

    /// <summary>Appends a revision of the figure (replacing <paramref name="replaced"/>); answers its sequence. <see cref="MakeInsertedCurrent"/> makes it current.</summary>
    public long Insert(FigureGroup group, NormalisedFigure figure, StoredFigure? replaced)
    {
        _insert.Bind(_orgUnit, group.OrgUnit);
        _insert.Bind(_period, group.Period);
        _insert.Bind(_indicator, figure.Indicator);
        _insert.Bind(_revision, (replaced?.Revision ?? 0) + 1);
        _insert.Bind(_value, figure.Value);
        _insert.Bind(_unit, figure.Unit);
        _insert.Bind(_sentValue, figure.SentValue);
        _insert.Bind(_sentUnit, figure.SentUnit);
        _insert.Bind(_growth, figure.YoyGrowthPct);
        _insert.Bind(_status, figure.Status);
        _insert.Bind(_note, figure.Note);
        _insert.Bind(_replaces, replaced?.Sequence);
        _insert.Bind(_warnings, FigureWarning.Serialize(figure.Warnings));
        var sequence = _insert.ExecuteInt64();
        _firstSequence ??= sequence;
        return sequence;
    }

    /// <summary>Makes every revision inserted by <see cref="Insert"/> the current one of its figure.</summary>
    public void MakeInsertedCurrent()
    {
        if (_firstSequence is { } first)
        {
            _firstInserted.Value = first;
            _makeCurrent.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _current.Dispose();
        _insert.Dispose();
        _makeCurrent.Dispose();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static SqliteParameter Parameter(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
