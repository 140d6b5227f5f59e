using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>A stored figure's period is parsed once, where it enters from storage or the feed, into its key.</summary>
public sealed class FigureKeyTests
{
    [Fact]
    public void A_row_is_keyed_by_its_parsed_period_and_looked_up_by_that_key()
    {
        var row = new FigureRow { OrgUnit = "110101", Indicator = "GDP", Period = "2023M09", Value = "1.50", ReceivedAt = "2023-10-01T00:00:00.0000000+00:00" };

        Assert.True(row.TryGetKey(out var key));
        Assert.Equal(new FigureKey("110101", new Period(2023, PeriodKind.Monthly, 9), "GDP"), key);
        Assert.Equal(key, new FigureKey("110101", Period.Parse("2023M09"), "GDP")); // equal keys, whatever string they came from
        Assert.Equal(1.50m, FigureRow.Index([row]).Find(key)!.Value);
        Assert.Null(FigureRow.Index([row]).Find(key with { Period = key.Period.PriorYear() }));
    }

    [Fact]
    public void A_row_whose_period_does_not_parse_has_no_key_and_is_left_out_of_an_index()
    {
        var row = new FigureRow { OrgUnit = "110101", Indicator = "GDP", Period = "2023Q5", Value = "1" };

        Assert.False(row.TryGetKey(out _));
        Assert.Empty(FigureRow.Index([row]).All);
    }
}
