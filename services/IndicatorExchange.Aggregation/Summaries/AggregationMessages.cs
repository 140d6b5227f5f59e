using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>The aggregation service's messages to its callers, "中文 / English", in one place.</summary>
internal static class AggregationMessages
{
    public static string OrgUnitNotFound(string orgUnit) => $"单位不存在 / org unit {InputText.Echo(orgUnit)} not found";

    public const string UnknownIndicators = "指标代码不在目录中 / unknown indicator code(s)";

    public static string NotInCatalog(string code) => $"{InputText.Echo(code)} is not in the catalog";

    public const string PeriodKindMismatch = "起止报告期长度须一致 / from_period and to_period must be periods of the same length";

    public static string SeriesTooLong(int maxPeriods) => $"最多 {maxPeriods} 个报告期 / at most {maxPeriods} periods";

    public const string EmptyRange = "截止报告期早于起始报告期 / to_period is before from_period";

    public static string InvalidPeriod(string field, string code) =>
        $"报告期格式应为 2023、2023Q3 或 2023M09 / {field} {InputText.Echo(code)} is not a code like 2023, 2023Q3 or 2023M09";

    public static string UnknownPeriodValues(int value) =>
        $"未知的 period_values {value} / period_values {value} is not a value of the enum: use PERIOD_VALUES_YEAR_TO_DATE or PERIOD_VALUES_PERIOD_ONLY";

    public static string UnknownRebuildSource(int value) =>
        $"未知的 source {value} / source {value} is not a value of the enum: use REBUILD_SOURCE_CHANGE_FEED or REBUILD_SOURCE_STORED_FIGURES";

    public const string NotLeading =
        "本副本未在写入汇总，请向主副本发送重建请求 / this aggregation replica does not lead (another one writes the rollups): send RebuildRollups to the leading replica";
}
