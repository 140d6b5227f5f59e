using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>Summaries "as they stood" at a past moment, computed from the revisions received by then (domain.md §7).</summary>
public sealed class AsOfTests
{
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 1, _ => 4);
    private const string Prefecture = "110100";
    private const string Period = "2023Q2";
    private static readonly DateTimeOffset First = new(2023, 7, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = First.AddHours(1);

    private static async Task<Aggregator> TwoRevisionsAsync(bool oneBatch)
    {
        var feed = new FigureFeed();
        var aggregator = Aggregator.Create(Tree.Tree);
        IReadOnlyList<Storage.FigureRow> changes =
        [
            feed.Next("110101", Flow, Period, 100m, First, status: 1),
            feed.Next("110102", Flow, Period, 40m, First.AddMinutes(10)),
            feed.Next("110101", Flow, Period, 120.5m, Second, growthPct: 3m, status: 2),
        ];
        if (oneBatch)
        {
            await aggregator.ApplyAsync(changes);
        }
        else
        {
            await aggregator.ApplyInBatchesAsync(changes, 1);
        }
        return aggregator;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task As_of_a_moment_between_two_revisions_the_summary_shows_the_first_and_after_both_the_second(bool oneBatch)
    {
        await using var aggregator = await TwoRevisionsAsync(oneBatch);

        var between = await aggregator.RowAsync(Prefecture, Period, Flow, asOf: First.AddMinutes(30));
        Assert.Equal(140m, between.Total.ToDecimal());
        var county = between.Children.Single(c => c.OrgUnit == "110101");
        Assert.Equal((100m, FigureStatus.Preliminary), (county.Value.ToDecimal(), county.Status));
        Assert.Null(county.GrowthPct);

        var after = await aggregator.RowAsync(Prefecture, Period, Flow, asOf: Second.AddMinutes(1));
        Assert.Equal(160.5m, after.Total.ToDecimal());
        Assert.Equal(120.5m, after.Children.Single(c => c.OrgUnit == "110101").Value.ToDecimal());
        Assert.Equal(First, after.Children.Single(c => c.OrgUnit == "110101").FirstReceivedAt.ToDateTimeOffset());

        // Now, from the stored rollups, is the same as after the last revision.
        Assert.Equal(after, await aggregator.RowAsync(Prefecture, Period, Flow));
        Assert.Equal(after.Total, (await aggregator.RowAsync(GeneratedTree.Nation, Period, Flow, asOf: Second.AddMinutes(1))).Total);
        Assert.Equal(140m, (await aggregator.RowAsync(GeneratedTree.Nation, Period, Flow, asOf: First.AddMinutes(30))).Total.ToDecimal());
    }

    [Fact]
    public async Task A_summary_as_of_a_past_moment_carries_the_sequence_of_the_last_revision_it_reflects()
    {
        await using var aggregator = await TwoRevisionsAsync(oneBatch: false);

        // Sequences 1 and 2 arrived before the moment, 3 after it.
        Assert.Equal(2, (await aggregator.SummaryAsync(Prefecture, Period, [Flow], asOf: First.AddMinutes(30))).AsOfSequence);
        Assert.Equal(3, (await aggregator.SummaryAsync(Prefecture, Period, [Flow], asOf: Second)).AsOfSequence);
        Assert.Equal(0, (await aggregator.SummaryAsync(Prefecture, Period, [Flow], asOf: First.AddMinutes(-1))).AsOfSequence);
        Assert.Equal(3, (await aggregator.SummaryAsync(Prefecture, Period, [Flow])).AsOfSequence);
    }

    [Fact]
    public async Task A_revision_received_exactly_at_the_moment_asked_for_is_included()
    {
        await using var aggregator = await TwoRevisionsAsync(oneBatch: false);

        Assert.Equal(160.5m, (await aggregator.RowAsync(Prefecture, Period, Flow, asOf: Second)).Total.ToDecimal());
        Assert.Equal(140m, (await aggregator.RowAsync(Prefecture, Period, Flow, asOf: Second.AddTicks(-1))).Total.ToDecimal());
    }

    [Fact]
    public async Task As_of_a_moment_in_beijing_time_is_the_same_instant_in_utc()
    {
        await using var aggregator = await TwoRevisionsAsync(oneBatch: false);
        var beijing = TimeSpan.FromHours(8);

        Assert.Equal(140m, (await aggregator.RowAsync(Prefecture, Period, Flow, asOf: First.AddMinutes(30).ToOffset(beijing))).Total.ToDecimal());
        Assert.Equal(160.5m, (await aggregator.RowAsync(Prefecture, Period, Flow, asOf: Second.ToOffset(beijing))).Total.ToDecimal());
    }

    [Fact]
    public async Task As_of_a_moment_before_any_figure_the_summary_has_no_data_and_names_every_county_missing()
    {
        await using var aggregator = await TwoRevisionsAsync(oneBatch: false);

        var before = await aggregator.RowAsync(Prefecture, Period, Flow, asOf: First.AddSeconds(-1));

        Assert.Equal(TotalMethod.NoData, before.TotalMethod);
        Assert.Null(before.Total);
        Assert.Equal(0, before.ReportedCount);
        Assert.Equal(Tree.Counties, before.MissingOrgUnits);
        var summary = await aggregator.SummaryAsync(Prefecture, Period, asOf: First.AddSeconds(-1));
        Assert.Empty(summary.Rows);
        Assert.Equal(First.AddSeconds(-1), summary.AsOf.ToDateTimeOffset());
    }
}
