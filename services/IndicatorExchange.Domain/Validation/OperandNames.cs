namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// The operand names <see cref="DefaultRules"/> use, and what the indicator service must resolve them to for the
/// figure being checked (one org unit, indicator and period). An operand the service cannot resolve is null, which
/// makes the rule not applicable rather than violated.
/// </summary>
public static class OperandNames
{
    /// <summary>
    /// <c>value</c>: this figure's value in the indicator's canonical unit.
    /// <c>value(X)</c>: the value of indicator X for the same org unit and period, in X's canonical unit.
    /// </summary>
    public const string Value = "value";

    /// <summary><c>growth</c>: the reported year-on-year growth of this figure, in percent (3 for +3%).</summary>
    public const string Growth = "growth";

    /// <summary><c>prior_year_value</c>: this indicator's figure for the same org unit and the same period a year earlier.</summary>
    public const string PriorYearValue = "prior_year_value";

    /// <summary>
    /// <c>previous_value</c>: the figure of the previous year-to-date period of the same year (Q2 for Q3, M04 for M05);
    /// none for Q1, M01 or an annual figure. For M03 it is the 1-2月 figure when January was not published alone.
    /// </summary>
    public const string PreviousValue = "previous_value";

    /// <summary>
    /// <c>next_value</c>: the figure of the next year-to-date period of the same year (Q3 for Q2, M05 for M04), when it
    /// is already known; none for Q4, M12 or an annual figure.
    /// </summary>
    public const string NextValue = "next_value";

    /// <summary>
    /// <c>replaced_value</c>: the stored value this figure revises (same org unit, indicator and period); none for a
    /// first figure.
    /// </summary>
    public const string ReplacedValue = "replaced_value";

    /// <summary><c>annual_value</c>: the annual figure of the same year, when this figure is for Q4 or M12; none otherwise.</summary>
    public const string AnnualValue = "annual_value";

    /// <summary><c>q4_value</c>: the Q4 figure of the same year, when this figure is annual; none otherwise.</summary>
    public const string Q4Value = "q4_value";

    /// <summary><c>max_yoy_change_pct</c>: the catalog's threshold for this indicator's year-on-year change, in percent.</summary>
    public const string MaxYoyChangePct = "max_yoy_change_pct";

    /// <summary><c>max_revision_change_pct</c>: the catalog's threshold for this indicator's change by a revision, in percent.</summary>
    public const string MaxRevisionChangePct = "max_revision_change_pct";
}
