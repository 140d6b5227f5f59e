using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Domain.Tests.Rollup;

public class RankingTests
{
    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        Assert.Equal([1, 3, 1, 4], Ranking.Descending([5m, 3m, 5m, 1m]));
    }

    [Fact]
    public void Missing_values_get_rank_zero_and_do_not_push_others_down()
    {
        Assert.Equal([0, 2, 0, 1], Ranking.Descending([null, 2m, null, 7m]));
    }

    [Fact]
    public void Equal_values_all_rank_first()
    {
        Assert.Equal([1, 1, 1], Ranking.Descending([0.6m, 0.60m, 0.600m]));
    }

    [Fact]
    public void Negative_values_rank_below_positive_ones()
    {
        Assert.Equal([1, 3, 2], Ranking.Descending([26m, -10.4m, 0m]));
    }

    [Fact]
    public void No_values_give_no_ranks()
    {
        Assert.Empty(Ranking.Descending([]));
    }
}
