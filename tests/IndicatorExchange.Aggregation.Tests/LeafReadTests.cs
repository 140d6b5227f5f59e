using IndicatorExchange.Aggregation.Tests.Support;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>A recomputation reads figures from their stored bytes: every field must come back as it was stored.</summary>
public sealed class LeafReadTests
{
    [Fact]
    public async Task Leaves_read_back_with_their_exact_values_growth_status_warnings_and_first_arrival()
    {
        var tree = GeneratedTree.Build(1, _ => 1, _ => 3);
        await using var aggregator = Aggregator.Create(tree.Tree);
        var feed = new FigureFeed();
        var first = new DateTimeOffset(2023, 4, 3, 9, 30, 0, TimeSpan.Zero);
        await aggregator.ApplyAsync([
            feed.Next(tree.Counties[0], Flow, "2023Q1", 1.50m, first, growthPct: -2.5m, status: 1, openWarnings: 2),
            feed.Next(tree.Counties[1], Flow, "2023Q1", 120m, first.AddDays(1), status: 3),
        ]);
        await aggregator.ApplyAsync([feed.Next(tree.Counties[0], Flow, "2023Q1", 1.50m, first.AddDays(5), growthPct: -2.5m, status: 1, openWarnings: 2)]);

        await using var session = await aggregator.Store.BeginAsync(CancellationToken.None);
        using var reader = session.OpenLeafReaders(1)[0]; // as a recomputation reads them
        var leaves = reader.ReadLeaves(PairOf("2023Q1", Flow)).ToDictionary(l => l.OrgUnit, l => l.Figure);

        Assert.Equal(2, leaves.Count);
        var revised = leaves[tree.Counties[0]];
        Assert.Equal("1.5", revised.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // stored canonical
        Assert.Equal((-2.5m, 1, true, first), (revised.GrowthPct, revised.Status, revised.HasOpenWarnings, revised.FirstReceivedAt)); // first arrival, not the revision's
        var plain = leaves[tree.Counties[1]];
        Assert.Equal((120m, (decimal?)null, 3, false, first.AddDays(1)), (plain.Value, plain.GrowthPct, plain.Status, plain.HasOpenWarnings, plain.FirstReceivedAt));
        Assert.Same(reader.ReadLeaves(PairOf("2023Q1", Flow))[0].OrgUnit, reader.ReadLeaves(PairOf("2023Q1", Flow))[0].OrgUnit); // one string per code
        Assert.Empty(reader.ReadLeaves(PairOf("2023Q2", Flow)));
    }

    [Fact]
    public async Task Every_period_and_indicator_with_a_figure_is_listed_once_in_order()
    {
        var tree = GeneratedTree.Build(1, _ => 2, _ => 2);
        await using var aggregator = Aggregator.Create(tree.Tree);
        var feed = new FigureFeed();
        var at = DeadlineOf("2023Q1");
        var changes = new List<Storage.FigureRow>();
        foreach (var (period, indicator) in new[] { ("2023Q1", Flow), ("2023Q1", Population), ("2022", Flow), ("2023Q2", PerCapita), ("2023Q2", Flow) })
        {
            changes.AddRange(tree.Counties.Select((county, i) => feed.Next(county, indicator, period, 10m + i, at)));
        }
        await aggregator.ApplyAsync(changes);

        await using var session = await aggregator.Store.BeginAsync(CancellationToken.None);
        var pairs = await session.ListPeriodIndicatorsAsync();

        Assert.Equal([PairOf("2022", Flow), PairOf("2023Q1", Population), PairOf("2023Q1", Flow), PairOf("2023Q2", PerCapita), PairOf("2023Q2", Flow)], pairs);
    }
}
