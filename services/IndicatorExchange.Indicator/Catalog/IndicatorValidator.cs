using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;
using ProtoAccumulation = IndicatorExchange.Contracts.Indicator.V1.Accumulation;
using ProtoAggregation = IndicatorExchange.Contracts.Indicator.V1.Aggregation;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;

namespace IndicatorExchange.Indicator.Catalog;

/// <summary>
/// Checks an indicator as it would be stored, whether new or the result of an update, and gives its
/// catalog definition with the unit's canonical symbol. Collects every problem rather than stopping at
/// the first; field paths start with "indicator.".
/// </summary>
internal static class IndicatorValidator
{
    public const int MaxCodeLength = Codes.MaxIndicatorCodeLength;
    public const int MaxDisplayPrecision = 10;
    private const string Path = "indicator";

    public sealed record Result(IndicatorDefinition? Definition, IReadOnlyList<FieldProblem> Problems);

    public static Result Validate(ProtoIndicator? indicator, ReferenceData.Snapshot reference)
    {
        if (indicator is null)
        {
            return new(null, [new(Path, "REQUIRED", IndicatorMessages.IndicatorRequired)]);
        }
        var problems = new List<FieldProblem>();
        CheckCode(indicator.Code, problems);
        CheckRequired(indicator.NameZh, "name_zh", problems);
        CheckRequired(indicator.NameEn, "name_en", problems);
        var unit = CheckUnit(indicator.Unit, problems);
        CheckEnum(indicator.Accumulation, ProtoAccumulation.Unspecified, "accumulation", problems);
        CheckEnum(indicator.Aggregation, ProtoAggregation.Unspecified, "aggregation", problems);
        CheckWeight(indicator, reference, problems);
        CheckDisplayPrecision(indicator.DisplayPrecision, problems);
        if (indicator.ReportOrder < 0)
        {
            problems.Add(new($"{Path}.report_order", "OUT_OF_RANGE", IndicatorMessages.ReportOrderNegative));
        }
        CheckBounds(indicator, problems);
        CheckPeriodicities(indicator.Periodicities, problems);
        if (InputText.CheckFreeText($"{Path}.description", indicator.Description) is { } description)
        {
            problems.Add(description);
        }
        return problems.Count > 0 || unit is null
            ? new(null, problems)
            : new(indicator.ToDomain() with { Unit = unit.Symbol }, problems);
    }

    private static void CheckCode(string code, List<FieldProblem> problems)
    {
        if (code.Length == 0)
        {
            problems.Add(new($"{Path}.code", "REQUIRED", IndicatorMessages.IndicatorCodeRequired));
        }
        else if (!Codes.IsIndicatorCode(code))
        {
            problems.Add(new($"{Path}.code", "INVALID_CODE", IndicatorMessages.IndicatorCodeInvalid(code, MaxCodeLength)));
        }
    }

    private static void CheckRequired(string value, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new($"{Path}.{field}", "REQUIRED", IndicatorMessages.FieldRequired(field)));
        }
        else if (InputText.CheckCode($"{Path}.{field}", value, InputText.MaxNameLength) is { } problem)
        {
            problems.Add(problem);
        }
    }

    private static UnitDefinition? CheckUnit(string unit, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            problems.Add(new($"{Path}.unit", "REQUIRED", IndicatorMessages.UnitRequired));
            return null;
        }
        if (!UnitTable.TryGet(unit, out var known))
        {
            problems.Add(new($"{Path}.unit", "UNKNOWN_UNIT", IndicatorMessages.IndicatorUnitUnknown(unit)));
            return null;
        }
        return known;
    }

    private static void CheckEnum<TEnum>(TEnum value, TEnum unspecified, string field, List<FieldProblem> problems)
        where TEnum : struct, Enum
    {
        if (EqualityComparer<TEnum>.Default.Equals(value, unspecified))
        {
            problems.Add(new($"{Path}.{field}", "REQUIRED", IndicatorMessages.FieldRequired(field)));
        }
        else if (!Enum.IsDefined(value))
        {
            problems.Add(new($"{Path}.{field}", "INVALID_VALUE", IndicatorMessages.EnumUnknown(field, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>
    /// A weight is another indicator of the catalog that is an amount (any unit but %) summed over children
    /// (population, households, a rate's denominator); never the indicator itself, nor a chain of weights that comes
    /// back to it; and an indicator that weighs others stays summed.
    /// </summary>
    private static void CheckWeight(ProtoIndicator indicator, ReferenceData.Snapshot reference, List<FieldProblem> problems)
    {
        CheckWeightUsers(indicator, reference, problems);
        var weight = indicator.WeightIndicator;
        if (weight.Length == 0)
        {
            return;
        }
        if (indicator.Aggregation is not (ProtoAggregation.WeightedMean or ProtoAggregation.Rate or ProtoAggregation.Unspecified))
        {
            problems.Add(new($"{Path}.weight_indicator", "WEIGHT_NOT_ALLOWED", IndicatorMessages.WeightNotAllowed));
        }
        if (weight == indicator.Code)
        {
            problems.Add(new($"{Path}.weight_indicator", "WEIGHT_SELF", IndicatorMessages.WeightSelf(indicator.Code)));
            return;
        }
        if (!reference.IndicatorsByCode.TryGetValue(weight, out var weightDefinition))
        {
            problems.Add(new($"{Path}.weight_indicator", "UNKNOWN_INDICATOR", IndicatorMessages.WeightUnknown(weight)));
            return;
        }
        if (WeightChainReturns(indicator.Code, weight, reference) is { } chain)
        {
            problems.Add(new($"{Path}.weight_indicator", "WEIGHT_CYCLE", IndicatorMessages.WeightCycle(indicator.Code, chain)));
        }
        if (UnitTable.TryGet(weightDefinition.Unit, out var weightUnit) && weightUnit.Dimension == Dimension.Percent)
        {
            problems.Add(new($"{Path}.weight_indicator", "WEIGHT_DIMENSION", IndicatorMessages.WeightInPercent(weight)));
        }
        else if (weightDefinition.Aggregation != AggregationRule.Sum)
        {
            problems.Add(new($"{Path}.weight_indicator", "WEIGHT_NOT_SUMMED", IndicatorMessages.WeightNotSummed(weight)));
        }
    }

    /// <summary>The chain of weights from <paramref name="weight"/> back to <paramref name="code"/>, or null when it does not return.</summary>
    private static List<string>? WeightChainReturns(string code, string weight, ReferenceData.Snapshot reference)
    {
        var chain = new List<string> { weight };
        var next = weight;
        while (reference.IndicatorsByCode.TryGetValue(next, out var definition) && definition.WeightIndicator is { Length: > 0 } further)
        {
            chain.Add(further);
            if (further == code)
            {
                return chain;
            }
            if (chain.Count > reference.IndicatorsByCode.Count)
            {
                return null;
            }
            next = further;
        }
        return null;
    }

    /// <summary>An indicator that weighs others must stay an amount summed over children.</summary>
    private static void CheckWeightUsers(ProtoIndicator indicator, ReferenceData.Snapshot reference, List<FieldProblem> problems)
    {
        if (indicator.Aggregation is ProtoAggregation.Sum or ProtoAggregation.Unspecified || indicator.Code.Length == 0)
        {
            return;
        }
        var users = reference.Indicators.Where(i => i.WeightIndicator == indicator.Code && i.Code != indicator.Code).Select(i => i.Code).ToList();
        if (users.Count > 0)
        {
            problems.Add(new($"{Path}.aggregation", "WEIGHT_IN_USE", IndicatorMessages.WeightInUse(indicator.Code, users)));
        }
    }

    private static void CheckDisplayPrecision(int precision, List<FieldProblem> problems)
    {
        if (precision is < 0 or > MaxDisplayPrecision)
        {
            problems.Add(new($"{Path}.display_precision", "OUT_OF_RANGE", IndicatorMessages.DisplayPrecisionOutOfRange(MaxDisplayPrecision)));
        }
    }

    private static void CheckBounds(ProtoIndicator indicator, List<FieldProblem> problems)
    {
        var min = CheckDecimal(indicator.MinValue, "min_value", problems);
        var max = CheckDecimal(indicator.MaxValue, "max_value", problems);
        CheckDecimal(indicator.MaxYoyChangePct, "max_yoy_change_pct", problems);
        CheckDecimal(indicator.MaxRevisionChangePct, "max_revision_change_pct", problems);
        if (min > max)
        {
            problems.Add(new($"{Path}.min_value", "MIN_ABOVE_MAX", IndicatorMessages.MinAboveMax(min, max)));
        }
    }

    /// <summary>The value of a set decimal, null when unset or malformed (a problem then).</summary>
    private static decimal? CheckDecimal(ProtoDecimal? value, string field, List<FieldProblem> problems)
    {
        if (value is null)
        {
            return null;
        }
        if (!value.TryToDecimal(out var parsed))
        {
            problems.Add(new($"{Path}.{field}", "INVALID_DECIMAL", IndicatorMessages.BoundNotDecimal(value.Value)));
            return null;
        }
        return parsed;
    }

    private static void CheckPeriodicities(IList<PeriodKind> periodicities, List<FieldProblem> problems)
    {
        for (var i = 0; i < periodicities.Count; i++)
        {
            if (periodicities[i] == PeriodKind.Unspecified || !Enum.IsDefined(periodicities[i]))
            {
                problems.Add(new($"{Path}.periodicities[{i}]", "INVALID_PERIODICITY", IndicatorMessages.PeriodicityInvalid));
            }
        }
    }
}
