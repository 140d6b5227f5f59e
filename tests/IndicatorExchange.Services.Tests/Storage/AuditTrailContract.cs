using System.Runtime.CompilerServices;
using IndicatorExchange.Access.Audit.Postgres;
using IndicatorExchange.Access.Audit.Sqlite;
using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Storage.Sqlite;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// The audit trail's behaviour, one test body for every engine (issue 23): each engine's class below supplies the trail.
/// Each test writes records of a subject of its own, so the tests of one class share a database without seeing each other.
/// </summary>
public abstract class AuditTrailContract
{
    private protected abstract IAuditTrail Trail { get; }

    /// <summary>Skips the test when the engine cannot run here (PostgreSQL's binaries missing), saying why.</summary>
    protected virtual void SkipUnlessAvailable([CallerMemberName] string test = "") { }

    /// <summary>Runs an UPDATE, a DELETE (and what else the engine has to empty a table) on audit_records; the messages of their refusals.</summary>
    protected abstract Task<IReadOnlyList<string>> TamperAsync();

    [SkippableFact]
    public async Task Appended_records_come_back_newest_first_with_every_field_and_the_moment_to_the_tick()
    {
        SkipUnlessAvailable();
        var subject = NewSubject();
        var moment = new DateTimeOffset(2026, 3, 31, 23, 59, 59, TimeSpan.FromHours(8)).AddTicks(1234567);
        var first = Entry(subject, moment) with
        {
            Role = "county_reporter", OrgUnit = "654025", TokenId = "t-1", Method = "/m/Submit", RequestId = "r-1",
            Peer = "ipv4:10.0.0.7:5111", Outcome = "OK", Detail = "2 figures / 2 个数值", TargetOrgUnits = "654025,654026",
        };

        await Trail.AppendAsync(first, CancellationToken.None);
        await Trail.AppendAsync(Entry(subject, moment.AddSeconds(1)) with { Outcome = "PERMISSION_DENIED" }, CancellationToken.None);
        var listed = await ListAsync(new AuditQuery(Subject: subject));

        Assert.Equal(["PERMISSION_DENIED", "OK"], listed.Select(e => e.Outcome));
        Assert.True(listed[0].Sequence > listed[1].Sequence);
        Assert.Equal(first with { Sequence = listed[1].Sequence }, listed[1]);
        Assert.Equal(moment.UtcTicks, listed[1].ReceivedAt.UtcTicks);
    }

    [SkippableFact]
    public async Task Each_filter_keeps_only_matching_records_from_inclusive_to_exclusive()
    {
        SkipUnlessAvailable();
        var subject = NewSubject();
        var start = new DateTimeOffset(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
        await Trail.AppendAsync(Entry(subject, start) with { OrgUnit = "654025", Method = "/m/A", Outcome = "OK" }, CancellationToken.None);
        await Trail.AppendAsync(Entry(subject, start.AddMinutes(1)) with { OrgUnit = "654026", Method = "/m/B", Outcome = "OK" }, CancellationToken.None);
        await Trail.AppendAsync(Entry(subject, start.AddMinutes(2)) with { OrgUnit = "654025", Method = "/m/B", Outcome = "INVALID_ARGUMENT" }, CancellationToken.None);

        async Task<IEnumerable<string>> Methods(AuditQuery query) =>
            (await ListAsync(query with { Subject = subject })).Select(e => $"{e.OrgUnit}{e.Method}:{e.Outcome}");

        Assert.Equal(["654025/m/B:INVALID_ARGUMENT", "654025/m/A:OK"], await Methods(new AuditQuery(OrgUnit: "654025")));
        Assert.Equal(["654025/m/B:INVALID_ARGUMENT", "654026/m/B:OK"], await Methods(new AuditQuery(Method: "/m/B")));
        Assert.Equal(["654026/m/B:OK", "654025/m/A:OK"], await Methods(new AuditQuery(Outcome: "OK")));
        Assert.Equal(["654026/m/B:OK"], await Methods(new AuditQuery(From: start.AddMinutes(1), To: start.AddMinutes(2))));
        Assert.Equal(["654025/m/B:INVALID_ARGUMENT"], await Methods(new AuditQuery(From: start.AddMinutes(2).ToOffset(TimeSpan.FromHours(8)))));
        Assert.Empty(await Methods(new AuditQuery(OrgUnit: "654026", Outcome: "INVALID_ARGUMENT")));
    }

    [SkippableFact]
    public async Task Pages_go_back_from_the_last_sequence_seen_up_to_the_limit()
    {
        SkipUnlessAvailable();
        var subject = NewSubject();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await Trail.AppendAsync(Entry(subject, start.AddSeconds(i)) with { RequestId = $"r{i}" }, CancellationToken.None);
        }

        var first = await ListAsync(new AuditQuery(Subject: subject, Limit: 2));
        var second = await ListAsync(new AuditQuery(Subject: subject, BeforeSequence: first[^1].Sequence, Limit: 2));
        var last = await ListAsync(new AuditQuery(Subject: subject, BeforeSequence: second[^1].Sequence, Limit: 2));

        Assert.Equal(["r4", "r3", "r2", "r1", "r0"], first.Concat(second).Concat(last).Select(e => e.RequestId));
    }

    [SkippableFact]
    public async Task Records_cannot_be_changed_or_deleted()
    {
        SkipUnlessAvailable();
        var subject = NewSubject();
        await Trail.AppendAsync(Entry(subject, DateTimeOffset.UtcNow), CancellationToken.None);

        var refusals = await TamperAsync();

        Assert.NotEmpty(refusals);
        Assert.All(refusals, message => Assert.Contains("append-only", message, StringComparison.Ordinal));
        Assert.Equal(["OK"], (await ListAsync(new AuditQuery(Subject: subject))).Select(e => e.Outcome));
    }

    private static string NewSubject() => "s-" + Guid.NewGuid().ToString("N")[..12];

    private static AuditEntry Entry(string subject, DateTimeOffset receivedAt) => new()
    {
        ReceivedAt = receivedAt, Subject = subject, Role = "administrator", Method = "/m/Write", Outcome = "OK",
    };

    private Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query) => Trail.ListAsync(query, CancellationToken.None);
}

/// <summary>The contract on SQLite, in an audit file of its own in a temporary folder.</summary>
public sealed class SqliteAuditTrailTests : AuditTrailContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new("ix-audit-");
    private readonly SqliteDatabase _database;

    public SqliteAuditTrailTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory.Path, "audit.db"));
        MigrationRunner.Apply(_database, typeof(SqliteAuditTrail).Assembly);
        Trail = new SqliteAuditTrail(_database);
    }

    private protected override IAuditTrail Trail { get; }

    protected override Task<IReadOnlyList<string>> TamperAsync()
    {
        using var connection = _database.Open();
        var refusals = new List<string>();
        foreach (var sql in new[] { "UPDATE audit_records SET outcome = 'CHANGED'", "DELETE FROM audit_records" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            refusals.Add(Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery()).Message);
        }
        return Task.FromResult<IReadOnlyList<string>>(refusals);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The contract on PostgreSQL: a throwaway server for the class, and a database of its own (schema <c>access</c>).</summary>
public sealed class PostgresAuditTrailTests(PostgresAuditTrailTests.Database database, SkipReasons skips)
    : AuditTrailContract, IClassFixture<PostgresAuditTrailTests.Database>, IClassFixture<SkipReasons>
{
    private protected override IAuditTrail Trail => database.Trail!;

    protected override void SkipUnlessAvailable([CallerMemberName] string test = "") =>
        skips.SkipUnless(database.Trail is not null, database.Server.Unavailable ?? "", test);

    protected override async Task<IReadOnlyList<string>> TamperAsync()
    {
        var refusals = new List<string>();
        foreach (var sql in new[] { "UPDATE audit_records SET outcome = 'CHANGED'", "DELETE FROM audit_records", "TRUNCATE audit_records" })
        {
            await using var connection = await database.Postgres!.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            refusals.Add((await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync())).MessageText);
        }
        return refusals;
    }

    /// <summary>The server, one migrated database on it, and the trail over that database.</summary>
    public sealed class Database : IDisposable
    {
        public Database()
        {
            if (Server.Available)
            {
                Postgres = new PostgresDatabase(Server.CreateDatabaseAsync("audit").GetAwaiter().GetResult(), PostgresAuditStorage.Schema);
                PostgresMigrationRunner.Apply(Postgres, typeof(PostgresAuditTrail).Assembly);
                Trail = new PostgresAuditTrail(Postgres);
            }
        }

        public PostgresServer Server { get; } = new();

        internal PostgresDatabase? Postgres { get; }

        internal IAuditTrail? Trail { get; }

        public void Dispose()
        {
            Postgres?.Dispose();
            Server.Dispose();
        }
    }
}
