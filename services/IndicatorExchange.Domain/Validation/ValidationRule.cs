namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// One quality check as data (domain.md §9): <c>Left Operator Right</c> must hold for a figure, otherwise it is
/// flagged with <see cref="Severity"/> for a person to confirm. Compile it once with <see cref="CompiledRule.Compile"/>.
/// </summary>
public sealed record ValidationRule
{
    /// <summary>
    /// Stable UPPER_SNAKE_CASE code of the kind of check ("YOY_CHANGE_TOO_LARGE"). Not unique: one kind may be written
    /// for several indicators, and twice for one (GROSS_INDUSTRIAL_OUTPUT has two TOTAL_BELOW_COMPONENT checks).
    /// </summary>
    public required string Code { get; init; }

    /// <summary>The indicator code the rule checks, or <c>"*"</c> for every indicator.</summary>
    public required string Indicator { get; init; }

    /// <summary>
    /// The accumulation the indicator must have ("year_to_date", "period", "stock", as <c>CatalogText</c> writes
    /// them), or null for any.
    /// </summary>
    public string? Accumulation { get; init; }

    /// <summary>Expression text, e.g. <c>abs(value / prior_year_value - 1) * 100</c>.</summary>
    public required string Left { get; init; }

    public required ComparisonOperator Operator { get; init; }

    /// <summary>Expression text, e.g. <c>max_yoy_change_pct</c>.</summary>
    public required string Right { get; init; }

    /// <summary>How far apart the sides may be for <see cref="ComparisonOperator.ApproximatelyEqual"/>; ignored otherwise.</summary>
    public decimal Tolerance { get; init; }

    public required RuleSeverity Severity { get; init; }

    public required string MessageZh { get; init; }

    public required string MessageEn { get; init; }
}
