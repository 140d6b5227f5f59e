using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Domain.Tests.Rollup;

/// <summary>Which period's population weighs a per-capita mean when the period has none of its own.</summary>
public class WeightPeriodsTests
{
    /// <summary>The candidates' codes, "-" for an empty slot.</summary>
    private static IEnumerable<string> Texts(string period) => WeightPeriods.Candidates(Period.Parse(period)).Select(p => p?.ToString() ?? "-");

    [Fact]
    public void A_quarter_falls_back_to_its_year_end_then_to_the_year_before()
    {
        Assert.Equal(["2023Q2", "2023", "2023Q4", "2022", "2022Q4"], Texts("2023Q2"));
        Assert.Equal(["2023M05", "2023", "2023Q4", "2022", "2022Q4"], Texts("2023M05"));
    }

    [Fact]
    public void A_slot_that_is_the_period_itself_is_left_empty()
    {
        Assert.Equal(["2023", "-", "2023Q4", "2022", "2022Q4"], Texts("2023"));
        Assert.Equal(["2023Q4", "2023", "-", "2022", "2022Q4"], Texts("2023Q4"));
    }

    [Fact]
    public void A_year_end_weight_feeds_every_period_of_its_year_and_the_next_and_any_other_only_itself()
    {
        var fromAnnual = WeightPeriods.Dependents(Period.Parse("2022")).Select(p => p.ToString()).ToList();
        Assert.Equal(34, fromAnnual.Count);
        Assert.Contains("2022Q2", fromAnnual);
        Assert.Contains("2023M07", fromAnnual);
        Assert.Contains("2023", fromAnnual);
        Assert.DoesNotContain("2024", fromAnnual);
        Assert.Equal(fromAnnual, WeightPeriods.Dependents(Period.Parse("2022Q4")).Select(p => p.ToString()));
        Assert.Equal(["2022Q2"], WeightPeriods.Dependents(Period.Parse("2022Q2")).Select(p => p.ToString()));
        // Every period a weight may come from lists that period among its dependents.
        foreach (var period in new[] { "2023Q1", "2023Q4", "2023M12", "2023" })
        {
            foreach (var candidate in WeightPeriods.Candidates(Period.Parse(period)).OfType<Period>())
            {
                Assert.Contains(Period.Parse(period), WeightPeriods.Dependents(candidate));
            }
        }
    }

    [Fact]
    public void A_mask_names_its_periods_in_order_of_preference()
    {
        Assert.Equal(["2023Q2", "2022Q4"], WeightPeriods.OfMask(Period.Parse("2023Q2"), 0b10001).Select(p => p.ToString()));
        Assert.Empty(WeightPeriods.OfMask(Period.Parse("2023Q2"), 0));
    }
}
