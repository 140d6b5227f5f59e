using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>Counties write only their own figures, streams show only the caller's scope, and every write is traced.</summary>
public sealed class ScopeAndAuditTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private const string Xinyuan = "654025";
    private const string Yining = "654002";

    [Fact]
    public async Task A_county_writing_its_neighbours_figures_is_denied_nothing_is_written_and_the_attempt_is_audited()
    {
        var xinyuan = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, Xinyuan, "xinyuan-intruder"));
        var requestId = Guid.NewGuid().ToString("N");
        var batch = Batch(Yining, "2023Q1", Figure("GDP", "80", "亿元"));
        batch.RequestId = requestId;

        var error = await Assert.ThrowsAsync<RpcException>(() => xinyuan.SubmitFiguresAsync(batch).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("OUT_OF_SCOPE", Reason(error));
        var admin = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.Administrator, "650000"));
        Assert.Empty((await admin.ListFiguresAsync(new ListFiguresRequest { OrgUnit = Yining, Period = "2023Q1" })).Figures);
        var record = Assert.Single(await AuditAsync(new ListAuditRecordsRequest { Subject = "xinyuan-intruder" }));
        Assert.Equal("PERMISSION_DENIED", record.Outcome);
        Assert.Equal((Role.CountyReporter, Xinyuan, Yining), (record.Role, record.OrgUnit, record.TargetOrgUnits));
        Assert.Equal("/indicatorexchange.indicator.v1.IndicatorService/SubmitFigures", record.Method);
        Assert.Equal(requestId, record.RequestId);
        Assert.False(string.IsNullOrEmpty(record.Peer));
        Assert.False(string.IsNullOrEmpty(record.TokenId));
        Assert.True(record.ReceivedAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_county_writing_its_own_figures_succeeds_and_the_revision_and_the_audit_name_it()
    {
        var xinyuan = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, Xinyuan, "xinyuan-stats"));
        var batch = Batch(Xinyuan, "2023Q2", Figure("GDP", "70", "亿元"));
        batch.RequestId = Guid.NewGuid().ToString("N");

        await xinyuan.SubmitFiguresAsync(batch);

        var history = await xinyuan.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = Xinyuan, Period = "2023Q2", Indicator = "GDP" });
        Assert.Equal($"xinyuan-stats (county_reporter@{Xinyuan})", Assert.Single(history.Revisions).SubmittedBy);
        var record = Assert.Single(await AuditAsync(new ListAuditRecordsRequest { Subject = "xinyuan-stats", Outcome = "OK" }));
        Assert.Equal((batch.RequestId, Xinyuan), (record.RequestId, record.TargetOrgUnits));
    }

    [Fact]
    public async Task The_change_feed_shows_a_county_only_its_own_figures()
    {
        var before = (await new IndicatorService.IndicatorServiceClient(suite.CreateChannel())
            .ListFigureRevisionsAsync(new ListFigureRevisionsRequest { PageSize = 1000 })).Revisions.Select(r => r.Sequence).DefaultIfEmpty().Max();
        await new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, "654021"))
            .SubmitFiguresAsync(Batch("654021", "2023Q3", Figure("GDP", "50", "亿元")));
        await new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, Xinyuan))
            .SubmitFiguresAsync(Batch(Xinyuan, "2023Q3", Figure("GDP", "60", "亿元")));

        var seen = new List<string>();
        var county = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, Xinyuan));
        var deadline = DateTime.UtcNow.AddSeconds(3);
        using var watch = county.WatchChanges(new WatchChangesRequest { AfterSequence = before }, deadline: deadline);
        try
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                seen.AddRange(watch.ResponseStream.Current.Changes.Select(c => c.Figure.OrgUnit));
            }
        }
        // The in-process test server sometimes reports the stream ended by the deadline as a reset (UNAVAILABLE) instead.
        catch (RpcException exception) when (exception.StatusCode == StatusCode.DeadlineExceeded
                                             || (exception.StatusCode == StatusCode.Unavailable && DateTime.UtcNow >= deadline))
        {
        }

        Assert.Contains(Xinyuan, seen);
        Assert.All(seen, unit => Assert.Equal(Xinyuan, unit));
    }

    [Fact]
    public async Task A_prefecture_analyst_reads_its_counties_but_not_its_region()
    {
        var analyst = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.PrefectureAnalyst, "654000"));

        await analyst.ListFiguresAsync(new ListFiguresRequest { OrgUnit = Xinyuan });
        var error = await Assert.ThrowsAsync<RpcException>(() => analyst.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "650000" }).ResponseAsync);
        var unfiltered = await Assert.ThrowsAsync<RpcException>(() => analyst.ListFiguresAsync(new ListFiguresRequest()).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "OUT_OF_SCOPE"), (error.StatusCode, Reason(error)));
        Assert.Equal(StatusCode.PermissionDenied, unfiltered.StatusCode);
    }

    [Fact]
    public void Audit_records_cannot_be_changed_or_deleted()
    {
        var database = suite.Services.GetRequiredKeyedService<SqliteDatabase>("audit");
        using var connection = database.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO audit_records (received_at, subject, role, org_unit, token_id, method, request_id, peer, outcome, detail, target_org_units)
            VALUES ('2026-01-01T00:00:00Z', 'x', 'administrator', '', '', 'm', '', '', 'OK', '', '')
            """;
        insert.ExecuteNonQuery();

        foreach (var sql in new[] { "UPDATE audit_records SET outcome = 'CHANGED'", "DELETE FROM audit_records" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_issues_a_token_that_works_and_nobody_else_can()
    {
        var admin = new AccessService.AccessServiceClient(suite.CreateChannel(Roles.Administrator, "650000", "root-admin"));

        var issued = await admin.IssueTokenAsync(new IssueTokenRequest
        {
            Subject = "xinyuan-new", Role = Role.CountyReporter, OrgUnit = Xinyuan, ValidFor = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
        });
        var caller = await new AccessService.AccessServiceClient(suite.CreateChannel(issued.Token)).GetCallerAsync(new GetCallerRequest());
        var byCounty = await Assert.ThrowsAsync<RpcException>(() => new AccessService.AccessServiceClient(suite.CreateChannel(issued.Token))
            .IssueTokenAsync(new IssueTokenRequest { Subject = "me-too", Role = Role.Administrator, OrgUnit = "650000" }).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => admin.IssueTokenAsync(new IssueTokenRequest
        {
            Subject = "", Role = Role.Service, OrgUnit = "999999", ValidFor = Duration.FromTimeSpan(TimeSpan.FromDays(400)),
        }).ResponseAsync);

        Assert.Equal(("xinyuan-new", Role.CountyReporter, Xinyuan), (caller.Subject, caller.Role, caller.OrgUnit));
        Assert.InRange(issued.ExpiresAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));
        Assert.Equal(TestKeys.KeyId, issued.KeyId);
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (byCounty.StatusCode, Reason(byCounty)));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["subject", "role", "valid_for", "org_unit"], Violations(invalid).Select(v => v.Field));
        var trail = await AuditAsync(new ListAuditRecordsRequest { Method = "/indicatorexchange.access.v1.AccessService/IssueToken" });
        Assert.Contains(trail, r => r.Subject == "root-admin" && r.Outcome == "OK");
        Assert.Contains(trail, r => r.Subject == "xinyuan-new" && r.Outcome == "PERMISSION_DENIED");
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync(ListAuditRecordsRequest request) =>
        (await new AccessService.AccessServiceClient(suite.CreateChannel(Roles.Administrator, "650000", "auditor")).ListAuditRecordsAsync(request)).Records;
}
