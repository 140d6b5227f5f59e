using ArchUnitNET.Domain;

namespace IndicatorExchange.Architecture.Tests;

/// <summary>Which namespace uses which, from the types' real dependencies (fields, signatures, calls in method bodies).</summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>The namespaces of the given types and their uses of each other (uses of namespaces outside the set are ignored).</summary>
    public static NamespaceGraph Of(IEnumerable<IType> types)
    {
        var graph = new NamespaceGraph();
        var list = types.ToList();
        var inside = list.Select(t => t.Namespace.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var type in list)
        {
            foreach (var dependency in type.Dependencies)
            {
                if (IsRoom(dependency.Target) && inside.Contains(dependency.Target.Namespace.FullName))
                {
                    graph.Add(type.Namespace.FullName, dependency.Target.Namespace.FullName, $"{type.FullName} uses {dependency.Target.FullName}");
                }
            }
        }
        return graph;
    }

    /// <summary>
    /// Whether a used type belongs to a namespace: a generic parameter (a method's <c>T</c>, which ArchUnitNET files under
    /// the first method it met with that name) or a type without a namespace belongs to none.
    /// </summary>
    public static bool IsRoom(IType? type) => type is not null and not GenericParameter && type.Namespace?.FullName is { Length: > 0 };

    /// <summary>Records that <paramref name="from"/> uses <paramref name="to"/>; the first example of each pair is kept.</summary>
    public void Add(string from, string to, string example)
    {
        if (from == to)
        {
            return;
        }
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        }
        targets.TryAdd(to, example);
        _edges.TryAdd(to, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every cycle, as the namespaces of one strongly connected component (Tarjan), each with the uses that close it:
    /// empty when the namespaces form layers.
    /// </summary>
    public IReadOnlyList<Cycle> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLinks = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<Cycle>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _edges[node].Keys)
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                }
            }
            if (lowLinks[node] != indices[node])
            {
                return;
            }
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            if (component.Count > 1)
            {
                var members = component.ToHashSet(StringComparer.Ordinal);
                var uses = component.Order(StringComparer.Ordinal)
                    .SelectMany(from => _edges[from].Where(e => members.Contains(e.Key)).Select(e => e.Value))
                    .ToList();
                cycles.Add(new Cycle(component.Order(StringComparer.Ordinal).ToList(), uses));
            }
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return cycles;
    }

    public sealed record Cycle(IReadOnlyList<string> Namespaces, IReadOnlyList<string> Uses)
    {
        public override string ToString() =>
            $"{string.Join(" ↔ ", Namespaces)}:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", Uses)}";
    }
}
