using Google.Protobuf;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>The whole suite with <c>--storage=postgres</c>: the target service on a throwaway PostgreSQL server (the other services on SQLite).</summary>
public sealed class PostgresSuiteFactory : SuiteFactory
{
    private readonly string? _connectionString;

    public PostgresSuiteFactory()
    {
        if (Postgres.Available)
        {
            _connectionString = Postgres.CreateDatabaseAsync("suite").GetAwaiter().GetResult();
        }
    }

    public PostgresServer Postgres { get; } = new();

    /// <summary>The connection string of the suite's database (null when PostgreSQL cannot run here).</summary>
    public string? ConnectionString => _connectionString;

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Storage:Provider", "postgres"), ("Storage:ConnectionString", _connectionString ?? "")];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Npgsql.NpgsqlConnection.ClearAllPools();
        Postgres.Dispose();
    }
}

/// <summary>
/// The target service answers SetTargets and ListTargets the same on PostgreSQL as on SQLite (issue 23): the demo's
/// 2023 targets, a new batch, the same batch again, a revision, a replayed request id and a validate_only batch.
/// </summary>
public sealed class PostgresTargetServiceTests(PostgresSuiteFactory postgres, SuiteFactory sqlite, SkipReasons skips)
    : IClassFixture<PostgresSuiteFactory>, IClassFixture<SuiteFactory>, IClassFixture<SkipReasons>
{
    private const string OrgUnit = "654026";
    private const int Year = 2039;

    [SkippableFact]
    public async Task SetTargets_and_ListTargets_answer_the_same_on_postgres_as_on_sqlite()
    {
        skips.SkipUnless(postgres.Postgres.Available, postgres.Postgres.Unavailable ?? "");
        var onPostgres = new TargetService.TargetServiceClient(postgres.CreateChannel());
        var onSqlite = new TargetService.TargetServiceClient(sqlite.CreateChannel());

        var answers = await Task.WhenAll(RunAsync(onPostgres), RunAsync(onSqlite));

        Assert.NotEmpty(answers[0]);
        // The answers came from PostgreSQL: the revisions are in the target service's schema.
        await using (var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                $"SELECT count(*) FROM target.target_revisions WHERE org_unit = '{OrgUnit}' AND year = {Year}", connection);
            Assert.Equal(4L, await count.ExecuteScalarAsync());
        }
        Assert.Equal(string.Join("\n", answers[1]), string.Join("\n", answers[0]));
    }

    /// <summary>Every answer of the scenario as text, with the moments of revisions left out (they differ between runs).</summary>
    private static async Task<List<string>> RunAsync(TargetService.TargetServiceClient client)
    {
        var answers = new List<string>();
        const string requestId = "0b6f2c1e-5a43-4d2e-9c1a-postgres-e2e"; // the same on both engines: each suite has a database of its own
        async Task SetAsync(SetTargetsRequest request) => answers.Add((await client.SetTargetsAsync(request)).ToString());

        answers.Add(await ListAsync(client, "", 2023));
        await SetAsync(Request(false, "", Target("GDP", TargetKind.GrowthAtLeast, "8.25", "%"), Target("GDP", TargetKind.ValueAtLeast, "1234.5", "亿元")));
        await SetAsync(Request(false, "", Target("GDP", TargetKind.GrowthAtLeast, "8.250", "%")));
        await SetAsync(Request(false, requestId, Target("GDP", TargetKind.GrowthAtLeast, "9", "%"), Target("SURVEYED_UNEMPLOYMENT_RATE", TargetKind.RateAtMost, "5.5", "%")));
        await SetAsync(Request(false, requestId, Target("GDP", TargetKind.GrowthAtLeast, "9", "%"), Target("SURVEYED_UNEMPLOYMENT_RATE", TargetKind.RateAtMost, "5.5", "%")));
        await SetAsync(Request(true, "", Target("GDP", TargetKind.GrowthAtLeast, "10", "%")));
        answers.Add(await ListAsync(client, OrgUnit, Year));
        return answers;
    }

    /// <summary>Every target of the org unit (all when empty) and year, page by page, one JSON line each, without the moments of revisions.</summary>
    internal static async Task<string> ListAsync(TargetService.TargetServiceClient client, string orgUnit, int year)
    {
        var lines = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListTargetsAsync(new ListTargetsRequest { OrgUnit = orgUnit, Year = year, PageSize = 7, PageToken = token });
            foreach (var target in page.Targets)
            {
                var copy = target.Clone();
                copy.UpdatedAt = null;
                lines.Add(JsonFormatter.Default.Format(copy));
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return string.Join('\n', lines);
    }

    private static SetTargetsRequest Request(bool validateOnly, string requestId, params TargetInput[] targets)
    {
        var request = new SetTargetsRequest { ValidateOnly = validateOnly, RequestId = requestId };
        request.Targets.AddRange(targets);
        return request;
    }

    private static TargetInput Target(string indicator, TargetKind kind, string threshold, string unit) => new()
    {
        OrgUnit = OrgUnit,
        Indicator = indicator,
        Year = Year,
        Kind = kind,
        Threshold = new ProtoDecimal { Value = threshold },
        Unit = unit,
    };
}
