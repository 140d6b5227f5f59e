using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// The nodes the area picker offers: every node with children (nation, regions, prefectures), the children of the
/// default node (a prefecture's counties) and the siblings of the node shown, in tree order (a parent before its
/// children). Not every county of a national tree: a picker of 2,850 entries helps nobody.
/// </summary>
public static class NodePicker
{
    public static IReadOnlyList<OrgUnit> Offer(IReadOnlyList<OrgUnit> units, string defaultNode, string current)
    {
        var parents = units.Select(u => u.ParentCode).ToHashSet(StringComparer.Ordinal);
        var currentParent = units.FirstOrDefault(u => u.Code == current)?.ParentCode;
        var offered = units.Where(u => parents.Contains(u.Code) || u.ParentCode == defaultNode
                || (currentParent is { Length: > 0 } && u.ParentCode == currentParent) || u.Code == current)
            .ToDictionary(u => u.Code, StringComparer.Ordinal);
        var result = new List<OrgUnit>();
        foreach (var root in offered.Values.Where(u => !offered.ContainsKey(u.ParentCode)).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            Add(root);
        }
        return result;

        void Add(OrgUnit unit)
        {
            result.Add(unit);
            foreach (var child in offered.Values.Where(u => u.ParentCode == unit.Code).OrderBy(u => u.Code, StringComparer.Ordinal))
            {
                Add(child);
            }
        }
    }
}
