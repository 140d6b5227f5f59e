using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.Target.Messages;
using IndicatorExchange.Target.Storage;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// Checks well-formed targets against the catalog and the org-unit tree, and normalises value thresholds
/// exactly to the indicator's canonical unit, as figures are (9000 人 → 0.9 万人).
/// </summary>
internal static class TargetNormaliser
{
    public static IReadOnlyList<ValidTarget> Normalise(SetTargetsRequest request, IReadOnlyList<ValidTarget> targets, CatalogSnapshot catalog,
        List<FieldProblem> problems)
    {
        var normalised = new List<ValidTarget>(targets.Count);
        foreach (var target in targets)
        {
            var path = $"targets[{target.Index}]";
            var input = request.Targets[target.Index];
            var before = problems.Count;
            if (!catalog.Tree.TryGet(target.Key.OrgUnit, out _))
            {
                problems.Add(new($"{path}.org_unit", "UNKNOWN_ORG_UNIT", TargetMessages.OrgUnitUnknown(target.Key.OrgUnit), target.Index));
            }
            if (!catalog.IndicatorsByCode.TryGetValue(target.Key.Indicator, out var indicator))
            {
                problems.Add(new($"{path}.indicator", "UNKNOWN_INDICATOR", TargetMessages.IndicatorUnknown(target.Key.Indicator), target.Index));
                continue;
            }
            var kind = input.Kind;
            string threshold = target.Threshold, unit = "%";
            if (TargetKinds.IsRate(kind) && indicator.Unit != "%")
            {
                problems.Add(new($"{path}.kind", "KIND_NOT_FOR_INDICATOR", TargetMessages.KindNotForIndicator(indicator), target.Index));
            }
            else if (!TargetKinds.IsInPercent(kind))
            {
                (threshold, unit) = NormaliseValue(target, indicator.Unit, indicator.Code, path, problems) ?? (threshold, unit);
            }
            var milestones = Milestones(input, path, target.Index, problems);
            if (problems.Count == before)
            {
                normalised.Add(target with { NormalisedThreshold = threshold, CanonicalUnit = unit, Milestones = milestones });
            }
        }
        return normalised;
    }

    private static (string, string)? NormaliseValue(ValidTarget target, string canonicalSymbol, string indicatorCode, string path, List<FieldProblem> problems)
    {
        UnitTable.TryGet(target.Unit, out var unit);
        if (!UnitTable.TryGet(canonicalSymbol, out var canonical) || unit.Dimension != canonical.Dimension)
        {
            problems.Add(new($"{path}.unit", "UNIT_DIMENSION_MISMATCH", TargetMessages.UnitDimensionMismatch(target.Unit, indicatorCode, canonicalSymbol), target.Index));
            return null;
        }
        if (!DecimalText.TryParse(target.Threshold, out var value) || !UnitTable.TryConvert(value, unit, canonical, out var converted))
        {
            problems.Add(new($"{path}.threshold", "VALUE_OUT_OF_RANGE", TargetMessages.ThresholdNotConvertible(canonicalSymbol), target.Index));
            return null;
        }
        return (DecimalText.Format(converted), canonical.Symbol);
    }

    /// <summary>Milestones as canonical comma-separated text ("" for linear); only value targets have them.</summary>
    private static string Milestones(TargetInput input, string path, int index, List<FieldProblem> problems)
    {
        if (input.Milestones.Count == 0)
        {
            return "";
        }
        if (TargetKinds.IsInPercent(input.Kind))
        {
            problems.Add(new($"{path}.milestones", "MILESTONES_NOT_ALLOWED", TargetMessages.MilestonesNotAllowed, index));
            return "";
        }
        var values = new List<decimal>();
        foreach (var milestone in input.Milestones)
        {
            if (!milestone.TryToDecimal(out var value))
            {
                problems.Add(new($"{path}.milestones", "INVALID_DECIMAL", TargetMessages.MilestoneNotDecimal(milestone.Value), index));
                return "";
            }
            values.Add(value);
        }
        foreach (var problem in Domain.Targets.Milestones.Validate(values))
        {
            problems.Add(new($"{path}.milestones", "INVALID_MILESTONES", problem, index));
        }
        return string.Join(",", values.Select(DecimalText.Format));
    }
}
