using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Domain.Tests.Rollup;

/// <summary>The evaluation core on its own: figures by typed key in, node values up the tree out, no storage.</summary>
public class NodeEvaluatorTests
{
    private const string Flow = "RETAIL_SALES";

    private static readonly IReadOnlyDictionary<string, IndicatorDefinition> Catalog = new Dictionary<string, IndicatorDefinition>
    {
        [Flow] = new(Flow, "社会消费品零售总额", "Retail sales of consumer goods", "万元", Accumulation.YearToDate, AggregationRule.Sum, null, 1, "flow"),
    };

    private static readonly OrgUnitTree Tree = new([
        new OrgUnitDefinition("650000", "区", "Region", OrgUnitLevel.Province, null),
        new OrgUnitDefinition("654000", "州", "Prefecture A", OrgUnitLevel.Prefecture, "650000"),
        new OrgUnitDefinition("654002", "市", "County A1", OrgUnitLevel.County, "654000"),
        new OrgUnitDefinition("654003", "市", "County A2", OrgUnitLevel.County, "654000"),
        new OrgUnitDefinition("652700", "州", "Prefecture B", OrgUnitLevel.Prefecture, "650000"),
        new OrgUnitDefinition("652701", "市", "County B1", OrgUnitLevel.County, "652700"),
    ]);

    private static readonly Period Q2 = Period.Parse("2023Q2");
    private static readonly Period Q3 = Period.Parse("2023Q3");

    private static KeyValuePair<FigureKey, LeafFigure> Figure(string county, Period period, decimal value) =>
        new(new FigureKey(county, period, Flow), new LeafFigure(value, null, 1));

    private static NodeEvaluator Evaluator(IFigureLookup figures, NodeValueCache? cache = null) =>
        new(Tree, Catalog, figures, new Dictionary<string, DateTimeOffset>(), cache);

    [Fact]
    public void A_region_is_the_sum_of_its_counties_through_its_prefectures()
    {
        var figures = new FigureIndex([Figure("654002", Q3, 10m), Figure("654003", Q3, 20.5m), Figure("652701", Q3, 7m)]);

        var evaluator = Evaluator(figures);

        Assert.Equal(37.5m, evaluator.Evaluate("650000", Catalog[Flow], Q3)!.Value);
        Assert.Equal(30.5m, evaluator.Evaluate("654000", Catalog[Flow], Q3)!.Value);
        Assert.Null(evaluator.Evaluate("650000", Catalog[Flow], Q2));
        Assert.Contains(evaluator.ComputedInnerNodes, n => n.Key == new NodeKey("654000", Q3, Flow));
    }

    [Fact]
    public void Kept_inner_values_are_reused_until_their_key_is_removed()
    {
        var cache = new NodeValueCache();
        Evaluator(new FigureIndex([Figure("654002", Q3, 10m), Figure("652701", Q3, 7m)]), cache).Evaluate("650000", Catalog[Flow], Q3);
        var changed = new FigureIndex([Figure("654002", Q3, 15m), Figure("652701", Q3, 7m)]);

        Assert.Equal(17m, Evaluator(changed, cache).Evaluate("650000", Catalog[Flow], Q3)!.Value); // the kept values
        cache.Remove(new NodeKey("654000", Q3, Flow));
        cache.Remove(new NodeKey("650000", Q3, Flow));
        Assert.Equal(22m, Evaluator(changed, cache).Evaluate("650000", Catalog[Flow], Q3)!.Value);
        cache.RemovePair(new PeriodIndicator(Q3, Flow));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Values_for_the_period_alone_are_derived_from_year_to_date_figures()
    {
        var yearToDate = new FigureIndex([Figure("654002", Q2, 25m), Figure("654002", Q3, 45m)]);

        var alone = PeriodOnlyValues.Derive(yearToDate, Catalog, [Q3]);

        Assert.Equal(20m, alone.Find(new FigureKey("654002", Q3, Flow))!.Value);
    }
}
