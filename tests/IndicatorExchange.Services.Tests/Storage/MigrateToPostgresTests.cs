using Dapper;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Host.CommandLine;
using IndicatorExchange.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;
using static IndicatorExchange.Services.Tests.Grpc;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>The suite on PostgreSQL, on a database copied from SQLite, with no demo data of its own.</summary>
public sealed class CopiedSuiteFactory(string connectionString) : SuiteFactory
{
    protected override string Demo => "";

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Storage:Provider", "postgres"), ("Storage:ConnectionString", connectionString)];
}

/// <summary>
/// <c>indicatorexchange migrate-to-postgres</c>: a suite on SQLite with the seeds and some activity, stopped and copied
/// into a new PostgreSQL database, answers on PostgreSQL exactly as it did on SQLite (every figure, histories, the whole
/// change feed, targets and their feed, the prefecture's summaries once the aggregator rebuilt them, the audit trail),
/// and goes on after the copied data. A database with suite data is refused; a copy that fails leaves no row behind.
/// </summary>
public sealed class MigrateToPostgresTests(PostgresServerFixture postgres, SkipReasons skips, ITestOutputHelper log)
    : IClassFixture<PostgresServerFixture>, IClassFixture<SkipReasons>, IDisposable
{
    private const string OrgUnit = "654026";
    private const string Period = "2024Q2";
    private const int TargetYear = 2041;
    private static readonly string[] Schemas = ["indicator", "target", "access", "aggregation"];

    private readonly TemporaryDirectory _folder = new("ix-migrate-");

    [SkippableFact]
    public async Task A_suite_copied_to_postgres_answers_as_on_sqlite_and_goes_on_after_the_copied_data()
    {
        skips.SkipUnless(postgres.Server.Available, postgres.Server.Unavailable ?? "");
        var data = Path.Combine(_folder.Path, "data");
        var database = await postgres.Server.CreateDatabaseAsync("migrated");
        string[] before;
        SubmitFiguresResponse resent;
        using (var sqlite = new DataDirectorySuiteFactory(data, "true"))
        {
            var onSqlite = sqlite.CreateChannel();
            resent = await RunActivityAsync(onSqlite);
            before = await AnswersAsync(onSqlite);
            // A file another connection has open, as a running suite's pooled connections do, is refused and nothing is
            // written. (Held here, since other test classes clear every SQLite pool of this process when they stop.)
            await using (var open = new SqliteConnection($"Data Source={Path.Combine(data, "indicator.db")};Pooling=False"))
            {
                await open.OpenAsync();
                Assert.True(await open.ExecuteScalarAsync<long>("SELECT count(*) FROM periods") > 0);
                var (refused, _, whileOpen) = await MigrateAsync(data, database);
                Assert.True(refused == 1, whileOpen);
                Assert.Contains("in use", whileOpen, StringComparison.Ordinal);
                Assert.Empty(await TablesWithRowsAsync(database));
            }
        }
        SqliteConnection.ClearAllPools();

        var (exitCode, output, error) = await MigrateAsync(data, database);

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("indicator.figure_revisions: ", output, StringComparison.Ordinal);
        Assert.Contains("rows/s", output, StringComparison.Ordinal);
        // Every table of every SQLite file is in PostgreSQL with as many rows; the aggregation service's are rebuilt, not copied.
        Assert.Equal(await SqliteRowCountsAsync(data), await PostgresRowCountsAsync(database));
        using var copied = new CopiedSuiteFactory(database);
        var channel = copied.CreateChannel();
        var after = await AnswersAsync(channel, before);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.True(before[i] == after[i], $"answer {i} differs:\n{before[i]}\n---- on PostgreSQL:\n{after[i]}");
        }

        // It goes on: a request id answered on SQLite is replayed, and a new submission takes the next sequence and reaches the summary.
        var indicators = new IndicatorService.IndicatorServiceClient(channel);
        Assert.Equal(resent, await indicators.SubmitFiguresAsync(Revision()));
        var copiedMax = (await Figures.ListAllAsync(indicators)).Max(f => f.Sequence);
        var next = await indicators.SubmitFiguresAsync(Batch("654027", Period, Figure("GDP", "77.7", "亿元")));
        Assert.Equal(copiedMax + 1, next.LastSequence);
        var summary = await SummaryAfterAsync(new AggregationService.AggregationServiceClient(channel),
            new GetSummaryRequest { OrgUnit = SuiteAnswers.Prefecture, Period = Period }, next.LastSequence);
        Assert.Contains(summary.Rows, r => r.Indicator == "GDP" && r.Children.Any(c => c.OrgUnit == "654027" && c.Value.Value == "77.7"));

        // Into a database that holds suite data: refused, nothing written.
        var counts = await PostgresRowCountsAsync(database);
        var (again, _, againError) = await MigrateAsync(data, database);
        Assert.Equal(1, again);
        Assert.Contains("already holds suite data", againError, StringComparison.Ordinal);
        Assert.Equal(counts, await PostgresRowCountsAsync(database));
    }

    [SkippableFact]
    public async Task A_copy_that_fails_midway_leaves_no_suite_row_and_a_folder_without_databases_is_refused()
    {
        skips.SkipUnless(postgres.Server.Available, postgres.Server.Unavailable ?? "");
        var data = Path.Combine(_folder.Path, "broken");
        var database = await postgres.Server.CreateDatabaseAsync("broken");
        using (var sqlite = new DataDirectorySuiteFactory(data, "true"))
        {
            sqlite.CreateChannel();
        }
        SqliteConnection.ClearAllPools();
        // A current target naming a revision that does not exist: the target service's tables go in after the indicator
        // service's, so the foreign key fails the copy once the indicator rows are written in its transaction.
        await using (var target = new SqliteConnection($"Data Source={Path.Combine(data, "target.db")};Pooling=False;Foreign Keys=False"))
        {
            await target.ExecuteAsync("INSERT INTO current_targets (org_unit, indicator, year, kind, sequence) VALUES ('654025', 'GDP', 2042, 'growth_at_least', 999999)");
        }

        var (exitCode, output, error) = await MigrateAsync(data, database);
        var (withoutDatabases, _, _) = await MigrateAsync(Directory.CreateDirectory(Path.Combine(_folder.Path, "empty")).FullName, database);

        Assert.True(exitCode == 1, output + error);
        Assert.Contains("indicator.figure_revisions: ", output, StringComparison.Ordinal);
        Assert.Contains("current_targets", error, StringComparison.Ordinal);
        Assert.Empty(await TablesWithRowsAsync(database));
        Assert.Equal(2, withoutDatabases);
    }

    /// <summary>Submissions with revisions and a request id sent twice, an upload, targets set and revised (one request id twice); answers the request to resend.</summary>
    private static async Task<SubmitFiguresResponse> RunActivityAsync(GrpcChannel channel)
    {
        var indicators = new IndicatorService.IndicatorServiceClient(channel);
        await indicators.SubmitFiguresAsync(Batch(OrgUnit, Period, Figure("GDP", "80.50", "亿元", "6.5"), Figure("RETAIL_SALES", "300000", "万元")));
        var answered = await indicators.SubmitFiguresAsync(Revision());
        Assert.Equal(answered, await indicators.SubmitFiguresAsync(Revision()));
        var upload = await Uploads.SendAsync(indicators, [Uploads.Header("migrate-upload"),
            Uploads.Part("654027", Period, Figure("GDP", "70", "亿元")), Uploads.Part("654028", Period, Figure("GDP", "60.25", "亿元"), Figure("RETAIL_SALES", "20", "亿元"))]);
        var targets = new TargetService.TargetServiceClient(channel);
        await targets.SetTargetsAsync(Targets("migrate-targets-1", ("654025", "8.25"), ("654026", "7")));
        var revised = await targets.SetTargetsAsync(Targets("migrate-targets-2", ("654025", "9.50")));
        Assert.Equal(revised, await targets.SetTargetsAsync(Targets("migrate-targets-2", ("654025", "9.50"))));
        // The aggregator has applied everything before the answers are read: the figures and the targets, whose feed it
        // follows apart (a summary carries the target position it reflects, so one taken earlier would never be reached).
        await SummaryAfterAsync(new AggregationService.AggregationServiceClient(channel),
            new GetSummaryRequest { OrgUnit = SuiteAnswers.Prefecture, Period = Period }, upload.LastSequence, await HighestTargetSequenceAsync(channel));
        return answered;
    }

    private static SubmitFiguresRequest Revision()
    {
        var revision = Batch(OrgUnit, Period, Figure("GDP", "81", "亿元", "7"));
        revision.RequestId = "migrate-revision";
        return revision;
    }

    /// <summary>
    /// Every answer compared, in order; the summaries, which a copied suite's aggregator rebuilds in its time, are awaited
    /// until they equal <paramref name="expected"/>'s (when given).
    /// </summary>
    private static async Task<string[]> AnswersAsync(GrpcChannel channel, string[]? expected = null)
    {
        var answers = new List<string>
        {
            string.Join('\n', (await Figures.ListAllAsync(new IndicatorService.IndicatorServiceClient(channel))).Select(f => f.ToString())),
            await SuiteAnswers.HistoryAsync(channel, OrgUnit, Period, "GDP"),
            await SuiteAnswers.HistoryAsync(channel, OrgUnit, Period, "RETAIL_SALES"),
            await SuiteAnswers.HistoryAsync(channel, "654028", Period, "GDP"),
            await SuiteAnswers.HistoryAsync(channel, "654025", "2022", "GDP"),
            await SuiteAnswers.FeedAsync(channel),
            await SuiteAnswers.TargetsAsync(channel, 2023),
            await SuiteAnswers.TargetsAsync(channel, TargetYear),
            (await new TargetService.TargetServiceClient(channel).GetTargetHistoryAsync(new GetTargetHistoryRequest
            {
                OrgUnit = "654025", Indicator = "GDP", Year = TargetYear, Kind = TargetKind.GrowthAtLeast,
            })).ToString(),
            await SuiteAnswers.TargetFeedAsync(channel, await HighestTargetSequenceAsync(channel)),
            await SuiteAnswers.AuditTrailAsync(channel),
        };
        string[] periods = ["2022", "2022Q4", Period];
        for (var i = 0; i < periods.Length; i++)
        {
            answers.Add(expected is null
                ? await SuiteAnswers.SummaryOfAsync(channel, periods[i])
                : await SuiteAnswers.SummaryReachingAsync(channel, periods[i], expected[answers.Count]));
        }
        Assert.All(answers, a => Assert.NotEmpty(a));
        return [.. answers];
    }

    /// <summary>The newest target revision's sequence: the highest current target's of the years the test sets (a newest revision is current).</summary>
    private static async Task<long> HighestTargetSequenceAsync(GrpcChannel channel)
    {
        var client = new TargetService.TargetServiceClient(channel);
        var highest = 0L;
        foreach (var year in new[] { 2023, TargetYear })
        {
            var page = await client.ListTargetsAsync(new ListTargetsRequest { Year = year, PageSize = 1000 });
            Assert.Empty(page.NextPageToken);
            highest = Math.Max(highest, page.Targets.Max(t => t.Sequence));
        }
        return highest;
    }

    private static SetTargetsRequest Targets(string requestId, params (string OrgUnit, string Threshold)[] targets)
    {
        var request = new SetTargetsRequest { RequestId = requestId };
        request.Targets.AddRange(targets.Select(t => new TargetInput
        {
            OrgUnit = t.OrgUnit, Indicator = "GDP", Year = TargetYear, Kind = TargetKind.GrowthAtLeast, Threshold = new ProtoDecimal { Value = t.Threshold }, Unit = "%",
        }));
        return request;
    }

    private async Task<(int ExitCode, string Output, string Error)> MigrateAsync(string data, string database)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await HostCommandLine.Parse(["migrate-to-postgres", "--data-dir", data, "--connection-string", database]).InvokeAsync(output, error);
        log.WriteLine($"exit code {exitCode}\n{output}{error}");
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The row count of every table of the SQLite files copied (<c>schema.table</c>), SQLite's own tables and the journals aside.</summary>
    private static async Task<SortedDictionary<string, long>> SqliteRowCountsAsync(string data)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (file, schema) in new[] { ("indicator", "indicator"), ("target", "target"), ("audit", "access") })
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, file + ".db")};Mode=ReadOnly;Pooling=False");
            var tables = await connection.QueryAsync<string>(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
            foreach (var table in tables)
            {
                counts[$"{schema}.{table}"] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM \"{table}\"");
            }
        }
        return counts;
    }

    /// <summary>The row count of every table of the copied services' schemas, the journals aside.</summary>
    private static async Task<SortedDictionary<string, long>> PostgresRowCountsAsync(string database)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (schema, table) in await TablesAsync(database, ["indicator", "target", "access"]))
        {
            await using var connection = new NpgsqlConnection(database);
            counts[$"{schema}.{table}"] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".\"{table}\"");
        }
        return counts;
    }

    /// <summary>The tables of every service's schema that hold a row (none in a database the command left as it was).</summary>
    private static async Task<List<string>> TablesWithRowsAsync(string database)
    {
        var holding = new List<string>();
        foreach (var (schema, table) in await TablesAsync(database, Schemas))
        {
            await using var connection = new NpgsqlConnection(database);
            if (await connection.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM \"{schema}\".\"{table}\")"))
            {
                holding.Add($"{schema}.{table}");
            }
        }
        return holding;
    }

    private static async Task<IEnumerable<(string Schema, string Table)>> TablesAsync(string database, string[] schemas)
    {
        await using var connection = new NpgsqlConnection(database);
        return await connection.QueryAsync<(string, string)>(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY(@schemas) AND table_name <> 'schema_migrations'",
            new { schemas });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        _folder.Dispose();
    }
}
