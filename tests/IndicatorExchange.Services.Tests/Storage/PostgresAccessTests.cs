using System.Collections.Concurrent;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// A suite (reference demo data only) on a given PostgreSQL database, so that several can share one as replicas do;
/// keeps its log entries.
/// </summary>
public sealed class ReplicaSuiteFactory(string connectionString) : SuiteFactory
{
    protected override string Demo => "reference";

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Storage:Provider", "postgres"), ("Storage:ConnectionString", connectionString)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
    }
}

/// <summary>
/// The Access module on PostgreSQL (issue 23): two replicas on one database, configured with the same signing keys,
/// accept each other's tokens and write to, and list, one audit trail.
/// </summary>
public sealed class PostgresAccessTests(PostgresAccessTests.TwoReplicas replicas, SkipReasons skips)
    : IClassFixture<PostgresAccessTests.TwoReplicas>, IClassFixture<SkipReasons>
{
    [SkippableFact]
    public async Task A_token_issued_by_one_replica_works_on_the_other_and_both_list_one_audit_trail()
    {
        skips.SkipUnless(replicas.Server.Available, replicas.Server.Unavailable ?? "");
        var first = new AccessService.AccessServiceClient(replicas.First!.CreateChannel(Roles.Administrator, "650000", "replica-admin"));
        var subject = "issued-" + Guid.NewGuid().ToString("N")[..8];

        var issued = await first.IssueTokenAsync(new IssueTokenRequest { Subject = subject, Role = Role.Administrator, OrgUnit = "650000" });
        var second = new AccessService.AccessServiceClient(replicas.Second!.CreateChannel(issued.Token));
        var caller = await second.GetCallerAsync(new GetCallerRequest());
        await second.IssueTokenAsync(new IssueTokenRequest { Subject = subject + "-county", Role = Role.CountyReporter, OrgUnit = "654025" });

        Assert.Equal(subject, caller.Subject);
        var onFirst = (await first.ListAuditRecordsAsync(new ListAuditRecordsRequest { Method = "/indicatorexchange.access.v1.AccessService/IssueToken" })).Records;
        var onSecond = (await second.ListAuditRecordsAsync(new ListAuditRecordsRequest { Method = "/indicatorexchange.access.v1.AccessService/IssueToken" })).Records;
        Assert.Equal(onFirst, onSecond);
        Assert.Equal(["replica-admin", subject], onFirst.Where(r => r.Outcome == "OK").Select(r => r.Subject).Reverse());
    }

    [SkippableFact]
    public void The_start_warning_names_exactly_the_databases_still_on_sqlite_and_never_the_audit_trail()
    {
        skips.SkipUnless(replicas.Server.Available, replicas.Server.Unavailable ?? "");
        replicas.First!.CreateChannel();
        var registrations = replicas.First.Services.GetRequiredService<StorageRegistrations>();
        var directory = Path.GetFullPath(replicas.First.Services.GetRequiredService<IOptions<SuiteOptions>>().Value.DataDirectory);

        var onSqlite = registrations.On(StorageEngine.Sqlite);
        var warnings = replicas.First.Logs.Where(l => l.Level == LogLevel.Warning && l.Message.StartsWith("--storage=postgres", StringComparison.Ordinal)).ToList();

        Assert.Contains("access", registrations.On(StorageEngine.Postgres));
        Assert.Contains("target", registrations.On(StorageEngine.Postgres));
        Assert.DoesNotContain("audit", onSqlite);
        Assert.DoesNotContain("target", onSqlite);
        // Whatever other services still use SQLite (issue 23 moves them one by one), the warning names those and only those.
        if (onSqlite.Count == 0)
        {
            Assert.Empty(warnings);
        }
        else
        {
            Assert.EndsWith($"/ {string.Join(", ", onSqlite)} do not run on PostgreSQL yet and still use SQLite in {directory}",
                Assert.Single(warnings).Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The server, one database on it, and two suites on that database.</summary>
    public sealed class TwoReplicas : IDisposable
    {
        public TwoReplicas()
        {
            if (Server.Available)
            {
                var connectionString = Server.CreateDatabaseAsync("access").GetAwaiter().GetResult();
                First = new ReplicaSuiteFactory(connectionString);
                Second = new ReplicaSuiteFactory(connectionString);
            }
        }

        public PostgresServer Server { get; } = new();

        public ReplicaSuiteFactory? First { get; }

        public ReplicaSuiteFactory? Second { get; }

        public void Dispose()
        {
            First?.Dispose();
            Second?.Dispose();
            Npgsql.NpgsqlConnection.ClearAllPools();
            Server.Dispose();
        }
    }
}
