using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Admin.OrgUnits;

/// <summary>The units of a file in the order they can be created in.</summary>
public static class OrgUnitTree
{
    /// <summary>The units by their depth in the file's tree, roots first, so every parent exists when its child is created.</summary>
    public static IEnumerable<IReadOnlyList<OrgUnitDefinition>> ByDepth(IReadOnlyList<OrgUnitDefinition> units)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(OrgUnitDefinition unit)
        {
            if (!depths.TryGetValue(unit.Code, out var depth))
            {
                // A parent outside the file is taken as existing already; a cycle within it stops at the unit itself.
                depths[unit.Code] = 0;
                depth = unit.ParentCode is { } parent && byCode.TryGetValue(parent, out var p) && p.Code != unit.Code ? 1 + Depth(p) : 0;
                depths[unit.Code] = depth;
            }
            return depth;
        }
        return units.GroupBy(Depth).OrderBy(g => g.Key).Select(g => (IReadOnlyList<OrgUnitDefinition>)g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList());
    }
}
