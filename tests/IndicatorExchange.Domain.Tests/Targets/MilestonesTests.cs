using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Targets;

namespace IndicatorExchange.Domain.Tests.Targets;

public class MilestonesTests
{
    private static readonly IReadOnlyList<decimal> Custom = [20m, 45m, 70m, 100m];

    [Theory]
    [InlineData("2023", 100)]
    [InlineData("2023Q1", 25)]
    [InlineData("2023Q2", 50)]
    [InlineData("2023Q3", 75)]
    [InlineData("2023Q4", 100)]
    [InlineData("2023M03", 25)]
    [InlineData("2023M12", 100)]
    public void Without_milestones_the_expected_share_is_the_elapsed_share_of_the_year(string period, int expected)
    {
        Assert.Equal(expected, Milestones.ForPeriod(null, Period.Parse(period)));
    }

    [Fact]
    public void Without_milestones_May_expects_five_twelfths_of_the_year()
    {
        Assert.Equal(41.6666666667m, Milestones.ForPeriod(null, Period.Parse("2023M05")));
    }

    [Theory]
    [InlineData("2023Q1", 20)]
    [InlineData("2023Q2", 45)]
    [InlineData("2023Q3", 70)]
    [InlineData("2023Q4", 100)]
    [InlineData("2023", 100)]
    public void A_quarter_expects_its_own_milestone(string period, int expected)
    {
        Assert.Equal(expected, Milestones.ForPeriod(Custom, Period.Parse(period)));
    }

    [Fact]
    public void May_interpolates_two_thirds_of_the_way_from_the_Q1_to_the_Q2_milestone()
    {
        var expected = DecimalText.RoundComputed(20m + (45m - 20m) * 2m / 3m);

        Assert.Equal(expected, Milestones.ForPeriod(Custom, Period.Parse("2023M05")));
        Assert.Equal(36.6666666667m, expected);
    }

    [Fact]
    public void A_month_of_the_first_quarter_interpolates_from_zero()
    {
        Assert.Equal(6.6666666667m, Milestones.ForPeriod(Custom, Period.Parse("2023M01")));
        Assert.Equal(20m, Milestones.ForPeriod(Custom, Period.Parse("2023M03")));
    }

    [Fact]
    public void Linear_and_custom_milestones_are_valid()
    {
        Assert.Empty(Milestones.Validate(Milestones.Linear));
        Assert.Empty(Milestones.Validate(Custom));
        Assert.Empty(Milestones.Validate([0m, 0m, 0m, 100m]));
    }

    [Fact]
    public void Validate_rejects_three_values()
    {
        var problems = Milestones.Validate([30m, 60m, 100m]);

        Assert.Contains(problems, p => p.Contains("expected 4 milestones", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_rejects_decreasing_values()
    {
        var problems = Milestones.Validate([20m, 50m, 40m, 100m]);

        Assert.Single(problems);
        Assert.Contains("Q3 (40) is below Q2 (50)", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_last_value_other_than_100()
    {
        var problems = Milestones.Validate([20m, 45m, 70m, 90m]);

        Assert.Single(problems);
        Assert.Contains("Q4 milestone must be 100", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_value_above_100()
    {
        var problems = Milestones.Validate([20m, 45m, 120m, 100m]);

        Assert.Contains(problems, p => p.Contains("Q3 is 120, outside 0..100", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_rejects_a_negative_value()
    {
        Assert.Contains(Milestones.Validate([-1m, 45m, 70m, 100m]), p => p.Contains("outside 0..100", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_milestone_list_cannot_be_used_for_a_period()
    {
        var ex = Assert.Throws<ArgumentException>(() => Milestones.ForPeriod([20m, 45m, 70m], Period.Parse("2023Q2")));
        Assert.Contains("expected 4 milestones", ex.Message, StringComparison.Ordinal);
    }
}
