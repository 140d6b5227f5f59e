using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>Quality warnings in the page's language, without the rule's syntax in Chinese mode.</summary>
public sealed class WarningTextTests
{
    // As the indicator service's QualityChecker writes them.
    private static readonly QualityWarning Decreased = new()
    {
        Rule = "CUMULATIVE_DECREASED",
        Message = "累计值低于本年上一期的累计值（left 60 < right 70）/ A year-to-date value lower than the previous period's of the same year (value >= previous_value: left 60 < right 70)",
    };

    private static readonly QualityWarning Growth = new()
    {
        Rule = "GROWTH_CONTRADICTS_PRIOR_YEAR",
        Message = "填报的同比增速与上年同期数不符（left 9.5 differs from right 2 by 7.5, more than the tolerance 3）/ The reported growth contradicts the prior-year figure (growth ~= (value / prior_year_value - 1) * 100: left 9.5 differs from right 2 by 7.5, more than the tolerance 3)",
    };

    [Fact]
    public void Chinese_mode_shows_the_chinese_description_with_the_values_and_no_rule_syntax()
    {
        var text = WarningText.Describe(Decreased, UiText.Chinese);

        Assert.Equal("累计值低于本年上一期的累计值（60 < 70）", text);
        Assert.DoesNotContain("previous_value", text);
        Assert.DoesNotContain("left", text);
    }

    [Fact]
    public void Chinese_mode_words_a_tolerance_in_chinese()
    {
        Assert.Equal("填报的同比增速与上年同期数不符（9.5 与 2 相差 7.5，超过容差 3）", WarningText.Describe(Growth, UiText.Chinese));
    }

    [Fact]
    public void English_mode_shows_the_english_half()
    {
        Assert.StartsWith("A year-to-date value lower than the previous period's", WarningText.Describe(Decreased, UiText.English));
    }

    [Fact]
    public void A_message_without_chinese_falls_back_to_the_rules_chinese_name()
    {
        var warning = new QualityWarning { Rule = "YOY_CHANGE_TOO_LARGE", Message = "abs(value / prior_year_value - 1) * 100 <= max_yoy_change_pct" };

        Assert.Equal("与上年同期相比变动幅度过大，请核实", WarningText.Describe(warning, UiText.Chinese));
    }
}
