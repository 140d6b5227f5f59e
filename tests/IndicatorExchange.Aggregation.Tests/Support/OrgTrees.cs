using System.Globalization;
using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>Deterministic org-unit trees: a nation, its regions, their prefectures and their counties, coded by index.</summary>
public sealed class GeneratedTree
{
    public const string Nation = "100000";

    private GeneratedTree(OrgUnitTree tree, IReadOnlyList<string> regions, IReadOnlyList<string> prefectures, IReadOnlyList<string> counties)
    {
        Tree = tree;
        Regions = regions;
        Prefectures = prefectures;
        Counties = counties;
    }

    public OrgUnitTree Tree { get; }

    public IReadOnlyList<string> Regions { get; }

    public IReadOnlyList<string> Prefectures { get; }

    public IReadOnlyList<string> Counties { get; }

    /// <summary>Every node with children: the nation, the regions and the prefectures.</summary>
    public IEnumerable<string> Parents => Regions.Prepend(Nation).Concat(Prefectures);

    /// <summary>
    /// The national shape: 31 regions, 330 prefectures (10 or 11 per region) and 2,850 counties (8 or 9 per prefecture).
    /// Region i is "(11+i)0000", its prefecture j "(11+i)(j+1)00", that prefecture's county k "(11+i)(j+1)(k+1)".
    /// </summary>
    public static GeneratedTree National() => Build(31, region => region < 20 ? 11 : 10, prefecture => prefecture < 210 ? 9 : 8);

    /// <summary>A small tree of the same shape for property tests.</summary>
    public static GeneratedTree Small(int regions = 2, int prefecturesPerRegion = 3, int countiesPerPrefecture = 4) =>
        Build(regions, _ => prefecturesPerRegion, _ => countiesPerPrefecture);

    /// <param name="regionCount">Number of regions (at most 89).</param>
    /// <param name="prefecturesOf">Number of prefectures of region i (at most 99).</param>
    /// <param name="countiesOf">Number of counties of the n-th prefecture overall (at most 99).</param>
    public static GeneratedTree Build(int regionCount, Func<int, int> prefecturesOf, Func<int, int> countiesOf)
    {
        var units = new List<OrgUnitDefinition> { new(Nation, "全国", "Nation", OrgUnitLevel.Nation, null) };
        var regions = new List<string>();
        var prefectures = new List<string>();
        var counties = new List<string>();
        for (var r = 0; r < regionCount; r++)
        {
            var region = Code(11 + r, 0, 0);
            regions.Add(region);
            units.Add(new OrgUnitDefinition(region, $"省{r + 1}", $"Region {r + 1}", OrgUnitLevel.Province, Nation));
            for (var p = 0; p < prefecturesOf(r); p++)
            {
                var prefecture = Code(11 + r, p + 1, 0);
                var countyCount = countiesOf(prefectures.Count);
                prefectures.Add(prefecture);
                units.Add(new OrgUnitDefinition(prefecture, $"市{prefecture}", $"Prefecture {prefecture}", OrgUnitLevel.Prefecture, region));
                for (var c = 0; c < countyCount; c++)
                {
                    var county = Code(11 + r, p + 1, c + 1);
                    counties.Add(county);
                    units.Add(new OrgUnitDefinition(county, $"县{county}", $"County {county}", OrgUnitLevel.County, prefecture));
                }
            }
        }
        return new GeneratedTree(new OrgUnitTree(units), regions, prefectures, counties);
    }

    public string ParentOf(string code) => Tree.TryGet(code, out var unit) ? unit.ParentCode ?? "" : "";

    /// <summary>The counties below a node (the node itself when it is a county).</summary>
    public IEnumerable<string> LeavesUnder(string code) =>
        Tree.IsLeaf(code) ? [code] : Tree.ChildrenOf(code).SelectMany(child => LeavesUnder(child.Code));

    private static string Code(int region, int prefecture, int county) =>
        string.Create(CultureInfo.InvariantCulture, $"{region:00}{prefecture:00}{county:00}");
}
