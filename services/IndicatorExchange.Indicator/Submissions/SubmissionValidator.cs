using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Indicator.Submissions;

/// <summary>
/// Checks a submission against the catalog and the org-unit tree and normalises every value
/// exactly to its indicator's canonical unit. Collects every problem rather than stopping at the first.
/// </summary>
public static class SubmissionValidator
{
    public sealed record Result(Period Period, IReadOnlyList<NormalisedFigure> Figures, IReadOnlyList<FieldProblem> Problems);

    public static Result Validate(SubmitFiguresRequest request, ReferenceData.Snapshot reference)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrEmpty(request.OrgUnit))
        {
            problems.Add(new("org_unit", "REQUIRED", "缺少填报单位 / org_unit is required"));
        }
        else if (!reference.Tree.TryGet(request.OrgUnit, out _))
        {
            problems.Add(new("org_unit", "UNKNOWN_ORG_UNIT", $"未知的单位代码 / unknown org unit '{request.OrgUnit}'"));
        }
        if (!Period.TryParse(request.Period, out var period))
        {
            problems.Add(new("period", "INVALID_PERIOD",
                $"报告期格式应为 2023、2023Q3 或 2023M09 / period '{request.Period}' is not a code like 2023, 2023Q3 or 2023M09"));
        }
        if (request.Figures.Count == 0)
        {
            problems.Add(new("figures", "EMPTY_BATCH", "没有数据 / the batch has no figures"));
        }

        var figures = new List<NormalisedFigure>(request.Figures.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Figures.Count; i++)
        {
            var figure = Normalise(request.Figures[i], $"figures[{i}]", reference, seen, problems);
            if (figure is not null)
            {
                figures.Add(figure);
            }
        }
        return new Result(period, figures, problems);
    }

    private static NormalisedFigure? Normalise(FigureInput input, string path, ReferenceData.Snapshot reference,
        HashSet<string> seen, List<FieldProblem> problems)
    {
        var before = problems.Count;
        if (!reference.IndicatorsByCode.TryGetValue(input.Indicator, out var indicator))
        {
            problems.Add(new($"{path}.indicator", "UNKNOWN_INDICATOR", $"指标代码不在目录中 / indicator '{input.Indicator}' is not in the catalog"));
            return null;
        }
        if (!seen.Add(input.Indicator))
        {
            problems.Add(new($"{path}.indicator", "DUPLICATE_INDICATOR", $"同一批次中指标重复 / indicator '{input.Indicator}' appears twice in the batch"));
        }

        decimal sentValue = 0m;
        if (input.Quantity?.Value is null)
        {
            problems.Add(new($"{path}.quantity.value", "REQUIRED", "缺少数值 / quantity.value is required"));
        }
        else if (!input.Quantity.Value.TryToDecimal(out sentValue))
        {
            problems.Add(new($"{path}.quantity.value", "INVALID_DECIMAL", $"'{input.Quantity.Value.Value}' 不是十进制数 / is not a decimal number such as 133.61"));
        }
        else if (sentValue < 0m)
        {
            problems.Add(new($"{path}.quantity.value", "NEGATIVE_VALUE", $"{indicator.NameZh}不能为负数 / {indicator.NameEn} cannot be negative"));
        }

        UnitDefinition? sentUnit = null;
        var canonicalUnit = UnitTable.TryGet(indicator.Unit, out var canonical) ? canonical : null;
        if (!UnitTable.TryGet(input.Quantity?.Unit, out var unit))
        {
            problems.Add(new($"{path}.quantity.unit", "UNKNOWN_UNIT", $"未知单位 '{input.Quantity?.Unit}' / unknown unit; {indicator.Code} accepts {AcceptedUnits(canonicalUnit)}"));
        }
        else if (canonicalUnit is null || unit.Dimension != canonicalUnit.Dimension)
        {
            problems.Add(new($"{path}.quantity.unit", "UNIT_DIMENSION_MISMATCH",
                $"{indicator.NameZh}的单位不能是 {unit.Symbol} / {indicator.Code} is counted in {indicator.Unit}; {unit.Symbol} measures something else (accepted: {AcceptedUnits(canonicalUnit)})"));
        }
        else
        {
            sentUnit = unit;
        }

        string? growthText = null;
        if (input.YoyGrowthPct is not null)
        {
            if (!input.YoyGrowthPct.TryToDecimal(out var growth))
            {
                problems.Add(new($"{path}.yoy_growth_pct", "INVALID_DECIMAL", $"'{input.YoyGrowthPct.Value}' 不是十进制数 / is not a decimal number such as -10.4"));
            }
            else if (growth <= -100m)
            {
                problems.Add(new($"{path}.yoy_growth_pct", "GROWTH_OUT_OF_RANGE", "同比增长不能低于或等于 -100% / growth must be above -100%"));
            }
            else
            {
                growthText = DecimalText.Format(growth);
            }
        }

        if (!Enum.IsDefined(input.Status))
        {
            problems.Add(new($"{path}.status", "INVALID_STATUS", $"未知状态 / unknown status {(int)input.Status}"));
        }

        if (problems.Count > before || sentUnit is null || canonicalUnit is null)
        {
            return null;
        }
        if (!UnitTable.TryConvert(sentValue, sentUnit, canonicalUnit, out var normalised))
        {
            problems.Add(new($"{path}.quantity.value", "VALUE_OUT_OF_RANGE", "数值过大 / the value is too large to convert exactly"));
            return null;
        }
        var status = input.Status == FigureStatus.Unspecified ? FigureStatus.Reported : input.Status;
        return new NormalisedFigure(indicator.Code, DecimalText.Format(normalised), indicator.Unit,
            DecimalText.Format(sentValue), sentUnit.Symbol, growthText, (int)status, input.Note ?? "");
    }

    private static string AcceptedUnits(UnitDefinition? canonical) =>
        canonical is null ? "-" : string.Join(", ", UnitTable.SameDimension(canonical));
}
