using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Validation;
using PeriodKind = IndicatorExchange.Domain.Periods.PeriodKind;

namespace IndicatorExchange.Indicator.Submissions;

/// <summary>
/// Checks the figures of one org unit and period against the catalog, the org-unit tree and the period
/// calendar, and normalises every value exactly to its indicator's canonical unit. Collects every problem
/// rather than stopping at the first. Problems of input go to <see cref="Findings.Invalid"/>; problems of
/// state (a period not open, closed or not begun; a unit closed) to <see cref="Findings.Preconditions"/>.
/// </summary>
internal sealed class SubmissionValidator(ReferenceData.Snapshot reference, DateOnly today)
{
    private readonly HashSet<(string OrgUnit, string Period, string Indicator)> _seen = [];
    private int _figureIndex = -1;

    /// <summary>Everything found so far, over all groups validated by this instance.</summary>
    public sealed class Findings
    {
        public List<FieldProblem> Invalid { get; } = [];
        public List<FieldProblem> Preconditions { get; } = [];
        public HashSet<int> RejectedIndexes { get; } = [];
        public bool Any => Invalid.Count > 0 || Preconditions.Count > 0;
    }

    public Findings Found { get; } = new();

    /// <param name="prefix">Path of the group in the request: "" for SubmitFigures, "batches[2]." in an upload.</param>
    /// <param name="firstIndex">Index of the group's first figure across the request.</param>
    public FigureGroup? Validate(string orgUnit, string periodCode, IReadOnlyList<FigureInput> inputs, string prefix, int firstIndex)
    {
        var groupOk = true;
        OrgUnitDefinition? unit = null;
        if (InputText.CheckCode($"{prefix}org_unit", orgUnit) is { } badUnit)
        {
            Found.Invalid.Add(badUnit);
            groupOk = false;
        }
        else if (string.IsNullOrEmpty(orgUnit))
        {
            Invalid($"{prefix}org_unit", "REQUIRED", IndicatorMessages.SubmissionOrgUnitRequired);
            groupOk = false;
        }
        else if (!reference.Tree.TryGet(orgUnit, out unit))
        {
            Invalid($"{prefix}org_unit", "UNKNOWN_ORG_UNIT", IndicatorMessages.SubmissionOrgUnitUnknown(orgUnit));
            groupOk = false;
        }
        Period period = default;
        if (InputText.CheckCode($"{prefix}period", periodCode) is { } badPeriod)
        {
            Found.Invalid.Add(badPeriod);
            groupOk = false;
        }
        else if (!Period.TryParse(periodCode, out period))
        {
            Invalid($"{prefix}period", "INVALID_PERIOD", IndicatorMessages.PeriodInvalid(periodCode));
            groupOk = false;
        }
        else
        {
            groupOk &= CheckPeriodState(period, $"{prefix}period");
            if (unit is not null && !unit.ExistsDuring(period))
            {
                Found.Preconditions.Add(new($"{prefix}org_unit", "ORG_UNIT_CLOSED", IndicatorMessages.OrgUnitNotExisting(unit, period)));
                groupOk = false;
            }
        }
        if (inputs.Count == 0)
        {
            Invalid($"{prefix}figures", "EMPTY_BATCH", IndicatorMessages.BatchWithoutFigures);
        }

        var figures = new List<NormalisedFigure>(inputs.Count);
        var periodText = period.ToString();
        for (var i = 0; i < inputs.Count; i++)
        {
            var figure = Normalise(inputs[i], new FigurePath(prefix, i), firstIndex + i, orgUnit, period, periodText);
            if (figure is not null)
            {
                figures.Add(figure);
            }
        }
        if (!groupOk)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                Found.RejectedIndexes.Add(firstIndex + i);
            }
        }
        return groupOk ? new FigureGroup(orgUnit, period.ToString(), figures) : null;
    }

    private bool CheckPeriodState(Period period, string field)
    {
        if (period.Start > today)
        {
            Found.Preconditions.Add(new(field, "PERIOD_IN_FUTURE", IndicatorMessages.PeriodInFuture(period)));
            return false;
        }
        if (!reference.Periods.TryGetValue(period.ToString(), out var state))
        {
            Found.Preconditions.Add(new(field, "PERIOD_NOT_OPEN", IndicatorMessages.PeriodNotOpen(period)));
            return false;
        }
        if (!state.IsOpen)
        {
            Found.Preconditions.Add(new(field, "PERIOD_CLOSED", IndicatorMessages.PeriodClosed(period)));
            return false;
        }
        return true;
    }

    private NormalisedFigure? Normalise(FigureInput input, FigurePath path, int index, string orgUnit, Period period, string periodText)
    {
        var before = Found.Invalid.Count;
        _figureIndex = index;
        var result = NormaliseChecked(input, path, index, orgUnit, period, periodText);
        _figureIndex = -1;
        if (Found.Invalid.Count > before)
        {
            Found.RejectedIndexes.Add(index);
            return null;
        }
        return result;
    }

    private NormalisedFigure? NormaliseChecked(FigureInput input, FigurePath path, int index, string orgUnit, Period period, string periodText)
    {
        if (CheckText(input, path))
        {
            return null;
        }
        if (!reference.IndicatorsByCode.TryGetValue(input.Indicator, out var indicator))
        {
            Invalid($"{path}.indicator", "UNKNOWN_INDICATOR", IndicatorMessages.IndicatorNotInCatalog(input.Indicator));
            return null;
        }
        if (!_seen.Add((orgUnit, periodText, input.Indicator)))
        {
            Invalid($"{path}.indicator", "DUPLICATE_INDICATOR", IndicatorMessages.IndicatorTwice(input.Indicator, orgUnit, period));
        }
        if (period != default && !indicator.Periodicities.Contains(period.Kind))
        {
            Invalid($"{path}.indicator", "PERIODICITY_NOT_ALLOWED", IndicatorMessages.PeriodicityNotAllowed(indicator, period.Kind));
        }
        else if (period is { Kind: PeriodKind.Monthly, Number: 1 } && indicator.JanFebCombined)
        {
            Invalid($"{path}.indicator", "JANUARY_NOT_PUBLISHED", IndicatorMessages.JanuaryNotPublished(indicator, period));
        }

        decimal sentValue = 0m;
        var valueOk = false;
        if (input.Quantity?.Value is null)
        {
            Invalid($"{path}.quantity.value", "REQUIRED", IndicatorMessages.ValueRequired);
        }
        else if (!input.Quantity.Value.TryToDecimal(out sentValue))
        {
            Invalid($"{path}.quantity.value", "INVALID_DECIMAL", IndicatorMessages.ValueNotDecimal(input.Quantity.Value.Value));
        }
        else
        {
            valueOk = true;
        }

        var canonicalUnit = UnitTable.TryGet(indicator.Unit, out var canonical) ? canonical : null;
        UnitDefinition? sentUnit = null;
        if (!UnitTable.TryGet(input.Quantity?.Unit, out var unit))
        {
            Invalid($"{path}.quantity.unit", "UNKNOWN_UNIT", IndicatorMessages.FigureUnitUnknown(input.Quantity?.Unit, indicator.Code, AcceptedUnits(canonicalUnit)));
        }
        else if (canonicalUnit is null || unit.Dimension != canonicalUnit.Dimension)
        {
            Invalid($"{path}.quantity.unit", "UNIT_DIMENSION_MISMATCH", IndicatorMessages.UnitDimensionMismatch(indicator, unit.Symbol, AcceptedUnits(canonicalUnit)));
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
                Invalid($"{path}.yoy_growth_pct", "INVALID_DECIMAL", IndicatorMessages.GrowthNotDecimal(input.YoyGrowthPct.Value));
            }
            else if (growth <= -100m)
            {
                Invalid($"{path}.yoy_growth_pct", "GROWTH_OUT_OF_RANGE", IndicatorMessages.GrowthOutOfRange);
            }
            else
            {
                growthText = DecimalText.Format(growth);
            }
        }

        if (!Enum.IsDefined(input.Status))
        {
            Invalid($"{path}.status", "INVALID_STATUS", IndicatorMessages.StatusUnknown((int)input.Status));
        }

        if (!valueOk || sentUnit is null || canonicalUnit is null)
        {
            return null;
        }
        if (!UnitTable.TryConvert(sentValue, sentUnit, canonicalUnit, out var normalised))
        {
            Invalid($"{path}.quantity.value", "VALUE_OUT_OF_RANGE", IndicatorMessages.ValueNotConvertible(indicator.Unit));
            return null;
        }
        if (normalised < indicator.MinValue || normalised > indicator.MaxValue)
        {
            Invalid($"{path}.quantity.value", "VALUE_OUT_OF_BOUNDS", IndicatorMessages.ValueOutOfBounds(indicator,
                Bound(indicator.MinValue, "-∞"), Bound(indicator.MaxValue, "∞"), DecimalText.Format(normalised)));
            return null;
        }
        var status = input.Status == FigureStatus.Unspecified ? FigureStatus.Reported : input.Status;
        return new NormalisedFigure(index, path, indicator.Code, DecimalText.Format(normalised), indicator.Unit,
            DecimalText.Format(sentValue), sentUnit.Symbol, growthText, (int)status, input.Note ?? "", input.ConfirmWarnings);
    }

    /// <summary>
    /// The length and control-character limits of the figure's text fields (InputText); true when one is broken, and
    /// the figure is then not checked further: a 100 KB code is not looked up, nor quoted back.
    /// </summary>
    private bool CheckText(FigureInput input, FigurePath path)
    {
        var before = Found.Invalid.Count;
        Add(InputText.CheckCode($"{path}.indicator", input.Indicator));
        Add(InputText.CheckCode($"{path}.quantity.value", input.Quantity?.Value?.Value, InputText.MaxValueLength));
        Add(InputText.CheckCode($"{path}.quantity.unit", input.Quantity?.Unit));
        Add(InputText.CheckCode($"{path}.yoy_growth_pct", input.YoyGrowthPct?.Value, InputText.MaxValueLength));
        Add(InputText.CheckFreeText($"{path}.note", input.Note));
        return Found.Invalid.Count > before;

        void Add(FieldProblem? problem)
        {
            if (problem is not null)
            {
                Found.Invalid.Add(problem with { Index = _figureIndex });
            }
        }
    }

    /// <summary>The request id's limits: at most 128 characters, no control characters.</summary>
    public void CheckRequestId(string requestId, string field)
    {
        if (InputText.CheckCode(field, requestId) is { } problem)
        {
            Found.Invalid.Add(problem);
        }
    }

    private void Invalid(string field, string reason, string message) => Found.Invalid.Add(new(field, reason, message, _figureIndex));

    private static string Bound(decimal? bound, string none) => bound is { } b ? DecimalText.Format(b) : none;

    private static string AcceptedUnits(UnitDefinition? canonical) =>
        canonical is null ? "-" : string.Join(", ", UnitTable.SameDimension(canonical));
}
