using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Targets;

namespace IndicatorExchange.Domain.Tests.Targets;

/// <summary>Growth floors and rate bounds (domain.md §6), with the seeds' 2023 targets.</summary>
public class GrowthAndRateTargetTests
{
    /// <summary>Yining and Xinyuan: GDP growth ≥ 8% in 2023.</summary>
    private static readonly AnnualTarget GdpGrowth = new(TargetKind.GrowthAtLeast, 8m);

    /// <summary>Xinyuan: surveyed urban unemployment ≤ 5.5%.</summary>
    private static readonly AnnualTarget XinyuanUnemployment = new(TargetKind.RateAtMost, 5.5m);

    /// <summary>Yining: compulsory-education retention ≥ 99.8%.</summary>
    private static readonly AnnualTarget YiningRetention = new(TargetKind.RateAtLeast, 99.8m);

    private static TargetProgress Growth(string period, decimal? growthPct, decimal? value = 100m) =>
        TargetProgressCalculator.Evaluate(GdpGrowth, Period.Parse(period), Accumulation.YearToDate, value, growthPct);

    private static TargetProgress Rate(AnnualTarget target, string period, decimal? value) =>
        TargetProgressCalculator.Evaluate(target, Period.Parse(period), Accumulation.Period, value, growthPct: null);

    [Fact]
    public void Gdp_growth_8_4_at_Q3_is_on_track_with_a_gap_of_0_4_points()
    {
        var progress = Growth("2023Q3", 8.4m);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(0.4m, progress.GapPoints);
        Assert.Null(progress.CompletionPct);
        Assert.Null(progress.MilestonePct);
        Assert.Null(progress.Margin);
        Assert.Equal("growth 8.4% meets the 8% target with a gap of 0.4 points, under 1 point", progress.Rule);
    }

    [Fact]
    public void Gdp_growth_9_2_at_Q3_is_ahead_by_at_least_a_point()
    {
        var progress = Growth("2023Q3", 9.2m);

        Assert.Equal(ProgressStatus.Ahead, progress.Status);
        Assert.Equal(1.2m, progress.GapPoints);
    }

    [Fact]
    public void Gdp_growth_exactly_one_point_above_the_target_is_ahead()
    {
        Assert.Equal(ProgressStatus.Ahead, Growth("2023Q2", 9m).Status);
    }

    [Fact]
    public void Gdp_growth_7_5_at_Q3_is_behind_by_half_a_point()
    {
        var progress = Growth("2023Q3", 7.5m);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(-0.5m, progress.GapPoints);
        Assert.Equal("growth 7.5% is 0.5 points below the 8% target", progress.Rule);
    }

    [Fact]
    public void Gdp_growth_8_0_for_the_year_achieves_the_target()
    {
        var progress = Growth("2023", 8.0m);

        Assert.Equal(ProgressStatus.Achieved, progress.Status);
        Assert.Equal(0m, progress.GapPoints);
        Assert.Equal("growth 8% meets the 8% target at year end (gap 0 points)", progress.Rule);
    }

    [Theory]
    [InlineData("2023Q4")]
    [InlineData("2023M12")]
    public void Growth_well_above_the_target_at_year_end_is_achieved_not_ahead(string period)
    {
        Assert.Equal(ProgressStatus.Achieved, Growth(period, 9.5m).Status);
    }

    [Fact]
    public void Growth_below_the_target_at_year_end_is_behind()
    {
        Assert.Equal(ProgressStatus.Behind, Growth("2023", 7.9m).Status);
    }

    [Fact]
    public void A_growth_target_without_a_growth_rate_is_not_reported_even_with_a_value()
    {
        var progress = Growth("2023Q3", null, value: 250m);

        Assert.Equal(ProgressStatus.NotReported, progress.Status);
        Assert.Null(progress.GapPoints);
        Assert.Equal("no growth reported for 2023Q3", progress.Rule);
    }

    [Fact]
    public void Xinyuan_unemployment_5_2_at_Q2_is_on_track_with_a_margin_of_0_3()
    {
        var progress = Rate(XinyuanUnemployment, "2023Q2", 5.2m);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(0.3m, progress.Margin);
        Assert.Equal(-0.3m, progress.GapPoints);
        Assert.Equal("rate 5.2% is within the 5.5% ceiling", progress.Rule);
    }

    [Fact]
    public void Xinyuan_unemployment_5_8_exceeds_the_ceiling_and_is_behind()
    {
        var progress = Rate(XinyuanUnemployment, "2023Q2", 5.8m);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(-0.3m, progress.Margin);
        Assert.Equal(0.3m, progress.GapPoints);
        Assert.Equal("rate 5.8% exceeds the 5.5% ceiling", progress.Rule);
    }

    [Fact]
    public void Unemployment_exactly_at_the_ceiling_for_the_year_is_achieved()
    {
        var progress = Rate(XinyuanUnemployment, "2023", 5.5m);

        Assert.Equal(ProgressStatus.Achieved, progress.Status);
        Assert.Equal(0m, progress.Margin);
        Assert.Equal("rate 5.5% is within the 5.5% ceiling at year end", progress.Rule);
    }

    [Fact]
    public void A_rate_floor_met_before_year_end_is_on_track_with_a_positive_margin()
    {
        var progress = Rate(YiningRetention, "2023Q2", 99.9m);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(0.1m, progress.Margin);
        Assert.Equal(0.1m, progress.GapPoints);
        Assert.Equal("rate 99.9% meets the 99.8% floor", progress.Rule);
    }

    [Fact]
    public void A_rate_below_its_floor_is_behind()
    {
        var progress = Rate(YiningRetention, "2023Q4", 99.5m);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(-0.3m, progress.Margin);
        Assert.Equal("rate 99.5% is below the 99.8% floor at year end", progress.Rule);
    }

    [Fact]
    public void A_rate_target_without_a_value_is_not_reported()
    {
        var progress = Rate(XinyuanUnemployment, "2023Q2", null);

        Assert.Equal(ProgressStatus.NotReported, progress.Status);
        Assert.Null(progress.Margin);
        Assert.Equal("no value reported for 2023Q2", progress.Rule);
    }
}
