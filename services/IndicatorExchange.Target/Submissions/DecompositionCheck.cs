using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Target.Messages;
using IndicatorExchange.Target.Storage;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// The prefecture's own targets beside its counties': when the value floors of a unit's children add up to
/// less than the unit's own floor (same indicator and year), the counties' targets cannot deliver the
/// prefecture's, and the batch is answered with a CHILD_TARGETS_BELOW_PARENT warning for a person to look at.
/// </summary>
internal static class DecompositionCheck
{
    private const string Floor = "value_at_least";

    public static async Task<IReadOnlyList<Issue>> WarningsAsync(IReadOnlyList<ValidTarget> batch, CatalogSnapshot catalog, ITargetStore store,
        CancellationToken cancellationToken)
    {
        var floors = batch.Where(t => t.Key.Kind == Floor).ToList();
        if (floors.Count == 0)
        {
            return [];
        }
        // Every parent whose floor or whose children's floors this batch touches.
        var parents = floors.SelectMany(t => new[] { t.Key.OrgUnit, ParentOf(t.Key.OrgUnit, catalog) }).OfType<string>()
            .Where(code => catalog.Tree.ChildrenOf(code).Count > 0).ToHashSet();
        var units = parents.Concat(parents.SelectMany(p => catalog.Tree.ChildrenOf(p).Select(c => c.Code))).ToHashSet();
        var indicators = floors.Select(t => t.Key.Indicator).ToHashSet();
        var years = floors.Select(t => t.Key.Year).ToHashSet();

        // Stored floors, overlaid with the batch's.
        var known = (await store.ListFloorsAsync(units, indicators, years, cancellationToken))
            .ToDictionary(t => (t.OrgUnit, t.Indicator, t.Year), t => new KnownFloor(Number(t.NormalisedThreshold), -1, t.CanonicalUnit ?? t.Unit));
        foreach (var t in floors)
        {
            known[(t.Key.OrgUnit, t.Key.Indicator, t.Key.Year)] = new KnownFloor(Number(t.NormalisedThreshold), t.Index, t.CanonicalUnit);
        }

        var warnings = new List<Issue>();
        foreach (var parent in parents)
        {
            foreach (var (indicator, year) in floors.Select(t => (t.Key.Indicator, t.Key.Year)).Distinct())
            {
                if (!known.TryGetValue((parent, indicator, year), out var own) || own.Value is null)
                {
                    continue;
                }
                var children = catalog.Tree.ChildrenOf(parent)
                    .Select(c => known.TryGetValue((c.Code, indicator, year), out var floor) ? floor : null)
                    .OfType<KnownFloor>().Where(f => f.Value is not null).ToList();
                var sum = children.Sum(f => f.Value!.Value);
                if (children.Count > 0 && sum < own.Value)
                {
                    var index = own.Index >= 0 ? own.Index : children.Select(c => c.Index).FirstOrDefault(i => i >= 0, -1);
                    warnings.Add(new Issue
                    {
                        Index = index,
                        Field = index >= 0 ? $"targets[{index}]" : "targets",
                        Reason = "CHILD_TARGETS_BELOW_PARENT",
                        Message = TargetMessages.ChildTargetsBelowParent(parent, indicator, year, children.Count,
                            DecimalText.Format(sum), DecimalText.Format(own.Value.Value), own.Unit),
                        Severity = IssueSeverity.Warning,
                    });
                }
            }
        }
        return warnings;
    }

    /// <summary>A value floor in the canonical unit; <see cref="Index"/> is its position in the batch, -1 when stored.</summary>
    private sealed record KnownFloor(decimal? Value, int Index, string? Unit);

    private static string? ParentOf(string orgUnit, CatalogSnapshot catalog) =>
        catalog.Tree.TryGet(orgUnit, out var unit) ? unit.ParentCode : null;

    private static decimal? Number(string? text) => text is not null && DecimalText.TryParse(text, out var value) ? value : null;
}
