using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;
using IndicatorExchange.Target.Messages;
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
internal static class TargetValidator
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
            problems.Add(new("targets", "EMPTY_BATCH", TargetMessages.BatchWithoutTargets));
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
            problems.Add(new(path, "DUPLICATE_TARGET", TargetMessages.TargetTwice(firstIndexByKey[identity])));
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
            problems.Add(new($"{path}.org_unit", "REQUIRED", TargetMessages.OrgUnitRequired));
        }
        else if (!Codes.IsOrgUnitCode(orgUnit))
        {
            problems.Add(new($"{path}.org_unit", "INVALID_ORG_UNIT", TargetMessages.OrgUnitInvalid(orgUnit)));
        }
    }

    private static void CheckIndicator(string indicator, string path, List<FieldProblem> problems)
    {
        // Only the form: whether the code is in the catalog is for the indicator service to say (see remarks).
        if (indicator.Length == 0)
        {
            problems.Add(new($"{path}.indicator", "REQUIRED", TargetMessages.IndicatorRequired));
        }
        else if (!Codes.IsIndicatorCode(indicator))
        {
            problems.Add(new($"{path}.indicator", "INVALID_INDICATOR_CODE", TargetMessages.IndicatorCodeInvalid(indicator)));
        }
    }

    private static void CheckYear(int year, string path, List<FieldProblem> problems)
    {
        if (year == 0)
        {
            problems.Add(new($"{path}.year", "REQUIRED", TargetMessages.YearRequired));
        }
        else if (year is < FirstYear or > LastYear)
        {
            problems.Add(new($"{path}.year", "YEAR_OUT_OF_RANGE", TargetMessages.YearOutOfRange(year, FirstYear, LastYear)));
        }
    }

    private static bool CheckKind(TargetKind kind, string path, List<FieldProblem> problems)
    {
        if (kind == TargetKind.Unspecified)
        {
            problems.Add(new($"{path}.kind", "REQUIRED", TargetMessages.KindRequired));
            return false;
        }
        if (!TargetKinds.IsKnown(kind))
        {
            problems.Add(new($"{path}.kind", "INVALID_KIND", TargetMessages.KindUnknown((int)kind)));
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
            problems.Add(new(field, "REQUIRED", TargetMessages.ThresholdRequired));
            return null;
        }
        if (!threshold.TryToDecimal(out var value))
        {
            problems.Add(new(field, "INVALID_DECIMAL", TargetMessages.ThresholdNotDecimal(threshold.Value)));
            return null;
        }
        FieldProblem? outOfRange = kind switch
        {
            null => null,
            { } k when TargetKinds.IsGrowth(k) && value <= -100m =>
                new(field, "GROWTH_OUT_OF_RANGE", TargetMessages.GrowthOutOfRange),
            { } k when TargetKinds.IsRate(k) && value is < 0m or > 100m =>
                new(field, "RATE_OUT_OF_RANGE", TargetMessages.RateOutOfRange),
            { } k when !TargetKinds.IsInPercent(k) && value < 0m =>
                new(field, "NEGATIVE_THRESHOLD", TargetMessages.NegativeThreshold),
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
            problems.Add(new(field, "REQUIRED", TargetMessages.UnitRequired));
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
            problems.Add(new(field, "UNIT_MUST_BE_PERCENT", TargetMessages.UnitMustBePercent(unitText)));
            return null;
        }
        if (!known)
        {
            problems.Add(new(field, "UNKNOWN_UNIT", TargetMessages.UnitUnknown(unitText)));
            return null;
        }
        if (unit.Dimension == Dimension.Percent)
        {
            problems.Add(new(field, "UNIT_MUST_NOT_BE_PERCENT", TargetMessages.UnitMustNotBePercent));
            return null;
        }
        return unit.Symbol;
    }


}
