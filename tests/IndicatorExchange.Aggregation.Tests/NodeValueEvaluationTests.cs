using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// A node's value is evaluated two ways: as a by-product of building its row (the full roll-up, with every child's
/// share and rank) and alone (what the rollup engine stores). Both must give the same value, flags and sums.
/// </summary>
public sealed class NodeValueEvaluationTests
{
    private static readonly GeneratedTree Tree = GeneratedTree.Small(regions: 2, prefecturesPerRegion: 3, countiesPerPrefecture: 4);

    [Fact]
    public void A_value_evaluated_alone_equals_the_value_its_row_gives_for_random_figures_statuses_warnings_and_gaps()
    {
        var period = Period.Parse("2023Q2");
        for (var seed = 1; seed <= 100; seed++)
        {
            var random = new Random(seed);
            var feed = new FigureFeed();
            var figures = new List<Storage.FigureRow>();
            foreach (var county in Tree.Counties)
            {
                foreach (var indicator in new[] { Flow, Population, PerCapita })
                {
                    foreach (var p in new[] { "2023Q2", "2022Q2" })
                    {
                        if (random.Next(4) > 0)
                        {
                            var at = DeadlineOf(p).AddDays(random.Next(-10, 5));
                            figures.Add(feed.Next(county, indicator, p, random.Next(1, 100_000) / 100m, at,
                                random.Next(2) == 0 ? null : random.Next(-300, 900) / 100m, status: random.Next(1, 4), openWarnings: random.Next(3) == 0 ? 1 : 0));
                        }
                    }
                }
            }
            var index = FigureRow.Index(figures);
            foreach (var indicator in Indicators)
            {
                var alone = new NodeEvaluator(Tree.Tree, ByCode, index, Deadlines);
                var withRows = new NodeEvaluator(Tree.Tree, ByCode, index, Deadlines);
                foreach (var node in Tree.Tree.InnerNodesDeepestFirst)
                {
                    withRows.RollUp(node, indicator, period); // remembers the node's value from its full roll-up
                    var expected = withRows.EvaluateWithReported(node, indicator, period);
                    var actual = alone.EvaluateWithReported(node, indicator, period);
                    Assert.True(expected == actual && expected.Value?.Sums == actual.Value?.Sums,
                        $"seed {seed}, {node} {indicator.Code}: row gives {expected}, alone {actual}");
                }
            }
        }
    }
}
