using IndicatorExchange.Domain.Periods;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Indicator.Messages;

/// <summary>
/// Every bilingual "中文 / English" text the indicator service answers with, in one place: the catalog, org units and
/// periods here, figures in <c>IndicatorMessages.Figures.cs</c>. Texts that quote a caller's input quote it through
/// <see cref="InputText.Echo"/> (bounded, control characters escaped).
/// </summary>
internal static partial class IndicatorMessages
{
    // The Chinese names of the fields whose messages are built from the field's name.
    private static readonly Dictionary<string, string> FieldNamesZh = new(StringComparer.Ordinal)
    {
        ["name_zh"] = "中文名称",
        ["name_en"] = "英文名称",
        ["accumulation"] = "累计方式",
        ["aggregation"] = "汇总方式",
        ["parent_code"] = "上级单位",
        ["merged_into"] = "并入单位",
    };

    // Catalog edits
    public static string IndicatorNotFound(string code) => $"指标不存在 / indicator {InputText.Echo(code)} not found";
    public static string IndicatorExists(string code) => $"指标代码已存在 / indicator {InputText.Echo(code)} already exists";
    public static string OrgUnitNotFound(string code) => $"单位不存在 / org unit {InputText.Echo(code)} not found";
    public static string OrgUnitExists(string code) => $"单位代码已存在 / org unit {InputText.Echo(code)} already exists";
    public const string UpdateCodeRequired = "缺少代码：要修改哪一项？ / code is required: it names what to update";
    public static string UnitImmutable(string stored) =>
        $"计量单位不可修改（现为 {stored}） / the unit cannot change (it is {stored}): figures are stored normalised to it";
    public static string IndicatorRejected(int problems) => Rejected("指标", "indicator", problems);
    public static string OrgUnitRejected(int problems) => Rejected("单位", "org unit", problems);
    public static string UpdateRejected(int problems) => Rejected("更新请求", "update", problems);
    public static string FieldImmutable(string path) => $"字段 {path} 不可修改 / field '{path}' cannot be changed";
    public static string FieldUnknown(string path, IEnumerable<string> updatable) =>
        $"未知字段 {path} / unknown field '{path}'; updatable: {string.Join(", ", updatable)}";

    // Fields of indicators and org units
    public static string FieldRequired(string field) => $"缺少{FieldNamesZh[field]} / {field} is required";
    public static string EnumUnknown(string field, int value) => $"未知的{FieldNamesZh[field]} / unknown {field} {value}";

    // Indicators
    public const string IndicatorRequired = "缺少指标 / indicator is required";
    public const string IndicatorCodeRequired = "缺少指标代码 / code is required";
    public const string ReportOrderNegative = "报表顺序不能为负数（0 表示排在最后） / report_order must not be negative (0 places the indicator last)";
    public static string IndicatorCodeInvalid(string code, int maxLength) =>
        $"指标代码应为大写下划线形式，最长 {maxLength} 个字符 / code {InputText.Echo(code)} must be upper snake case such as RETAIL_SALES, at most {maxLength} characters";
    public const string UnitRequired = "缺少计量单位 / unit is required";
    public static string IndicatorUnitUnknown(string unit) =>
        $"未知单位 {InputText.Echo(unit)} / unknown unit; use one such as 元, 万元, 亿元, 人, 万人, 吨, 亩, 头(只), 户, 家, %";
    public const string WeightNotAllowed = "只有加权平均和比率指标才有权重指标 / weight_indicator is only for AGGREGATION_WEIGHTED_MEAN and AGGREGATION_RATE";
    public static string WeightSelf(string code) => $"指标不能以自身为权重 / {code} cannot be weighted by itself";
    public static string WeightUnknown(string weight) => $"权重指标不在目录中 / weight indicator {InputText.Echo(weight)} is not in the catalog";
    public static string WeightCycle(string code, IEnumerable<string> chain) =>
        $"权重指标循环 / the weights would form a cycle: {code} → {string.Join(" → ", chain)}";
    public static string WeightInPercent(string weight) =>
        $"权重须为数量而非百分比 / the weight {weight} is in %: a weight must be an amount (population, households, a rate's denominator)";
    public static string WeightNotSummed(string weight) =>
        $"权重指标须按求和汇总 / the weight {weight} is not summed over children, so it cannot weigh them";
    public static string WeightInUse(string code, IReadOnlyList<string> users) =>
        $"该指标是 {string.Join("、", users)} 的权重，须按求和汇总 / {code} weighs {string.Join(", ", users)}, so it must stay AGGREGATION_SUM";
    public static string DisplayPrecisionOutOfRange(int max) => $"小数位数应在 0 到 {max} 之间 / display_precision must be between 0 and {max}";
    public static string MinAboveMax(decimal? min, decimal? max) => $"最小值 {min} 大于最大值 {max} / min_value is above max_value";
    public static string BoundNotDecimal(string value) => $"{InputText.Echo(value)} 不是十进制数 / is not a decimal number such as 100 or -2.5";
    public const string PeriodicityInvalid = "报告期类型应为年、季或月 / must be PERIOD_KIND_ANNUAL, PERIOD_KIND_QUARTERLY or PERIOD_KIND_MONTHLY";

    // Org units
    public const string OrgUnitRequired = "缺少单位 / org_unit is required";
    public static string ParentCycle(string parentCode, string code) =>
        $"上级单位不能是本单位或其下级单位 / parent {InputText.Echo(parentCode)} is {InputText.Echo(code)} itself or one of its descendants";
    public const string OrgUnitCodeRequired = "缺少单位代码 / code is required";
    public static string OrgUnitCodeInvalid(string code) => $"单位代码应为六位数字 / code {InputText.Echo(code)} must be six digits, for example 654025";
    public const string LevelRequired = "缺少行政级别 / level is required";
    public static string LevelUnknown(int level) => $"未知的行政级别 / unknown level {level}";
    public static string NamedOrgUnitUnknown(string field, string code) =>
        $"{FieldNamesZh[field]}不存在 / {field} {InputText.Echo(code)} is not a known org unit";
    public static string ClosedBeforeValidFrom(string closedOn, string validFrom) =>
        $"撤销日期应晚于设立日期 / closed_on {closedOn} must be after valid_from {validFrom}";
    public static string DateInvalid(string field, string text) =>
        $"日期格式应为 2014-06-26 / {field} {InputText.Echo(text)} is not an ISO date such as 2014-06-26";
    public const string MergedIntoItself = "单位不能并入自身 / a unit cannot be merged into itself";
    public const string ClosedOnRequiredWithMerge = "并入其他单位时须填写撤销日期 / closed_on is required with merged_into";

    // Periods
    public static string PeriodInvalid(string code) =>
        $"报告期格式应为 2023、2023Q3 或 2023M09 / period {InputText.Echo(code)} is not a code like 2023, 2023Q3 or 2023M09";
    public static string PeriodNeverOpened(Period period) => $"报告期从未开放 / period '{period}' was never opened";
    public static string PeriodInFuture(Period period) => $"报告期 {period} 尚未开始 / period {period} has not begun";
    public static string PeriodNotOpen(Period period) => $"报告期 {period} 未开放填报 / period {period} is not open for submissions";
    public static string PeriodClosed(Period period) => $"报告期 {period} 已关闭 / period {period} is closed";

    private static string Rejected(string whatZh, string whatEn, int problems) =>
        $"{whatZh}未被接受，共 {problems} 处错误，未作任何修改 / {whatEn} rejected with {problems} problem(s); nothing was changed";
}
