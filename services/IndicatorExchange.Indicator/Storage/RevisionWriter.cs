using IndicatorExchange.Indicator.Submissions;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>
/// The statements of one apply transaction, each prepared once and run for every group or figure with its parameters
/// created once and only their values set (Dapper would parse the SQL and bind the parameters by name on every call).
/// Revisions are inserted <see cref="RowsPerInsert"/> to a statement, which pays SQLite's and the driver's per-statement
/// cost once per chunk instead of once per figure.
/// </summary>
internal sealed class RevisionWriter : IDisposable
{
    private const int RowsPerInsert = 32;

    private readonly SqliteCommand _current;
    private readonly SqliteCommand _insertOne, _insertChunk;
    private readonly SqliteCommand _makeCurrent;

    private readonly SqliteParameter _currentOrgUnit, _currentPeriod;
    private readonly RowParameters[] _oneRow, _chunkRows;
    private readonly SqliteParameter _firstInserted;
    private readonly List<PendingRevision> _pending = new(RowsPerInsert);
    private long? _firstSequence;
    private long _lastSequence;

    public RevisionWriter(SqliteConnection connection, SqliteTransaction transaction, FigureBatch batch, string receivedAt)
    {
        _current = Command(connection, transaction, """
            SELECT r.sequence, r.indicator, r.revision, r.value, r.yoy_growth_pct, r.status, r.note, r.warnings
            FROM current_figures c JOIN figure_revisions r ON r.sequence = c.sequence
            WHERE c.org_unit = $org_unit AND c.period = $period
            """);
        _currentOrgUnit = Parameter(_current, "$org_unit");
        _currentPeriod = Parameter(_current, "$period");

        (_insertOne, _oneRow) = InsertCommand(connection, transaction, batch, receivedAt, rows: 1);
        (_insertChunk, _chunkRows) = InsertCommand(connection, transaction, batch, receivedAt, RowsPerInsert);

        // One statement for the whole batch instead of one upsert per figure. A batch holds each figure (org unit, period,
        // indicator) at most once, and the write lock is held, so every revision from the first inserted on is this batch's.
        _makeCurrent = Command(connection, transaction, """
            INSERT INTO current_figures (org_unit, period, indicator, sequence)
            SELECT org_unit, period, indicator, sequence FROM figure_revisions WHERE sequence >= $first_inserted
            ON CONFLICT (org_unit, period, indicator) DO UPDATE SET sequence = excluded.sequence
            """);
        _firstInserted = Parameter(_makeCurrent, "$first_inserted");
    }

    private static (SqliteCommand, RowParameters[]) InsertCommand(SqliteConnection connection, SqliteTransaction transaction, FigureBatch batch,
        string receivedAt, int rows)
    {
        var values = string.Join(",\n", Enumerable.Range(0, rows).Select(k => $"""
            ($org_unit_{k}, $period_{k}, $indicator_{k}, $revision_{k}, $value_{k}, $unit_{k}, $sent_value_{k}, $sent_unit_{k},
             $growth_{k}, $status_{k}, $note_{k}, $submitted_by, $request_id, $received_at, $replaces_{k}, $warnings_{k})
            """));
        var command = Command(connection, transaction, $"""
            INSERT INTO figure_revisions (org_unit, period, indicator, revision, value, unit, sent_value, sent_unit,
                                          yoy_growth_pct, status, note, submitted_by, request_id, received_at,
                                          replaces_sequence, warnings)
            VALUES {values}
            RETURNING sequence
            """);
        var parameters = Enumerable.Range(0, rows).Select(k => new RowParameters(command, k)).ToArray();
        Parameter(command, "$submitted_by").Value = batch.SubmittedBy;
        Parameter(command, "$request_id").Value = batch.RequestId;
        Parameter(command, "$received_at").Value = receivedAt;
        return (command, parameters);
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

    /// <summary>
    /// Appends a revision of the figure (replacing <paramref name="replaced"/>), in order, sent to SQLite with the next
    /// chunk; <see cref="Complete"/> writes what is left and makes every appended revision current.
    /// </summary>
    public void Insert(FigureGroup group, NormalisedFigure figure, StoredFigure? replaced)
    {
        _pending.Add(new PendingRevision(group, figure, replaced));
        if (_pending.Count == RowsPerInsert)
        {
            Write(_insertChunk, _chunkRows, _pending);
            _pending.Clear();
        }
    }

    /// <summary>Writes the revisions still pending and makes every inserted revision current; answers the last sequence (0 if none).</summary>
    public long Complete()
    {
        foreach (var revision in _pending)
        {
            Write(_insertOne, _oneRow, [revision]);
        }
        _pending.Clear();
        if (_firstSequence is { } first)
        {
            _firstInserted.Value = first;
            _makeCurrent.ExecuteNonQuery();
        }
        return _lastSequence;
    }

    private void Write(SqliteCommand insert, RowParameters[] rows, List<PendingRevision> revisions)
    {
        for (var k = 0; k < revisions.Count; k++)
        {
            rows[k].Set(revisions[k]);
        }
        using var reader = insert.ExecuteReader();
        while (reader.Read())
        {
            var sequence = reader.GetInt64(0);
            _firstSequence = Math.Min(_firstSequence ?? sequence, sequence);
            _lastSequence = Math.Max(_lastSequence, sequence);
        }
    }

    private sealed record PendingRevision(FigureGroup Group, NormalisedFigure Figure, StoredFigure? Replaced);

    /// <summary>The parameters of one row of an insert.</summary>
    private sealed class RowParameters
    {
        private readonly SqliteParameter _orgUnit, _period, _indicator, _revision, _value, _unit, _sentValue, _sentUnit,
            _growth, _status, _note, _replaces, _warnings;

        public RowParameters(SqliteCommand command, int row)
        {
            SqliteParameter Named(string name) => Parameter(command, $"${name}_{row}");
            (_orgUnit, _period, _indicator, _revision) = (Named("org_unit"), Named("period"), Named("indicator"), Named("revision"));
            (_value, _unit, _sentValue, _sentUnit) = (Named("value"), Named("unit"), Named("sent_value"), Named("sent_unit"));
            (_growth, _status, _note, _replaces, _warnings) = (Named("growth"), Named("status"), Named("note"), Named("replaces"), Named("warnings"));
        }

        public void Set(PendingRevision revision)
        {
            var (group, figure, replaced) = revision;
            _orgUnit.Value = group.OrgUnit;
            _period.Value = group.Period;
            _indicator.Value = figure.Indicator;
            _revision.Value = (replaced?.Revision ?? 0) + 1;
            _value.Value = figure.Value;
            _unit.Value = figure.Unit;
            _sentValue.Value = figure.SentValue;
            _sentUnit.Value = figure.SentUnit;
            _growth.Value = (object?)figure.YoyGrowthPct ?? DBNull.Value;
            _status.Value = figure.Status;
            _note.Value = figure.Note;
            _replaces.Value = (object?)replaced?.Sequence ?? DBNull.Value;
            _warnings.Value = FigureWarning.Serialize(figure.Warnings);
        }
    }

    public void Dispose()
    {
        _current.Dispose();
        _insertOne.Dispose();
        _insertChunk.Dispose();
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
