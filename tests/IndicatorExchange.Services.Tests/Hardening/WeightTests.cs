using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;
using AggregationRule = IndicatorExchange.Contracts.Indicator.V1.Aggregation;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>A weighted mean's weight is another indicator, summed and not in %, and weights never form a cycle (issue 21, item 5).</summary>
public sealed class WeightTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    private async Task<RpcException> UpdateRefusedAsync(string code, string weight, AggregationRule? aggregation = null)
    {
        var indicator = new Contracts.Indicator.V1.Indicator { Code = code, WeightIndicator = weight };
        var mask = new FieldMask { Paths = { "weight_indicator" } };
        if (aggregation is { } rule)
        {
            indicator.Aggregation = rule;
            mask.Paths.Add("aggregation");
        }
        var before = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = code })).Indicator;
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = indicator, UpdateMask = mask }).ResponseAsync);
        Assert.Equal(before, (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = code })).Indicator);
        return error;
    }

    [Fact]
    public async Task An_indicator_weighted_by_itself_is_refused()
    {
        var error = await UpdateRefusedAsync("URBAN_DISPOSABLE_INCOME_PER_CAPITA", "URBAN_DISPOSABLE_INCOME_PER_CAPITA");

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(("indicator.weight_indicator", "WEIGHT_SELF"), Violations(error));
    }

    [Fact]
    public async Task Weights_that_would_form_a_cycle_are_refused()
    {
        // RURAL_DISPOSABLE_INCOME_PER_CAPITA is weighted by RURAL_POPULATION; weighting the population by the income closes a cycle.
        var error = await UpdateRefusedAsync("RURAL_POPULATION", "RURAL_DISPOSABLE_INCOME_PER_CAPITA", AggregationRule.WeightedMean);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(("indicator.weight_indicator", "WEIGHT_CYCLE"), Violations(error));
        Assert.Contains(("indicator.aggregation", "WEIGHT_IN_USE"), Violations(error));
    }

    [Fact]
    public async Task A_weight_in_percent_or_not_summed_is_refused()
    {
        var percent = await UpdateRefusedAsync("URBAN_DISPOSABLE_INCOME_PER_CAPITA", "FOREST_COVERAGE");
        var mean = await UpdateRefusedAsync("URBAN_DISPOSABLE_INCOME_PER_CAPITA", "RURAL_DISPOSABLE_INCOME_PER_CAPITA");

        Assert.Contains(("indicator.weight_indicator", "WEIGHT_DIMENSION"), Violations(percent));
        Assert.Contains(("indicator.weight_indicator", "WEIGHT_NOT_SUMMED"), Violations(mean));
    }

    [Fact]
    public async Task A_new_indicator_weighted_by_itself_is_refused_and_not_created()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreateIndicatorAsync(new CreateIndicatorRequest
        {
            Indicator = new Contracts.Indicator.V1.Indicator
            {
                Code = "SELF_WEIGHTED", NameZh = "自加权", NameEn = "Self-weighted", Unit = "元",
                Accumulation = Contracts.Indicator.V1.Accumulation.YearToDate, Aggregation = AggregationRule.WeightedMean, WeightIndicator = "SELF_WEIGHTED",
            },
        }).ResponseAsync);

        Assert.Contains(("indicator.weight_indicator", "WEIGHT_SELF"), Violations(error));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "SELF_WEIGHTED" }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task A_population_weight_is_still_accepted()
    {
        var indicator = new Contracts.Indicator.V1.Indicator { Code = "URBAN_DISPOSABLE_INCOME_PER_CAPITA", WeightIndicator = "URBAN_POPULATION" };

        var updated = await _client.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = indicator, UpdateMask = new FieldMask { Paths = { "weight_indicator" } } });

        Assert.Equal("URBAN_POPULATION", updated.Indicator.WeightIndicator);
    }
}
