namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// The default quality checks of domain.md §9, as data. Every rule is a warning: a real report may be right where
/// it looks wrong, so a person confirms rather than the system rejecting. The operand names are those of
/// <see cref="OperandNames"/>, which says what the indicator service resolves each one to:
/// <list type="bullet">
/// <item><c>value</c>: this figure's value in the canonical unit; <c>value(X)</c>: figure X of the same org unit and period.</item>
/// <item><c>growth</c>: the reported year-on-year growth, in percent.</item>
/// <item><c>prior_year_value</c>: this indicator's figure for the same period a year earlier.</item>
/// <item><c>previous_value</c>: the previous year-to-date period of the same year (Q2 for Q3, M04 for M05; none for Q1, M01 or annual).</item>
/// <item><c>next_value</c>: the next year-to-date period of the same year, when already known (Q3 for Q2; none for Q4, M12 or annual).</item>
/// <item><c>replaced_value</c>: the stored value this figure revises; none for a first figure.</item>
/// <item><c>annual_value</c>: the annual figure of the same year, when this is Q4 or M12.</item>
/// <item><c>q4_value</c>: the Q4 figure of the same year, when this is annual.</item>
/// <item><c>max_yoy_change_pct</c>: the indicator's catalog threshold for a year-on-year change, in percent.</item>
/// <item><c>max_revision_change_pct</c>: the indicator's catalog threshold for a revision's change, in percent.</item>
/// </list>
/// An operand that cannot be resolved makes its rule not applicable, so e.g. a first-ever figure is not flagged.
/// </summary>
public static class DefaultRules
{
    private const string YearToDate = "year_to_date";

    public static IReadOnlyList<ValidationRule> All { get; } =
    [
        // Reported growth is often real growth (at comparable prices), which nominal values cannot reproduce
        // exactly: hence a tolerance of 3 percentage points rather than equality.
        new ValidationRule
        {
            Code = "GROWTH_CONTRADICTS_PRIOR_YEAR",
            Indicator = "*",
            Left = "growth",
            Operator = ComparisonOperator.ApproximatelyEqual,
            Right = "(value / prior_year_value - 1) * 100",
            Tolerance = 3m,
            Severity = RuleSeverity.Warning,
            MessageZh = "填报的同比增速与上年同期数不符",
            MessageEn = "The reported growth contradicts the prior-year figure",
        },
        // The Yining report's milk and egg output (0.8 and 2.5 万吨, then 2.6 and 0.8) is the case in point.
        new ValidationRule
        {
            Code = "YOY_CHANGE_TOO_LARGE",
            Indicator = "*",
            Left = "abs(value / prior_year_value - 1) * 100",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "max_yoy_change_pct",
            Severity = RuleSeverity.Warning,
            MessageZh = "与上年同期相比变动幅度过大，请核实",
            MessageEn = "The change from the same period a year earlier is unusually large; please confirm",
        },
        new ValidationRule
        {
            Code = "CUMULATIVE_DECREASED",
            Indicator = "*",
            Accumulation = YearToDate,
            Left = "value",
            Operator = ComparisonOperator.GreaterOrEqual,
            Right = "previous_value",
            Severity = RuleSeverity.Warning,
            MessageZh = "累计值低于本年上一期的累计值",
            MessageEn = "A year-to-date value lower than the previous period's of the same year",
        },
        // The same check seen from the earlier period: a Q2 sent (or revised) after Q3 is stored must not exceed it.
        new ValidationRule
        {
            Code = "CUMULATIVE_EXCEEDS_NEXT",
            Indicator = "*",
            Accumulation = YearToDate,
            Left = "value",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "next_value",
            Severity = RuleSeverity.Warning,
            MessageZh = "累计值高于本年下一期的累计值",
            MessageEn = "A year-to-date value higher than the next period's of the same year",
        },
        // A revision that moves a figure far (a quarter's GDP revised up by 27%) is confirmed by a person; the warning
        // names the old and the new value.
        new ValidationRule
        {
            Code = "REVISION_CHANGE_TOO_LARGE",
            Indicator = "*",
            Left = "abs(value / replaced_value - 1) * 100",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "max_revision_change_pct",
            Severity = RuleSeverity.Warning,
            MessageZh = "修订前后变动幅度过大，请核实",
            MessageEn = "The revision changes the value by more than the indicator's threshold; please confirm",
        },
        // The year-to-date Q4 (or M12) figure covers the whole year, so it must equal the annual figure.
        new ValidationRule
        {
            Code = "Q4_DIFFERS_FROM_ANNUAL",
            Indicator = "*",
            Accumulation = YearToDate,
            Left = "value",
            Operator = ComparisonOperator.ApproximatelyEqual,
            Right = "annual_value",
            Tolerance = 0m,
            Severity = RuleSeverity.Warning,
            MessageZh = "1-4季度（1-12月）累计值与全年数不一致",
            MessageEn = "The year-to-date Q4 (December) figure differs from the annual figure",
        },
        new ValidationRule
        {
            Code = "ANNUAL_DIFFERS_FROM_Q4",
            Indicator = "*",
            Accumulation = YearToDate,
            Left = "value",
            Operator = ComparisonOperator.ApproximatelyEqual,
            Right = "q4_value",
            Tolerance = 0m,
            Severity = RuleSeverity.Warning,
            MessageZh = "全年数与1-4季度累计值不一致",
            MessageEn = "The annual figure differs from the year-to-date Q4 figure",
        },
        // A part of a total never exceeds it. Each pair is written twice, once on each indicator, so that the
        // check runs whichever of the two figures is sent (the other one is looked up with value(X)).
        new ValidationRule
        {
            Code = "COMPONENT_EXCEEDS_TOTAL",
            Indicator = "RETAIL_SALES_ABOVE_SIZE",
            Left = "value",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "value(RETAIL_SALES)",
            Severity = RuleSeverity.Warning,
            MessageZh = "限额以上社会消费品零售总额大于社会消费品零售总额",
            MessageEn = "Retail sales above designated size exceed total retail sales",
        },
        new ValidationRule
        {
            Code = "TOTAL_BELOW_COMPONENT",
            Indicator = "RETAIL_SALES",
            Left = "value",
            Operator = ComparisonOperator.GreaterOrEqual,
            Right = "value(RETAIL_SALES_ABOVE_SIZE)",
            Severity = RuleSeverity.Warning,
            MessageZh = "社会消费品零售总额小于限额以上社会消费品零售总额",
            MessageEn = "Total retail sales are below retail sales above designated size",
        },
        new ValidationRule
        {
            Code = "COMPONENT_EXCEEDS_TOTAL",
            Indicator = "INDUSTRY_VALUE_ADDED_ABOVE_SIZE",
            Left = "value",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "value(GROSS_INDUSTRIAL_OUTPUT)",
            Severity = RuleSeverity.Warning,
            MessageZh = "规模以上工业增加值大于工业总产值",
            MessageEn = "Value added of industry above designated size exceeds gross industrial output",
        },
        new ValidationRule
        {
            Code = "TOTAL_BELOW_COMPONENT",
            Indicator = "GROSS_INDUSTRIAL_OUTPUT",
            Left = "value",
            Operator = ComparisonOperator.GreaterOrEqual,
            Right = "value(INDUSTRY_VALUE_ADDED_ABOVE_SIZE)",
            Severity = RuleSeverity.Warning,
            MessageZh = "工业总产值小于规模以上工业增加值",
            MessageEn = "Gross industrial output is below the value added of industry above designated size",
        },
        new ValidationRule
        {
            Code = "COMPONENT_EXCEEDS_TOTAL",
            Indicator = "NEW_ENERGY_OUTPUT",
            Left = "value",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "value(GROSS_INDUSTRIAL_OUTPUT)",
            Severity = RuleSeverity.Warning,
            MessageZh = "新能源产业产值大于工业总产值",
            MessageEn = "Output of the new-energy industry exceeds gross industrial output",
        },
        new ValidationRule
        {
            Code = "TOTAL_BELOW_COMPONENT",
            Indicator = "GROSS_INDUSTRIAL_OUTPUT",
            Left = "value",
            Operator = ComparisonOperator.GreaterOrEqual,
            Right = "value(NEW_ENERGY_OUTPUT)",
            Severity = RuleSeverity.Warning,
            MessageZh = "工业总产值小于新能源产业产值",
            MessageEn = "Gross industrial output is below the output of the new-energy industry",
        },
        new ValidationRule
        {
            Code = "COMPONENT_EXCEEDS_TOTAL",
            Indicator = "GRAIN_SOWN_AREA",
            Left = "value",
            Operator = ComparisonOperator.LessOrEqual,
            Right = "value(CROP_SOWN_AREA)",
            Severity = RuleSeverity.Warning,
            MessageZh = "粮食作物播种面积大于农作物播种面积",
            MessageEn = "The sown area of grain crops exceeds the sown area of all crops",
        },
        new ValidationRule
        {
            Code = "TOTAL_BELOW_COMPONENT",
            Indicator = "CROP_SOWN_AREA",
            Left = "value",
            Operator = ComparisonOperator.GreaterOrEqual,
            Right = "value(GRAIN_SOWN_AREA)",
            Severity = RuleSeverity.Warning,
            MessageZh = "农作物播种面积小于粮食作物播种面积",
            MessageEn = "The sown area of all crops is below the sown area of grain crops",
        },
    ];
}
