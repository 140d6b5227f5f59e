using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.ServiceDefaults.Security.Policies;

/// <summary>Whether org units lie in a caller's subtree, read from the org-unit tree of the indicator service.</summary>
public sealed class OrgUnitScope(ICatalogSource catalog)
{
    /// <summary>A predicate over the current tree: is a code the caller's unit or below it.</summary>
    public async Task<Func<string, bool>> PredicateAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsUnscoped)
        {
            return _ => true;
        }
        var tree = (await catalog.GetAsync(cancellationToken)).Tree;
        return code => IsWithin(tree, code, caller.OrgUnit);
    }

    /// <summary>Every code within the caller's scope; null (the whole tree) only when the caller's subtree is the whole tree.</summary>
    public async Task<bool> CoversAsync(Caller caller, IReadOnlyList<string>? codes, CancellationToken cancellationToken)
    {
        // An empty code names no unit: the service itself rejects it as invalid input.
        codes = codes?.Where(code => code.Length > 0).ToList();
        if (caller.IsUnscoped || codes is { Count: 0 })
        {
            return true;
        }
        var tree = (await catalog.GetAsync(cancellationToken)).Tree;
        if (codes is not null && codes.Any(code => !tree.TryGet(code, out _)))
        {
            // A unit added since the tree was read: read it again before deciding.
            tree = (await catalog.GetAsync(cancellationToken, forceRefresh: true)).Tree;
        }
        if (codes is null)
        {
            var roots = tree.All.Where(u => u.ParentCode is null).ToList();
            return roots.Count == 1 && roots[0].Code == caller.OrgUnit;
        }
        // A code that is not in the tree names nothing anyone may see or change: it is left to the service,
        // which answers INVALID_ARGUMENT (UNKNOWN_ORG_UNIT) or NOT_FOUND rather than a misleading denial.
        return codes.All(code => !tree.TryGet(code, out _) || IsWithin(tree, code, caller.OrgUnit));
    }

    private static bool IsWithin(OrgUnitTree tree, string code, string scopeRoot)
    {
        for (var depth = 0; depth < 64 && code.Length > 0; depth++)
        {
            if (code == scopeRoot)
            {
                return true;
            }
            if (!tree.TryGet(code, out var unit) || unit.ParentCode is null)
            {
                return false;
            }
            code = unit.ParentCode;
        }
        return false;
    }
}
