using System.Diagnostics;
using IndicatorExchange.Indicator;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// Issue 8, figure 1: figures per second acknowledged (committed, durable) through UploadFigures, many counties at once,
/// against bulk-inserting the same number of rows straight into a SQLite file in the same run.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<Section> RunAsync(BenchContext context)
    {
        var national = await context.NationalAsync();
        var ingest = national.Ingest!;
        var dryRun = national.ValidateOnlyRun!;
        var data = national.Data;

        var engine = context.Engine;
        var (baselines, floors) = await BaselinesAsync(engine, data, ingest.Figures, context.Quick ? 5 : 3);
        var baseline = ingest.Figures / baselines[baselines.Count / 2].TotalSeconds;
        var floor = ingest.Figures / floors[floors.Count / 2].TotalSeconds;
        var ratio = ingest.Rate / baseline;
        var uploadFigures = data.CountiesPerUpload(NationalSuite.FiguresPerUpload, NationalSuite.ConcurrentUploads) * data.Indicators.Count;
        var catchUp = national.CatchUp!;
        var baselineName = engine.IsPostgres ? "PostgreSQL binary COPY into a bare table" : "SQLite bulk insert";

        var rows = new List<Row>
        {
            new("ingest", $"figures/s acknowledged by UploadFigures ÷ {baselineName}", $"{Report.N(ingest.Rate)}/s (×{Report.N(ratio, "0.00")})",
                $"{Report.N(baseline)}/s", "≥ 0.5 × baseline", ratio >= 0.5),
            new("ingest", "figures/s acknowledged by UploadFigures", $"{Report.N(ingest.Rate)}/s", $"{Report.N(baseline)}/s", "≥ 200,000/s", ingest.Rate >= 200_000),
        };
        UploadRun? sqliteIngest = null;
        if (engine.IsPostgres)
        {
            rows.Add(new("ingest", "figures/s acknowledged by UploadFigures ÷ binary COPY into the indicator service's own tables (the engine's write floor)",
                $"{Report.N(ingest.Rate)}/s (×{Report.N(ingest.Rate / floor, "0.00")})", $"{Report.N(floor)}/s", "≥ 0.8 × baseline", ingest.Rate >= 0.8 * floor));
            sqliteIngest = await SqliteIngestAsync(context);
            rows.Add(new("ingest", "figures/s acknowledged by UploadFigures on PostgreSQL ÷ on SQLite (the same uploads, a suite on SQLite started in this run)",
                $"{Report.N(ingest.Rate)}/s (×{Report.N(ingest.Rate / sqliteIngest.Rate, "0.00")})", $"{Report.N(sqliteIngest.Rate)}/s", "≥ 1 × baseline", ingest.Rate >= sqliteIngest.Rate));
        }

        var phases = national.Setup.Append(dryRun.Phase).Append(ingest.Phase).Append(catchUp).ToList();
        var serverCpuPerFigure = ingest.Phase.ServerCpu.TotalMicroseconds / ingest.Figures;
        var dryCpuPerFigure = dryRun.Phase.ServerCpu.TotalMicroseconds / dryRun.Figures;
        var afterLast = Report.PercentileValue(ingest.AfterLastMessage, 50) / Report.PercentileValue(ingest.Latencies, 50);
        var body = $"""
            ## Ingest: figures acknowledged through UploadFigures

            {Report.N(data.Counties.Count)} counties ({data.Regions.Count} region{(data.Regions.Count == 1 ? "" : "s")}, {data.Prefectures.Count} prefectures) × {data.Indicators.Count} indicators
            (亿元, year to date, annual and quarterly, summed) for {NationalData.Quarter(1)}: {Report.N(ingest.Figures)} figures with reported growth,
            in {ingest.Uploads} uploads of about {Report.N(uploadFigures)} figures (one batch message per county),
            {NationalSuite.ConcurrentUploads} uploads at a time on one HTTP/2 channel. Each upload carries the JWT of a county reporter scoped to the
            smallest unit whose subtree holds its counties ({national.UploadScopes}; an upload's counties are consecutive, so they
            can straddle a prefecture's boundary, and a per-county token would need uploads of one county each), signed before the clock started;
            the suite validates it and checks every batch's county against its scope. The largest message (one county's batch) is
            {Report.N(national.LargestUploadMessage)} bytes, far under `Limits:MaxMessageBytes` (16 MiB), and an upload's {Report.N(uploadFigures)} figures
            far under `Limits:MaxFiguresPerUpload` (500,000). The suite was fresh (`--demo=reference`), the tree loaded with
            `indicatorexchange import-org-units` (a nation root {NationalData.Nation} above the regions) and the catalog with CreateIndicator. The clock runs from the first upload's first message to the
            last upload's acknowledgement (every upload is one committed, durable transaction); the messages were built before it started. Every
            acknowledgement was checked (all figures created, none rejected) and so were the rolled-up totals of two prefectures.{(context.Quick
                ? " In quick mode the upload lasts about a second, so warm-up (the JIT compiler's share in the profile) weighs more than it would in the full mode's 570,000 figures."
                : "")}

            {(engine.IsPostgres ? PostgresBaselineText(baselines, floors) : SqliteBaselineText(baselines, floors))}

            | path | figures | time | figures/s |
            | --- | ---: | ---: | ---: |
            | UploadFigures, acknowledged | {Report.N(ingest.Figures)} | {Report.S(ingest.Phase.Wall)} | {Report.N(ingest.Rate)} |
            | UploadFigures with `validate_only` (everything but the commit; run first, also the warm-up) | {Report.N(dryRun.Figures)} | {Report.S(dryRun.Phase.Wall)} | {Report.N(dryRun.Rate)} |
            | baseline: {baselineName} | {Report.N(ingest.Figures)} | {Report.S(baselines[baselines.Count / 2])} | {Report.N(baseline)} |
            | the same rows into the indicator service's own tables (the write path's floor, see below) | {Report.N(ingest.Figures)} | {Report.S(floors[floors.Count / 2])} | {Report.N(floor)} (×{Report.N(floor / baseline, "0.00")}) |{(sqliteIngest is null ? "" : $"""

            | UploadFigures, acknowledged, on a suite on SQLite (started after this one had caught up and was idle) | {Report.N(sqliteIngest.Figures)} | {Report.S(sqliteIngest.Phase.Wall)} | {Report.N(sqliteIngest.Rate)} |
            """)}

            Upload latency (first message → acknowledgement), ms: p50 {Report.Percentile(ingest.Latencies, 50)}, p99 {Report.Percentile(ingest.Latencies, 99)},
            max {Report.Percentile(ingest.Latencies, 100)}; of which after the last message was sent: p50 {Report.Percentile(ingest.AfterLastMessage, 50)},
            p99 {Report.Percentile(ingest.AfterLastMessage, 99)}.

            ### Where the time goes (ingest)

            A stopwatch breakdown of the phases, with the CPU time each used in the suite process (utime + stime from `/proc/<pid>/stat`)
            and in the benchmark process; "cores busy" is the suite's CPU time over the wall time (the machine has {Environment.ProcessorCount}).
            Profiler: {PerfProfile.Method}.

            {Phase.Header}
            {string.Join("\n", phases.Select(p => p.TableRow))}

            - The suite spent {Report.N(serverCpuPerFigure, "0.0")} µs of CPU per acknowledged figure (with the aggregator following the feed in the
              same process meanwhile), against {Report.N(1e6 / baseline, "0.0")} µs per row for the baseline's whole insert; with `validate_only`
              (validation, quality rules, the writes, then a rollback) it spent {Report.N(dryCpuPerFigure, "0.0")} µs per figure, so
              {Report.N(Math.Min(1, dryCpuPerFigure / Math.Max(serverCpuPerFigure, 1e-9)) * 100, "0")}% of the work is there before any commit.{CpuBudget(ingest.Phase, ingest.Figures, dryRun.Phase)}
            - {Report.N(afterLast * 100, "0")}% of a typical upload's time passes after its last message has been sent: the server reads the whole
              stream into memory first, then validates, checks and applies it in one transaction, and the {NationalSuite.ConcurrentUploads} uploads' transactions
              {(engine.IsPostgres ? PostgresWriters : SqliteWriters)}
            - The aggregator then needed {Report.S(catchUp.Wall)} after the last acknowledgement to roll everything up
              ({Report.N(ingest.Figures / (ingest.Phase.Wall + catchUp.Wall).TotalSeconds)} figures/s from the first upload to up-to-date summaries).
              Its speed over each quarter of this feed, sampled every 100 ms from the first upload on: {national.AggregatorSpeed}
              (see the rebuild section for why it falls as the data grows).
            - {(engine.IsPostgres ? PostgresStatements : SqliteStatements(national.IngestProfile))}
              Before that, the whole upload is validated and normalised in memory
              (decimal parsing, the unit conversion, canonical text, the field path of each figure) and the quality rules read the county's
              stored figures and evaluate each rule per figure{HotSymbols(national.IngestProfile, "QualityChecker", "SubmissionValidator", "DecimalText")}.
              The suite's CPU above also includes the aggregator, which follows the feed in the same process while the uploads run.
            - Loading the reference data: the tree import makes one CreateOrgUnit call per unit, a level of the tree at a time with 8 calls
              in flight; each call checks only the units it names against the store and is one durable transaction (an fsync each).
            """ + (national.IngestProfile is null ? "" : $"\n\nProfile of the suite during the timed upload (the aggregator was following the feed meanwhile):\n\n{national.IngestProfile}");
        return new Section(rows, body);
    }

    /// <summary>
    /// On PostgreSQL: the database server's CPU per figure, and how busy the machine's cores were with the suite, the
    /// server and this client together over the upload (they share the cores, so the sum bounds the rate).
    /// </summary>
    private static string CpuBudget(Phase ingest, long figures, Phase dryRun)
    {
        if (ingest.DatabaseCpu is not { } database || dryRun.DatabaseCpu is not { } dryDatabase)
        {
            return "";
        }
        var busy = (ingest.ServerCpu + ingest.ClientCpu + database) / (ingest.Wall * Environment.ProcessorCount);
        return $"""

              - The database server spent {Report.N(database.TotalMicroseconds / figures, "0.0")} µs of CPU per acknowledged figure
                ({Report.N(dryDatabase.TotalMicroseconds / figures, "0.0")} µs with `validate_only`). Suite, server and benchmark client together kept the
                machine's {Environment.ProcessorCount} cores {Report.N(busy * 100, "0")}% busy over the upload: {Report.S(ingest.ServerCpu + ingest.ClientCpu + database)}
                of CPU in {Report.S(ingest.Wall)}.
            """;
    }

    private const string SqliteWriters = """
        run one after another (SQLite has one writer): they queue in the process on an async gate ahead of `BEGIN IMMEDIATE`, so the write
          lock passes straight to the next upload instead of being polled with `busy_timeout` sleeps, and concurrency overlaps the receiving
          and the validation with the writes.
        """;

    private const string PostgresWriters = """
        run side by side (PostgreSQL has many writers; uploads of different counties touch different rows, and the revision's
          unique key and the request's id decide between writers of the same figure), each in its own transaction and connection.
        """;

    private static string SqliteStatements(string? profile) => $"""
        Each upload's figures are stored with three statements prepared once per transaction (the current revisions of each org unit and
          period, `INSERT … RETURNING` the revision, the upsert of the current figure in one statement for the whole upload); the
          INSERT, run once per figure, binds its values by position on the statement's raw pointer (`SqliteStatement`, `SqliteNative`) rather than through
          Microsoft.Data.Sqlite, whose every execution looked each of its 16 parameters up by name{HotSymbols(profile, "sqlite3VdbeExec", "sqlite3_bind_text", "sqlite3RunParser", "FindPrefixedParameter")};
          the baseline runs one prepared statement of 6 parameters.
        """;

    private const string PostgresStatements = """
        Each upload's figures are stored in one transaction (`PostgresFigureStore`): one statement reads the current revision of every
          figure of the upload's org units and periods (each (org unit, period) looked up by `current_figures`' key), one takes the
          revisions' sequence numbers (`nextval` over `generate_series`), one binary `COPY` writes every revision and one the new
          figures' pointers (a revised figure's pointer moves by an upsert); each revision row records its transaction's id
          (`xid8`) for the gap-free feed. The quality rules read the current figures they look at in one statement too.
        """;

    /// <summary>The SQLite baselines' description, with their runs.</summary>
    private static string SqliteBaselineText(List<TimeSpan> baselines, List<TimeSpan> floors) => $"""
        Baseline: the same number of rows, with the same text values, inserted into a fresh SQLite file by Microsoft.Data.Sqlite with one
        prepared statement in one transaction (a table with the columns of `figure_revisions` and no secondary index; WAL and
        `synchronous=FULL` like the suite; commit included); median of {baselines.Count} runs ({string.Join(", ", baselines.Select(Report.Ms))} ms).

        The write path's floor: the same rows, the same way, into a fresh file made by the indicator service's own migrations
        and opened as the suite opens it, i.e. with the indexes that the revision history needs (each revision's unique key
        (org unit, period, indicator, revision), the index by time of receipt behind `ListFigureRevisions`, and the current
        figure of each, written in one statement at the end); no validation, no gRPC, no aggregator; median of {floors.Count} runs
        ({string.Join(", ", floors.Select(Report.Ms))} ms). SQLite has one writer, so the suite's acknowledged rate cannot exceed
        this figure, whatever runs beside it on the other core.
        """;

    /// <summary>The PostgreSQL baselines' description, with their runs.</summary>
    private static string PostgresBaselineText(List<TimeSpan> baselines, List<TimeSpan> floors) => $"""
        Baseline: the same number of rows, with the same values (`numeric`), written by PostgreSQL's own binary `COPY … FROM STDIN
        (FORMAT BINARY)` (Npgsql's `BeginBinaryImport`) into a bare table of a new database of the same server (the columns of
        `figure_revisions`, no key, no index) in one transaction, commit included; median of {baselines.Count} runs
        ({string.Join(", ", baselines.Select(Report.Ms))} ms).

        The engine's write floor: the same rows, the same way, into the indicator service's own tables, made by its PostgreSQL
        migrations in a new database (the revision's identity key and unique key (org unit, period, indicator, revision), the indexes
        by time of receipt and in feed order (`xid`, sequence), the writing transaction's id filled in by its default), and the
        current figure of each written in one statement at the end; no validation, no gRPC, no aggregator; median of {floors.Count}
        runs ({string.Join(", ", floors.Select(Report.Ms))} ms). One writer; the suite writes its uploads in up to
        {NationalSuite.ConcurrentUploads} transactions at once, so unlike on SQLite it may pass this figure on a machine with cores to spare.
        """;

    /// <summary>The baseline and the floor runs, each sorted: SQLite inserts, or PostgreSQL binary COPYs.</summary>
    private static async Task<(List<TimeSpan> Baselines, List<TimeSpan> Floors)> BaselinesAsync(BenchEngine engine, NationalData data, int count, int runs)
    {
        var baselines = new List<TimeSpan>();
        var floors = new List<TimeSpan>();
        if (engine.Server is { } server)
        {
            var rows = CopyRows(data, count);
            for (var i = 0; i < runs; i++)
            {
                baselines.Add(await PostgresCopyBaselines.BareTableAsync(server, rows));
            }
            for (var i = 0; i < runs; i++)
            {
                floors.Add(await PostgresCopyBaselines.SuiteTablesAsync(server, rows));
            }
        }
        else
        {
            for (var i = 0; i < runs; i++)
            {
                baselines.Add(SqliteBulkInsert(data, count));
            }
            for (var i = 0; i < runs; i++)
            {
                floors.Add(SuiteSchemaBulkInsert(data, count));
            }
        }
        baselines.Sort();
        floors.Sort();
        return (baselines, floors);
    }

    /// <summary>The same uploads into a suite on SQLite, started now, for the engines' rates side by side; the suite is stopped afterwards.</summary>
    private static async Task<UploadRun> SqliteIngestAsync(BenchContext context)
    {
        Console.WriteLine("  the same uploads into a suite on SQLite, for comparison …");
        using var sqlite = BenchEngine.FromArguments([]);
        await using var suite = await NationalSuite.StartAsync(context.Quick, sqlite, context.IntArg("--regions", 0) is > 0 and var regions ? regions : null);
        await suite.IngestFirstQuarterAsync();
        return suite.Ingest!;
    }

    private static List<CopyRow> CopyRows(NationalData data, int count)
    {
        var rows = new List<CopyRow>(count);
        for (var c = 0; rows.Count < count; c++)
        {
            for (var i = 0; i < data.Indicators.Count && rows.Count < count; i++)
            {
                rows.Add(new CopyRow(data.Counties[c % data.Counties.Count], data.Indicators[i], NationalData.Value(c, i, 1), NationalData.Growth(c, i)));
            }
        }
        return rows;
    }

    /// <summary>" (in the profile: `a`, `b`)" for those of the symbols that the profile shows, or "".</summary>
    internal static string HotSymbols(string? profile, params string[] symbols)
    {
        var shown = symbols.Where(symbol => profile?.Contains(symbol, StringComparison.Ordinal) == true).ToList();
        return shown.Count == 0 ? "" : $" (in the profile: {string.Join(", ", shown.Select(symbol => $"`{symbol}`"))})";
    }

    /// <summary>The baseline: <paramref name="count"/> rows of the figures' values into a fresh SQLite file, one prepared statement, one transaction.</summary>
    private static TimeSpan SqliteBulkInsert(NationalData data, int count) => InFreshDatabase(path =>
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE figure_revisions (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT, org_unit TEXT NOT NULL, period TEXT NOT NULL, indicator TEXT NOT NULL,
                    revision INTEGER NOT NULL, value TEXT NOT NULL, unit TEXT NOT NULL, sent_value TEXT NOT NULL, sent_unit TEXT NOT NULL,
                    yoy_growth_pct TEXT NULL, status INTEGER NOT NULL, note TEXT NOT NULL, submitted_by TEXT NOT NULL,
                    request_id TEXT NOT NULL, received_at TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }
        return Insert(connection, Rows(data, count), "", "");
    });

    /// <summary>
    /// The write path's floor: the same rows into the indicator service's own tables (its migrations: the revision's unique
    /// key and the index by time of receipt, and the current figure of each), one transaction, no validation, no gRPC.
    /// </summary>
    private static TimeSpan SuiteSchemaBulkInsert(NationalData data, int count) => InFreshDatabase(path =>
    {
        var database = new SqliteDatabase(path);
        MigrationRunner.Apply(database, typeof(IndicatorServiceExtensions).Assembly);
        using var connection = database.Open();
        return Insert(connection, Rows(data, count), ", replaces_sequence, warnings", ", NULL, '[]'", """
            INSERT INTO current_figures (org_unit, period, indicator, sequence)
            SELECT org_unit, period, indicator, sequence FROM figure_revisions WHERE true
            ON CONFLICT (org_unit, period, indicator) DO UPDATE SET sequence = excluded.sequence
            """);
    });

    private static List<(string OrgUnit, string Indicator, string Value, string Growth)> Rows(NationalData data, int count)
    {
        var rows = new List<(string OrgUnit, string Indicator, string Value, string Growth)>(count);
        for (var c = 0; rows.Count < count; c++)
        {
            for (var i = 0; i < data.Indicators.Count && rows.Count < count; i++)
            {
                rows.Add((data.Counties[c % data.Counties.Count], data.Indicators[i],
                    Contracts.Common.V1.Decimal.From(NationalData.Value(c, i, 1)).Value, Contracts.Common.V1.Decimal.From(NationalData.Growth(c, i)).Value));
            }
        }
        return rows;
    }

    /// <summary>Times the rows' INSERT (with <paramref name="extraColumns"/> set to <paramref name="extraValues"/>), then <paramref name="finish"/>, and the commit.</summary>
    private static TimeSpan Insert(SqliteConnection connection, List<(string OrgUnit, string Indicator, string Value, string Growth)> rows,
        string extraColumns, string extraValues, string? finish = null)
    {
        var receivedAt = DateTimeOffset.UtcNow.ToString("O");
        var stopwatch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO figure_revisions (org_unit, period, indicator, revision, value, unit, sent_value, sent_unit, yoy_growth_pct, status,
                                          note, submitted_by, request_id, received_at{extraColumns})
            VALUES ($org, $period, $indicator, 1, $value, '亿元', $value, '亿元', $growth, 2, '', 'anonymous', 'baseline', $received{extraValues})
            """;
        var org = insert.Parameters.Add("$org", SqliteType.Text);
        var periodParameter = insert.Parameters.Add("$period", SqliteType.Text);
        var indicator = insert.Parameters.Add("$indicator", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        var growth = insert.Parameters.Add("$growth", SqliteType.Text);
        var received = insert.Parameters.Add("$received", SqliteType.Text);
        insert.Prepare();
        periodParameter.Value = NationalData.Quarter(1);
        received.Value = receivedAt;
        foreach (var row in rows)
        {
            org.Value = row.OrgUnit;
            indicator.Value = row.Indicator;
            value.Value = row.Value;
            growth.Value = row.Growth;
            insert.ExecuteNonQuery();
        }
        if (finish is not null)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = finish;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return stopwatch.Elapsed;
    }

    /// <summary>Runs <paramref name="timed"/> on the path of a fresh database file, then deletes it.</summary>
    private static TimeSpan InFreshDatabase(Func<string, TimeSpan> timed)
    {
        var directory = Directory.CreateTempSubdirectory("ix-bench-sqlite-").FullName;
        try
        {
            return timed(Path.Combine(directory, "baseline.db"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
