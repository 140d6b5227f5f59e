using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Targets;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// Checks well-formed targets against the catalog and the org-unit tree, and normalises value thresholds
/// exactly to the indicator's canonical unit, as figures are (9000 人 → 0.9 万人).
/// </summary>
public static class TargetNormaliser
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
                problems.Add(new($"{path}.org_unit", "UNKNOWN_ORG_UNIT", $"未知的单位代码 / unknown org unit '{target.Key.OrgUnit}'", target.Index));
            }
            if (!catalog.IndicatorsByCode.TryGetValue(target.Key.Indicator, out var indicator))
            {
                problems.Add(new($"{path}.indicator", "UNKNOWN_INDICATOR", $"指标代码不在目录中 / indicator '{target.Key.Indicator}' is not in the catalog", target.Index));
                continue;
            }
            var kind = input.Kind;
            string threshold = target.Threshold, unit = "%";
            if (TargetKinds.IsRate(kind) && indicator.Unit != "%")
            {
                problems.Add(new($"{path}.kind", "KIND_NOT_FOR_INDICATOR",
                    $"{indicator.NameZh}不是比率，不能设比率目标 / {indicator.Code} is counted in {indicator.Unit}, not a rate in %; use a value or growth target", target.Index));
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
            problems.Add(new($"{path}.unit", "UNIT_DIMENSION_MISMATCH",
                $"单位 {target.Unit} 与指标不符 / {indicatorCode} is counted in {canonicalSymbol}; {target.Unit} measures something else", target.Index));
            return null;
        }
        if (!DecimalText.TryParse(target.Threshold, out var value) || !UnitTable.TryConvert(value, unit, canonical, out var converted))
        {
            problems.Add(new($"{path}.threshold", "VALUE_OUT_OF_RANGE",
                $"目标值无法精确换算为 {canonicalSymbol} / the threshold cannot be converted to {canonicalSymbol} exactly", target.Index));
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
            problems.Add(new($"{path}.milestones", "MILESTONES_NOT_ALLOWED", "只有数值目标有季度进度节点 / only value targets have quarterly milestones", index));
            return "";
        }
        var values = new List<decimal>();
        foreach (var milestone in input.Milestones)
        {
            if (!milestone.TryToDecimal(out var value))
            {
                problems.Add(new($"{path}.milestones", "INVALID_DECIMAL", $"'{milestone.Value}' 不是十进制数 / is not a decimal number", index));
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
