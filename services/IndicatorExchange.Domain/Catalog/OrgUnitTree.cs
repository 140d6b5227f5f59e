namespace IndicatorExchange.Domain.Catalog;

/// <summary>The org-unit hierarchy, for walking from any node to its children and leaves.</summary>
public sealed class OrgUnitTree
{
    private readonly Dictionary<string, OrgUnitDefinition> _byCode;
    private readonly Dictionary<string, List<OrgUnitDefinition>> _children;

    public OrgUnitTree(IEnumerable<OrgUnitDefinition> units)
    {
        _byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _children = _byCode.Values
            .Where(u => !string.IsNullOrEmpty(u.ParentCode))
            .GroupBy(u => u.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        _depths = new Dictionary<string, int>(_byCode.Count, StringComparer.Ordinal);
        foreach (var code in _byCode.Keys)
        {
            DepthOf(code);
        }
        InnerNodesDeepestFirst = _children.Keys.Where(_byCode.ContainsKey)
            .OrderByDescending(code => _depths[code]).ThenBy(code => code, StringComparer.Ordinal).ToList();
    }

    private readonly Dictionary<string, int> _depths;

    /// <summary>Every node that has children, each after all of its descendants (deepest first).</summary>
    public IReadOnlyList<string> InnerNodesDeepestFirst { get; }

    /// <summary>How many ancestors a unit has (0 for a root, or a unit not in the tree).</summary>
    public int Depth(string code) => _depths.TryGetValue(code, out var depth) ? depth : 0;

    private int DepthOf(string code)
    {
        if (_depths.TryGetValue(code, out var known))
        {
            return known;
        }
        // A parent outside the tree makes a root; a cycle (bad data) is cut where it closes.
        _depths[code] = 0;
        var depth = _byCode[code].ParentCode is { Length: > 0 } parent && _byCode.ContainsKey(parent) ? DepthOf(parent) + 1 : 0;
        _depths[code] = depth;
        return depth;
    }

    public int Count => _byCode.Count;

    public IEnumerable<OrgUnitDefinition> All => _byCode.Values;

    public bool TryGet(string code, out OrgUnitDefinition unit) => _byCode.TryGetValue(code, out unit!);

    public IReadOnlyList<OrgUnitDefinition> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    public bool IsLeaf(string code) => !_children.ContainsKey(code);
}
