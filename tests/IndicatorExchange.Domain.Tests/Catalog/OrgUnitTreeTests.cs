using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Domain.Tests.Catalog;

public class OrgUnitTreeTests
{
    private static OrgUnitTree IliTree() => new(
        CsvTable.Parse(File.ReadAllText(TestData.File("org-units-ili.csv"))).Rows.Select(r => new OrgUnitDefinition(
            r["code"],
            r["name_zh"],
            r["name_en"],
            Enum.Parse<OrgUnitLevel>(r["level"], ignoreCase: true),
            r.Optional("parent_code"))));

    [Fact]
    public void Ili_prefecture_has_eleven_county_level_children_in_code_order()
    {
        var tree = IliTree();

        Assert.Equal(13, tree.Count);
        var counties = tree.ChildrenOf("654000");
        Assert.Equal(11, counties.Count);
        Assert.All(counties, c => Assert.Equal(OrgUnitLevel.County, c.Level));
        Assert.Equal("654002", counties[0].Code);
        Assert.Equal("伊宁市", counties[0].NameZh);
        Assert.Equal(counties.Select(c => c.Code).Order(StringComparer.Ordinal), counties.Select(c => c.Code));
        Assert.Contains(counties, c => c.Code == "654025");
    }

    [Fact]
    public void Inner_nodes_come_deepest_first_with_their_depths()
    {
        var tree = new OrgUnitTree([
            new OrgUnitDefinition("100000", "全国", "Nation", OrgUnitLevel.Province, null),
            new OrgUnitDefinition("650000", "新疆", "Xinjiang", OrgUnitLevel.Province, "100000"),
            new OrgUnitDefinition("654000", "伊犁州", "Ili", OrgUnitLevel.Prefecture, "650000"),
            new OrgUnitDefinition("654002", "伊宁市", "Yining", OrgUnitLevel.County, "654000"),
            new OrgUnitDefinition("659001", "石河子市", "Shihezi", OrgUnitLevel.County, "650000"),
        ]);

        // The prefecture before the region before the nation: a parent is never built before a child it rolls up.
        Assert.Equal(["654000", "650000", "100000"], tree.InnerNodesDeepestFirst);
        Assert.Equal(0, tree.Depth("100000"));
        Assert.Equal(2, tree.Depth("654000"));
        Assert.Equal(3, tree.Depth("654002"));
        Assert.Equal(2, tree.Depth("659001"));
        Assert.Equal(0, tree.Depth("999999"));
    }

    [Fact]
    public void Counties_are_leaves_and_the_region_holds_the_prefecture()
    {
        var tree = IliTree();

        Assert.True(tree.IsLeaf("654025"));
        Assert.False(tree.IsLeaf("654000"));
        Assert.Equal("654000", Assert.Single(tree.ChildrenOf("650000")).Code);
        Assert.Empty(tree.ChildrenOf("654025"));
        Assert.Empty(tree.ChildrenOf("999999"));
    }

    [Fact]
    public void A_unit_is_found_by_its_code()
    {
        var tree = IliTree();

        Assert.True(tree.TryGet("654025", out var xinyuan));
        Assert.Equal("新源县", xinyuan.NameZh);
        Assert.Equal("654000", xinyuan.ParentCode);
        Assert.False(tree.TryGet("654099", out _));
    }
}
