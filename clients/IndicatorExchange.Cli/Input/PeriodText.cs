using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Cli.Input;

/// <summary>Period codes typed on the command line: "2023q3" is read as 2023Q3; a malformed code is a usage error.</summary>
public static class PeriodText
{
    public static (string Code, Period Period) Parse(string text, string option = "--period")
    {
        var code = text.Trim().ToUpperInvariant();
        return Period.TryParse(code, out var period)
            ? (code, period)
            : throw new UsageException(NotAPeriod(option, option, text) + ".");
    }

    /// <summary>"报告期 '2023Q5' 不是报告期代码（如 2023、2023Q3、2023M09）/ period '2023Q5' is not a period code such as 2023, 2023Q3 or 2023M09".</summary>
    public static string NotAPeriod(string nameZh, string nameEn, string text) =>
        $"{nameZh} '{text}' 不是报告期代码（如 2023、2023Q3、2023M09）/ {nameEn} '{text}' is not a period code such as 2023, 2023Q3 or 2023M09";
}
