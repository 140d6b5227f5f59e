using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Testing;
using Npgsql;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// A burst of callers larger than PostgreSQL's default <c>max_connections</c> (100): each service's pool is capped
/// (<see cref="PostgresDatabase.DefaultMaxPoolSize"/>), so the callers wait for a pooled connection and all succeed,
/// instead of the server refusing connections ("too many clients") and the calls failing with INTERNAL. The national
/// load benchmark on PostgreSQL (330 watchers, 2,850 counties at once) failed that way before the cap.
/// </summary>
public sealed class PostgresConnectionBurstTests(PostgresSuiteFactory postgres, SkipReasons skips)
    : IClassFixture<PostgresSuiteFactory>, IClassFixture<SkipReasons>
{
    private static readonly string[] Counties = ["654002", "654003", "654004", "654021", "654022", "654023", "654024", "654025", "654026", "654027"];

    [SkippableFact]
    public async Task More_concurrent_reads_and_writes_than_the_server_takes_connections_all_succeed()
    {
        skips.SkipUnless(postgres.Postgres.Available, postgres.Postgres.Unavailable ?? "");
        var indicators = new IndicatorService.IndicatorServiceClient(postgres.CreateChannel());
        var aggregation = new AggregationService.AggregationServiceClient(postgres.CreateChannel());
        var before = await SummaryAfterAsync(aggregation, new GetSummaryRequest { OrgUnit = "654000", Period = "2022", Indicators = { "GDP" } }, 1);

        var peak = 0L;
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, await ConnectionsAsync());
                await Task.Delay(20);
            }
        });
        var reads = Enumerable.Range(0, 300).Select(_ => aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = "2022" }).ResponseAsync).ToList();
        // 150 figures, each written once: 10 counties × 15 quarters from 2019Q1 (no two writers of one figure).
        var writes = Enumerable.Range(0, 150).Select(i =>
        {
            var batch = Batch(Counties[i % 10], $"{2019 + i / 40}Q{1 + (i / 10) % 4}", Figure("GDP", $"{100 + i}.5", "亿元"));
            batch.RequestId = $"burst-{i}";
            return indicators.SubmitFiguresAsync(batch).ResponseAsync;
        }).ToList();
        var summaries = await Task.WhenAll(reads);
        var submitted = await Task.WhenAll(writes);
        stop.Cancel();
        await watch;

        Assert.All(summaries, s => Assert.Equal(Row(before, "GDP").Total, Row(s.Summary, "GDP").Total));
        Assert.Equal(150, submitted.Count(s => s.LastSequence > 0));
        // Four services' pools (indicator, target, aggregation, access), each capped, and the watcher's own connection.
        Assert.InRange(peak, 1, 4 * PostgresDatabase.DefaultMaxPoolSize + 1);
    }

    private async Task<long> ConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
