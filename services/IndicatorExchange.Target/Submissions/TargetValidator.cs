using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;
using IndicatorExchange.Target.Storage;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// Checks a batch of targets and brings thresholds and units to their canonical text.
/// Collects every problem rather than stopping at the first.
/// </summary>
/// <remarks>
/// This is the check of form; <see cref="TargetNormaliser"/> then checks the codes against the indicator
/// service's catalog (read over gRPC: no service reads another's tables) and normalises value thresholds.
/// </remarks>
public static class TargetValidator
{
    public const int FirstYear = 1949;
    public const int LastYear = 2199;

    public sealed record Result(IReadOnlyList<ValidTarget> Targets, IReadOnlyList<FieldProblem> Problems);

    public static Result Validate(SetTargetsRequest request)
    {
        var problems = new List<FieldProblem>();
        if (InputText.CheckCode("request_id", request.RequestId) is { } requestId)
        {
            problems.Add(requestId);
        }
        if (InputText.CheckFreeText("reason", request.Reason) is { } reason)
        {
            problems.Add(reason);
        }
        if (request.Targets.Count == 0)
        {
            problems.Add(new("targets", "EMPTY_BATCH", "没有目标 / the batch has no targets"));
        }
        var targets = new List<ValidTarget>(request.Targets.Count);
        var firstIndexByKey = new Dictionary<TargetKey, int>();
        for (var i = 0; i < request.Targets.Count; i++)
        {
            var target = Check(request.Targets[i], i, firstIndexByKey, problems);
            if (target is not null)
            {
                targets.Add(target);
            }
        }
        return new Result(targets, problems);
    }

    private static ValidTarget? Check(TargetInput input, int index, Dictionary<TargetKey, int> firstIndexByKey, List<FieldProblem> problems)
    {
        var path = $"targets[{index}]";
        var before = problems.Count;
        if (CheckText(input, path, problems))
        {
            return null;
        }
        CheckOrgUnit(input.OrgUnit, path, problems);
        CheckIndicator(input.Indicator, path, problems);
        CheckYear(input.Year, path, problems);
        var kindKnown = CheckKind(input.Kind, path, problems);
        var key = problems.Count == before ? new TargetKey(input.OrgUnit, input.Indicator, input.Year, TargetKinds.Name(input.Kind)) : (TargetKey?)null;
        if (key is { } identity && !firstIndexByKey.TryAdd(identity, index))
        {
            problems.Add(new(path, "DUPLICATE_TARGET",
                $"同一批次中目标重复，与 targets[{firstIndexByKey[identity]}] 相同 / the same target (org unit, indicator, year, kind) is already at targets[{firstIndexByKey[identity]}]"));
        }
        var threshold = CheckThreshold(input.Threshold, kindKnown ? input.Kind : null, path, problems);
        var unit = CheckUnit(input.Unit, kindKnown ? input.Kind : null, path, problems);
        return problems.Count > before || key is null || threshold is null || unit is null
            ? null
            : new ValidTarget(key.Value, threshold, unit, input.Note) { Index = index };
    }

    /// <summary>The length and control-character limits of the target's text fields; true when one is broken.</summary>
    private static bool CheckText(TargetInput input, string path, List<FieldProblem> problems)
    {
        var found = new[]
        {
            InputText.CheckCode($"{path}.org_unit", input.OrgUnit),
            InputText.CheckCode($"{path}.indicator", input.Indicator),
            InputText.CheckCode($"{path}.threshold", input.Threshold?.Value, InputText.MaxValueLength),
            InputText.CheckCode($"{path}.unit", input.Unit),
            InputText.CheckFreeText($"{path}.note", input.Note),
        }.Concat(input.Milestones.Select((m, i) => InputText.CheckCode($"{path}.milestones[{i}]", m.Value, InputText.MaxValueLength)))
            .OfType<FieldProblem>().ToList();
        problems.AddRange(found);
        return found.Count > 0;
    }

    private static void CheckOrgUnit(string orgUnit, string path, List<FieldProblem> problems)
    {
        if (orgUnit.Length == 0)
        {
            problems.Add(new($"{path}.org_unit", "REQUIRED", "缺少单位代码 / org_unit is required"));
        }
        else if (!Codes.IsOrgUnitCode(orgUnit))
        {
            problems.Add(new($"{path}.org_unit", "INVALID_ORG_UNIT",
                $"单位代码应为 6 位行政区划代码 / org_unit {InputText.Echo(orgUnit)} is not a 6-digit administrative division code such as 654002"));
        }
    }

    private static void CheckIndicator(string indicator, string path, List<FieldProblem> problems)
    {
        // Only the form: whether the code is in the catalog is for the indicator service to say (see remarks).
        if (indicator.Length == 0)
        {
            problems.Add(new($"{path}.indicator", "REQUIRED", "缺少指标代码 / indicator is required"));
        }
        else if (!Codes.IsIndicatorCode(indicator))
        {
            problems.Add(new($"{path}.indicator", "INVALID_INDICATOR_CODE",
                $"指标代码应由大写字母、数字和下划线组成 / indicator {InputText.Echo(indicator)} is not an indicator code such as GDP or TOURIST_VISITS"));
        }
    }

    private static void CheckYear(int year, string path, List<FieldProblem> problems)
    {
        if (year == 0)
        {
            problems.Add(new($"{path}.year", "REQUIRED", "缺少年份 / year is required"));
        }
        else if (year is < FirstYear or > LastYear)
        {
            problems.Add(new($"{path}.year", "YEAR_OUT_OF_RANGE",
                $"年份应在 {FirstYear} 到 {LastYear} 之间 / year {year} is not between {FirstYear} and {LastYear}"));
        }
    }

    private static bool CheckKind(TargetKind kind, string path, List<FieldProblem> problems)
    {
        if (kind == TargetKind.Unspecified)
        {
            problems.Add(new($"{path}.kind", "REQUIRED", "缺少目标类型 / kind is required"));
            return false;
        }
        if (!TargetKinds.IsKnown(kind))
        {
            problems.Add(new($"{path}.kind", "INVALID_KIND", $"未知目标类型 / unknown kind {(int)kind}"));
            return false;
        }
        return true;
    }

    /// <summary>The threshold's canonical text, or null. Its range is checked only when the kind is known.</summary>
    private static string? CheckThreshold(ProtoDecimal? threshold, TargetKind? kind, string path, List<FieldProblem> problems)
    {
        var field = $"{path}.threshold";
        if (threshold is null)
        {
            problems.Add(new(field, "REQUIRED", "缺少目标值 / threshold is required"));
            return null;
        }
        if (!threshold.TryToDecimal(out var value))
        {
            problems.Add(new(field, "INVALID_DECIMAL", $"{InputText.Echo(threshold.Value)} 不是十进制数 / is not a decimal number such as 8 or 99.8"));
            return null;
        }
        FieldProblem? outOfRange = kind switch
        {
            null => null,
            { } k when TargetKinds.IsGrowth(k) && value <= -100m =>
                new(field, "GROWTH_OUT_OF_RANGE", "增长目标不能低于或等于 -100% / a growth target must be above -100%"),
            { } k when TargetKinds.IsRate(k) && value is < 0m or > 100m =>
                new(field, "RATE_OUT_OF_RANGE", "比率目标应在 0 到 100 之间 / a rate target must be between 0 and 100 percent"),
            { } k when !TargetKinds.IsInPercent(k) && value < 0m =>
                new(field, "NEGATIVE_THRESHOLD", "数值目标不能为负数 / a value target cannot be negative"),
            _ => null,
        };
        if (outOfRange is not null)
        {
            problems.Add(outOfRange);
            return null;
        }
        return DecimalText.Format(value);
    }

    /// <summary>The unit's canonical symbol ("万头(只)" for "万头（只）"), or null. Beyond presence, checked only when the kind is known.</summary>
    private static string? CheckUnit(string unitText, TargetKind? kind, string path, List<FieldProblem> problems)
    {
        var field = $"{path}.unit";
        if (string.IsNullOrWhiteSpace(unitText))
        {
            problems.Add(new(field, "REQUIRED", "缺少单位：增长和比率目标为 %，数值目标如 亿元 / unit is required: % for growth and rate targets, a unit such as 亿元 for value targets"));
            return null;
        }
        if (kind is not { } knownKind)
        {
            return null;
        }
        var inPercent = TargetKinds.IsInPercent(knownKind);
        var known = UnitTable.TryGet(unitText, out var unit);
        if (inPercent)
        {
            if (known && unit.Dimension == Dimension.Percent)
            {
                return unit.Symbol;
            }
            problems.Add(new(field, "UNIT_MUST_BE_PERCENT", $"增长和比率目标的单位应为 % / growth and rate targets are in %, not {InputText.Echo(unitText)}"));
            return null;
        }
        if (!known)
        {
            problems.Add(new(field, "UNKNOWN_UNIT", $"未知单位 {InputText.Echo(unitText)} / unknown unit; write it as the reports do, for example 亿元, 万美元, 万人次 or 万吨"));
            return null;
        }
        if (unit.Dimension == Dimension.Percent)
        {
            problems.Add(new(field, "UNIT_MUST_NOT_BE_PERCENT",
                "数值目标的单位不能是 %，比率目标请用 RATE 类型 / a value target cannot be in %; use TARGET_KIND_RATE_AT_LEAST or _AT_MOST for a rate"));
            return null;
        }
        return unit.Symbol;
    }


}
