using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// A PostgreSQL database backed up with <c>pg_dump --format=custom</c> and restored with <c>pg_restore</c> into a new
/// database: a suite started on it answers as the original (targets with their revisions, the audit trail; every service
/// on PostgreSQL once all have an engine there). The suites load only the reference data into their own SQLite files.
/// </summary>
public sealed class PostgresBackupTests(PostgresServerFixture postgres, SkipReasons skips)
    : IClassFixture<PostgresServerFixture>, IClassFixture<SkipReasons>
{
    private const string SetTargets = "/indicatorexchange.target.v1.TargetService/SetTargets";

    [SkippableFact]
    public async Task A_dump_restored_into_a_new_database_gives_a_suite_with_the_same_answers()
    {
        skips.SkipUnless(postgres.Server.DumpUnavailable is null, postgres.Server.DumpUnavailable ?? "");
        var database = await postgres.Server.CreateDatabaseAsync("original");
        using var original = new ReplicaSuiteFactory(database);
        var originalChannel = original.CreateChannel();
        var targets = new TargetService.TargetServiceClient(originalChannel);
        await targets.SetTargetsAsync(Request("backup-1", ("654025", "8.25"), ("654026", "7")));
        var answered = await targets.SetTargetsAsync(Request("backup-2", ("654025", "9.5")));

        var restoredDatabase = await postgres.Server.DumpAndRestoreAsync(PostgresServer.DatabaseOf(database), "restored");
        using var restored = new ReplicaSuiteFactory(restoredDatabase);
        var restoredChannel = restored.CreateChannel();

        var answers = await SuiteAnswers.TargetsAsync(originalChannel, 2041);
        Assert.Equal(2, answers.Split('\n').Length);
        Assert.Equal(answers, await SuiteAnswers.TargetsAsync(restoredChannel, 2041));
        Assert.Equal(await HistoryAsync(originalChannel), await HistoryAsync(restoredChannel));
        Assert.Equal(await SuiteAnswers.AuditAsync(originalChannel, SetTargets), await SuiteAnswers.AuditAsync(restoredChannel, SetTargets));
        // The restored database goes on where the original stopped: a request id already answered is replayed, not applied again.
        var replayed = await new TargetService.TargetServiceClient(restoredChannel).SetTargetsAsync(Request("backup-2", ("654025", "9.5")));
        Assert.Equal(await HistoryAsync(originalChannel), await HistoryAsync(restoredChannel));
        Assert.Equal(answered, replayed);
    }

    private static async Task<string> HistoryAsync(global::Grpc.Net.Client.GrpcChannel channel)
    {
        var history = await new TargetService.TargetServiceClient(channel).GetTargetHistoryAsync(new GetTargetHistoryRequest
        {
            OrgUnit = "654025", Indicator = "GDP", Year = 2041, Kind = TargetKind.GrowthAtLeast,
        });
        return history.ToString();
    }

    private static SetTargetsRequest Request(string requestId, params (string OrgUnit, string Threshold)[] targets)
    {
        var request = new SetTargetsRequest { RequestId = requestId };
        request.Targets.AddRange(targets.Select(t => new TargetInput
        {
            OrgUnit = t.OrgUnit, Indicator = "GDP", Year = 2041, Kind = TargetKind.GrowthAtLeast, Threshold = new ProtoDecimal { Value = t.Threshold }, Unit = "%",
        }));
        return request;
    }
}

/// <summary>A throwaway PostgreSQL server shared by a test class (each test makes its databases).</summary>
public sealed class PostgresServerFixture : IDisposable
{
    public PostgresServer Server { get; } = new();

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        Server.Dispose();
    }
}
