using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Targets;

namespace IndicatorExchange.Domain.Tests.Targets;

/// <summary>Value floors and ceilings (domain.md §6), with the seeds' 2023 targets.</summary>
public class ValueTargetTests
{
    /// <summary>Yining: tourist visits ≥ 1248 万人次 in 2023.</summary>
    private static readonly AnnualTarget YiningTourists = new(TargetKind.ValueAtLeast, 1248m);

    /// <summary>Xinyuan: livestock on hand ≥ 180.1 万头(只) at the end of 2023.</summary>
    private static readonly AnnualTarget XinyuanLivestock = new(TargetKind.ValueAtLeast, 180.1m);

    private static TargetProgress Evaluate(AnnualTarget target, string period, decimal? value, Accumulation accumulation = Accumulation.YearToDate) =>
        TargetProgressCalculator.Evaluate(target, Period.Parse(period), accumulation, value, growthPct: null);

    [Fact]
    public void Yining_tourists_600_at_Q2_is_48_08_percent_complete_and_behind_the_50_percent_milestone()
    {
        var progress = Evaluate(YiningTourists, "2023Q2", 600m);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(48.08m, Math.Round(Assert.NotNull(progress.CompletionPct), 2));
        Assert.Equal(48.0769230769m, progress.CompletionPct);
        Assert.Equal(50m, progress.MilestonePct);
        Assert.Null(progress.GapPoints);
        Assert.Null(progress.Margin);
        Assert.Equal("completion 48.08% is below the 50% milestone", progress.Rule);
    }

    [Fact]
    public void Yining_tourists_700_at_Q2_is_ahead_by_more_than_5_points()
    {
        var progress = Evaluate(YiningTourists, "2023Q2", 700m);

        Assert.Equal(ProgressStatus.Ahead, progress.Status);
        Assert.Equal(56.09m, Math.Round(Assert.NotNull(progress.CompletionPct), 2));
        Assert.Equal("completion 56.09% is at least 5 points above the 50% milestone", progress.Rule);
    }

    [Fact]
    public void Completion_at_or_above_the_milestone_but_within_5_points_is_on_track()
    {
        var progress = Evaluate(YiningTourists, "2023Q2", 650m);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal("completion 52.08% is at or above the 50% milestone", progress.Rule);
    }

    [Fact]
    public void Yining_tourists_1300_at_Q4_achieve_the_annual_target()
    {
        var progress = Evaluate(YiningTourists, "2023Q4", 1300m);

        Assert.Equal(ProgressStatus.Achieved, progress.Status);
        Assert.Equal(104.1666666667m, progress.CompletionPct);
        Assert.Equal(100m, progress.MilestonePct);
        Assert.Equal("completion 104.17% reaches 100% of the annual target", progress.Rule);
    }

    [Fact]
    public void Completion_of_100_percent_before_year_end_is_achieved_rather_than_ahead()
    {
        Assert.Equal(ProgressStatus.Achieved, Evaluate(YiningTourists, "2023Q3", 1248m).Status);
    }

    [Fact]
    public void Short_of_the_target_at_year_end_is_behind()
    {
        Assert.Equal(ProgressStatus.Behind, Evaluate(YiningTourists, "2023", 1200m).Status);
    }

    [Fact]
    public void With_custom_milestones_46_percent_at_Q2_is_on_track_against_45()
    {
        var target = YiningTourists with { Milestones = [20m, 45m, 70m, 100m] };

        var progress = Evaluate(target, "2023Q2", 1248m * 0.46m);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(46m, progress.CompletionPct);
        Assert.Equal(45m, progress.MilestonePct);
        Assert.Equal("completion 46% is at or above the 45% milestone", progress.Rule);
    }

    [Fact]
    public void The_same_46_percent_at_Q2_is_behind_the_linear_50_percent_milestone()
    {
        Assert.Equal(ProgressStatus.Behind, Evaluate(YiningTourists, "2023Q2", 1248m * 0.46m).Status);
    }

    [Fact]
    public void A_monthly_value_is_read_against_the_interpolated_milestone()
    {
        var progress = Evaluate(YiningTourists, "2023M05", 1248m * 0.42m);

        Assert.Equal(41.6666666667m, progress.MilestonePct);
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal("completion 42% is at or above the 41.67% milestone", progress.Rule);
    }

    [Fact]
    public void A_period_accumulation_value_is_compared_as_if_cumulative_and_the_rule_says_so()
    {
        var progress = Evaluate(YiningTourists, "2023Q2", 600m, Accumulation.Period);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(50m, progress.MilestonePct);
        Assert.Equal("completion 48.08% (the period's own value, read as cumulative) is below the 50% milestone", progress.Rule);
    }

    [Fact]
    public void Xinyuan_livestock_on_hand_181_at_Q2_achieves_the_180_1_floor_without_a_time_milestone()
    {
        var progress = Evaluate(XinyuanLivestock, "2023Q2", 181m, Accumulation.Stock);

        Assert.Equal(ProgressStatus.Achieved, progress.Status);
        Assert.Equal(100m, progress.MilestonePct);
        Assert.Equal("stock 181 is at or above the target 180.1 (a stock has no time milestone)", progress.Rule);
    }

    [Fact]
    public void Livestock_on_hand_below_the_floor_is_behind_even_early_in_the_year()
    {
        var progress = Evaluate(XinyuanLivestock, "2023Q1", 150m, Accumulation.Stock);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(100m, progress.MilestonePct);
    }

    [Fact]
    public void A_value_floor_of_zero_has_no_completion_and_is_compared_directly()
    {
        var progress = Evaluate(new AnnualTarget(TargetKind.ValueAtLeast, 0m), "2023Q2", 3m);

        Assert.Equal(ProgressStatus.Achieved, progress.Status);
        Assert.Null(progress.CompletionPct);
    }

    // ---- Ceilings on a cumulative value -------------------------------------------------------

    private static readonly AnnualTarget Ceiling100 = new(TargetKind.ValueAtMost, 100m);

    [Fact]
    public void A_ceiling_of_100_allows_50_by_Q2_so_48_is_on_track_with_a_margin_of_2()
    {
        var progress = Evaluate(Ceiling100, "2023Q2", 48m);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(2m, progress.Margin);
        Assert.Equal(50m, progress.MilestonePct);
        Assert.Equal(48m, progress.CompletionPct);
        Assert.Equal("value 48 is within the allowance 50 (50% of the ceiling 100)", progress.Rule);
    }

    [Fact]
    public void A_value_of_55_exceeds_the_Q2_allowance_of_50_and_is_behind()
    {
        var progress = Evaluate(Ceiling100, "2023Q2", 55m);

        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(-5m, progress.Margin);
        Assert.Equal("value 55 exceeds the allowance 50 (50% of the ceiling 100)", progress.Rule);
    }

    [Theory]
    [InlineData("2023")]
    [InlineData("2023Q4")]
    [InlineData("2023M12")]
    public void Staying_under_a_ceiling_at_year_end_is_achieved(string period)
    {
        var progress = Evaluate(Ceiling100, period, 95m);

        Assert.Equal(ProgressStatus.Achieved, progress.Status);
        Assert.Equal(5m, progress.Margin);
        Assert.Equal("value 95 is within the ceiling 100 at year end", progress.Rule);
    }

    [Fact]
    public void A_stock_ceiling_is_compared_directly_without_an_allowance()
    {
        var progress = Evaluate(Ceiling100, "2023Q1", 90m, Accumulation.Stock);

        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(100m, progress.MilestonePct);
        Assert.Equal(10m, progress.Margin);
        Assert.Equal("stock 90 is within the ceiling 100", progress.Rule);
    }

    // ---- Not reported -------------------------------------------------------------------------

    [Fact]
    public void A_value_target_without_a_value_is_not_reported_but_still_states_the_milestone()
    {
        var progress = Evaluate(YiningTourists, "2023Q2", null);

        Assert.Equal(ProgressStatus.NotReported, progress.Status);
        Assert.Equal(50m, progress.MilestonePct);
        Assert.Null(progress.CompletionPct);
        Assert.Equal("no value reported for 2023Q2", progress.Rule);
    }

    [Fact]
    public void A_ceiling_without_a_value_is_not_reported()
    {
        Assert.Equal(ProgressStatus.NotReported, Evaluate(Ceiling100, "2023Q2", null).Status);
    }

    [Fact]
    public void Invalid_milestones_on_a_cumulative_value_target_are_rejected()
    {
        var target = YiningTourists with { Milestones = [20m, 45m, 70m, 90m] };

        Assert.Throws<ArgumentException>(() => Evaluate(target, "2023Q2", 600m));
    }
}
