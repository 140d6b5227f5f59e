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
    }

    public int Count => _byCode.Count;

    public IEnumerable<OrgUnitDefinition> All => _byCode.Values;

    public bool TryGet(string code, out OrgUnitDefinition unit) => _byCode.TryGetValue(code, out unit!);

    public IReadOnlyList<OrgUnitDefinition> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    public bool IsLeaf(string code) => !_children.ContainsKey(code);
}
