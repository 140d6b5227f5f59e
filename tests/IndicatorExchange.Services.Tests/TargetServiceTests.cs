using Grpc.Core;
using IndicatorExchange.Contracts.Target.V1;
using static IndicatorExchange.Services.Tests.Grpc;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// The target service with the demo's 2023 targets loaded (seed-targets-2023.csv: 21 for 伊宁市 654002, 22 for 新源县 654025).
/// Tests that write use org unit 654026 and a year of their own from 2030 on, so they neither see nor disturb each other.
/// </summary>
public sealed class TargetServiceTests(SuiteFactory suite) : IClassFixture<SuiteFactory>
{
    private const string Yining = "654002";
    private const string Xinyuan = "654025";
    private const string Writable = "654026";
    private readonly TargetService.TargetServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task Demo_targets_of_2023_are_listed_with_several_targets_for_one_indicator_and_year()
    {
        var trade = await ListAllAsync(Yining, "FOREIGN_TRADE", 2023);
        var unemployment = Assert.Single(await ListAllAsync(Xinyuan, "SURVEYED_UNEMPLOYMENT_RATE", 2023));

        Assert.Equal(
            [(TargetKind.GrowthAtLeast, "25", "%"), (TargetKind.ValueAtLeast, "9.3", "亿美元")],
            trade.Select(t => (t.Definition.Kind, t.Definition.Threshold.Value, t.Definition.Unit)));
        Assert.All(trade, t => Assert.Equal((Yining, "FOREIGN_TRADE", 2023, 1L), (t.Definition.OrgUnit, t.Definition.Indicator, t.Definition.Year, t.Revision)));
        Assert.Equal((TargetKind.RateAtMost, "5.5", "%"), (unemployment.Definition.Kind, unemployment.Definition.Threshold.Value, unemployment.Definition.Unit));
        Assert.Equal(1, unemployment.Revision);
        Assert.NotNull(unemployment.UpdatedAt);
    }

    [Fact]
    public async Task Demo_targets_of_2023_are_counted_per_org_unit_as_in_the_seed_file()
    {
        var yining = await ListAllAsync(Yining, year: 2023);
        var xinyuan = await ListAllAsync(Xinyuan, year: 2023);

        Assert.Equal(21, yining.Count);
        Assert.Equal(22, xinyuan.Count);
        var investment = xinyuan.Single(t => t.Definition.Indicator == "FIXED_ASSET_INVESTMENT");
        Assert.Equal(("17", "excluding rural households"), (investment.Definition.Threshold.Value, investment.Definition.Note));
        var livestock = xinyuan.Single(t => t.Definition.Indicator == "LIVESTOCK_ON_HAND");
        Assert.Equal(("180.1", "万头(只)"), (livestock.Definition.Threshold.Value, livestock.Definition.Unit));
    }

    [Fact]
    public async Task Pages_of_five_walk_every_2023_target_once_in_key_order_and_the_last_token_is_empty()
    {
        var keys = new List<(string OrgUnit, string Indicator, int Year, TargetKind Kind)>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _client.ListTargetsAsync(new ListTargetsRequest { Year = 2023, PageSize = 5, PageToken = token });
            Assert.InRange(page.Targets.Count, 1, 5);
            keys.AddRange(page.Targets.Select(t => (t.Definition.OrgUnit, t.Definition.Indicator, t.Definition.Year, t.Definition.Kind)));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(43, keys.Count);
        Assert.Equal(9, pages);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(
            keys.OrderBy(k => k.OrgUnit, StringComparer.Ordinal).ThenBy(k => k.Indicator, StringComparer.Ordinal).ThenBy(k => k.Year).ThenBy(k => k.Kind),
            keys);
        Assert.Equal(21, keys.Count(k => k.OrgUnit == Yining));
        Assert.Equal(22, keys.Count(k => k.OrgUnit == Xinyuan));
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("aGVsbG8")] // base64url of "hello": decodes, but is not a key this service issued
    public async Task A_page_token_the_service_did_not_issue_is_an_invalid_page_token(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.ListTargetsAsync(new ListTargetsRequest { PageToken = token }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("INVALID_PAGE_TOKEN", Reason(error));
        Assert.Equal([("page_token", "INVALID_PAGE_TOKEN")], Violations(error));
    }

    [Fact]
    public async Task Setting_the_same_threshold_again_is_unchanged_and_another_threshold_makes_revision_two()
    {
        const int Year = 2030;
        var created = await _client.SetTargetsAsync(Request(Target("GDP", Year, TargetKind.GrowthAtLeast, "8", "%")));
        var resent = await _client.SetTargetsAsync(Request(Target("GDP", Year, TargetKind.GrowthAtLeast, "8.0", "%")));
        var afterResend = Assert.Single(await ListAllAsync(Writable, year: Year));
        var revised = await _client.SetTargetsAsync(Request(Target("GDP", Year, TargetKind.GrowthAtLeast, "8.50", "%")));
        var afterRevision = Assert.Single(await ListAllAsync(Writable, year: Year));

        Assert.Equal((1, 0, 0), Counts(created));
        Assert.Equal((0, 0, 1), Counts(resent));
        Assert.Equal((1L, "8"), (afterResend.Revision, afterResend.Definition.Threshold.Value));
        Assert.Equal((0, 1, 0), Counts(revised));
        Assert.Equal((2L, "8.5", "%"), (afterRevision.Revision, afterRevision.Definition.Threshold.Value, afterRevision.Definition.Unit));
        Assert.True(afterRevision.UpdatedAt.ToDateTimeOffset() >= afterResend.UpdatedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task A_batch_with_any_bad_target_is_rejected_whole_with_every_problem_listed()
    {
        const int Year = 2031;
        var request = Request(
            Target("GDP", Year, TargetKind.GrowthAtLeast, "7", "%"),
            Target("FOREIGN_TRADE", Year, TargetKind.GrowthAtLeast, "25", "亿美元"),
            Target("TOURIST_VISITS", Year, TargetKind.Unspecified, "100", "万人次"),
            Target("TOURISM_REVENUE", Year, TargetKind.ValueAtLeast, "12,5", "亿元"),
            Target("GDP", Year, TargetKind.GrowthAtLeast, "8", "%"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SetTargetsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("TARGETS_REJECTED", Reason(error));
        Assert.Equal(
            [
                ("targets[1].unit", "UNIT_MUST_BE_PERCENT"),
                ("targets[2].kind", "REQUIRED"),
                ("targets[3].threshold", "INVALID_DECIMAL"),
                ("targets[4]", "DUPLICATE_TARGET"), // the key spans four fields, so the whole element is named
            ],
            Violations(error));
        Assert.Empty(await ListAllAsync(Writable, year: Year));
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_answer_and_writes_one_revision()
    {
        const int Year = 2032;
        var request = Request(Target("RETAIL_SALES", Year, TargetKind.GrowthAtLeast, "13", "%"), Target("GRAIN_OUTPUT", Year, TargetKind.ValueAtLeast, "13", "万吨"));
        request.RequestId = Guid.NewGuid().ToString();

        var first = await _client.SetTargetsAsync(request);
        var repeat = await _client.SetTargetsAsync(request);

        Assert.Equal((2, 0, 0), Counts(first));
        Assert.Equal(first, repeat);
        var targets = await ListAllAsync(Writable, year: Year);
        Assert.Equal(2, targets.Count);
        Assert.All(targets, t => Assert.Equal(1, t.Revision));
    }

    [Fact]
    public async Task Reusing_a_request_id_for_other_targets_is_refused_and_changes_nothing()
    {
        const int Year = 2033;
        var requestId = Guid.NewGuid().ToString();
        var first = Request(Target("TOURIST_VISITS", Year, TargetKind.ValueAtLeast, "1248", "万人次"));
        first.RequestId = requestId;
        var other = Request(Target("TOURIST_VISITS", Year, TargetKind.ValueAtLeast, "1300", "万人次"));
        other.RequestId = requestId;

        await _client.SetTargetsAsync(first);
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SetTargetsAsync(other).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("REQUEST_ID_REUSED", Reason(error));
        var visits = Assert.Single(await ListAllAsync(Writable, year: Year));
        Assert.Equal((1L, "1248"), (visits.Revision, visits.Definition.Threshold.Value));
    }

    [Fact]
    public async Task Validate_only_answers_the_counts_as_if_applied_but_writes_nothing()
    {
        const int Year = 2034;
        var request = Request(
            Target("GDP", Year, TargetKind.GrowthAtLeast, "8", "%"),
            Target("SURVEYED_UNEMPLOYMENT_RATE", Year, TargetKind.RateAtMost, "5.5", "%"));
        request.RequestId = Guid.NewGuid().ToString();
        request.ValidateOnly = true;

        var dryRun = await _client.SetTargetsAsync(request);
        var afterDryRun = await ListAllAsync(Writable, year: Year);
        request.ValidateOnly = false;
        var real = await _client.SetTargetsAsync(request); // the dry run did not use up the request id
        var revisionDryRun = await _client.SetTargetsAsync(Request(
            new[] { Target("GDP", Year, TargetKind.GrowthAtLeast, "9", "%"), Target("SURVEYED_UNEMPLOYMENT_RATE", Year, TargetKind.RateAtMost, "5.5", "%") },
            validateOnly: true));

        Assert.Equal((2, 0, 0), Counts(dryRun));
        Assert.Empty(afterDryRun);
        Assert.Equal((2, 0, 0), Counts(real));
        Assert.Equal((0, 1, 1), Counts(revisionDryRun));
        var gdp = (await ListAllAsync(Writable, year: Year)).Single(t => t.Definition.Indicator == "GDP");
        Assert.Equal((1L, "8"), (gdp.Revision, gdp.Definition.Threshold.Value));
    }

    private static TargetInput Target(string indicator, int year, TargetKind kind, string threshold, string unit, string orgUnit = Writable) => new()
    {
        OrgUnit = orgUnit,
        Indicator = indicator,
        Year = year,
        Kind = kind,
        Threshold = new ProtoDecimal { Value = threshold },
        Unit = unit,
    };

    private static SetTargetsRequest Request(params TargetInput[] targets) => Request(targets, validateOnly: false);

    private static SetTargetsRequest Request(TargetInput[] targets, bool validateOnly)
    {
        var request = new SetTargetsRequest { ValidateOnly = validateOnly };
        request.Targets.AddRange(targets);
        return request;
    }

    private static (int Created, int Updated, int Unchanged) Counts(SetTargetsResponse response) =>
        (response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged);

    private async Task<List<Contracts.Target.V1.Target>> ListAllAsync(string orgUnit = "", string indicator = "", int year = 0)
    {
        var all = new List<Contracts.Target.V1.Target>();
        var token = "";
        do
        {
            var page = await _client.ListTargetsAsync(new ListTargetsRequest { OrgUnit = orgUnit, Indicator = indicator, Year = year, PageSize = 1000, PageToken = token });
            all.AddRange(page.Targets);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }
}
