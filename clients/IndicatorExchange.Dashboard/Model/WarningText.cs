using System.Text.RegularExpressions;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// A quality warning in the page's language. The indicator service sends one bilingual message,
/// "中文说明（found）/ English description (rule syntax: found)", where "found" is written in the rule's terms
/// ("left 100 &lt; right 120"). Chinese mode shows the Chinese description with the values compared and no rule syntax;
/// English mode the English half. A message in another shape falls back to the rule's Chinese name by its code.
/// </summary>
public static partial class WarningText
{
    private const string Separator = " / ";

    /// <summary>Chinese names of the default rules (Domain/Validation/DefaultRules), by code.</summary>
    private static readonly Dictionary<string, string> ChineseByCode = new(StringComparer.Ordinal)
    {
        ["GROWTH_CONTRADICTS_PRIOR_YEAR"] = "填报的同比增速与上年同期数不符",
        ["YOY_CHANGE_TOO_LARGE"] = "与上年同期相比变动幅度过大，请核实",
        ["CUMULATIVE_DECREASED"] = "累计值低于本年上一期的累计值",
        ["Q4_DIFFERS_FROM_ANNUAL"] = "1-4季度（1-12月）累计值与全年数不一致",
        ["ANNUAL_DIFFERS_FROM_Q4"] = "全年数与1-4季度累计值不一致",
        ["COMPONENT_EXCEEDS_TOTAL"] = "分项大于总量",
        ["TOTAL_BELOW_COMPONENT"] = "总量小于分项",
        ["REVISION_TOO_LARGE"] = "修订幅度过大，请核实",
    };

    public static string Describe(QualityWarning warning, UiText text)
    {
        var (chinese, english) = Halves(warning.Message);
        if (string.Equals(text.Code, "en", StringComparison.Ordinal))
        {
            return english ?? warning.Message;
        }
        if (english is null || !HasHan().IsMatch(chinese))
        {
            return ChineseByCode.TryGetValue(warning.Rule, out var name) ? name : $"质量规则 {warning.Rule}";
        }
        return Found().Replace(chinese, match => $"（{Translate(match.Groups["found"].Value)}）");
    }

    /// <summary>The Chinese and English halves: split after the Chinese part's closing bracket "）/ ", else at " / ".</summary>
    private static (string Chinese, string? English) Halves(string message)
    {
        var bracket = message.IndexOf("）/ ", StringComparison.Ordinal);
        if (bracket >= 0)
        {
            return (message[..(bracket + 1)].Trim(), message[(bracket + 3)..].Trim());
        }
        var split = message.IndexOf(Separator, StringComparison.Ordinal);
        return split < 0 ? (message, null) : (message[..split].Trim(), message[(split + Separator.Length)..].Trim());
    }

    /// <summary>"left 100 &lt; right 120" → "100 &lt; 120"; the tolerance form in Chinese words.</summary>
    private static string Translate(string found)
    {
        if (Tolerance().Match(found) is { Success: true } t)
        {
            return $"{t.Groups["l"].Value} 与 {t.Groups["r"].Value} 相差 {t.Groups["d"].Value}，超过容差 {t.Groups["t"].Value}";
        }
        if (Comparison().Match(found) is { Success: true } c)
        {
            return $"{c.Groups["l"].Value} {c.Groups["op"].Value} {c.Groups["r"].Value}";
        }
        return found;
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HasHan();

    [GeneratedRegex(@"（(?<found>[^（）]*\bleft\b[^（）]*)）")]
    private static partial Regex Found();

    [GeneratedRegex(@"^left (?<l>\S+) differs from right (?<r>\S+) by (?<d>\S+), more than the tolerance (?<t>\S+)$")]
    private static partial Regex Tolerance();

    [GeneratedRegex(@"^left (?<l>\S+) (?<op>\S+) right (?<r>\S+)$")]
    private static partial Regex Comparison();
}
