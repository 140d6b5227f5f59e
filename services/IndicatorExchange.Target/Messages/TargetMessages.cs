using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Target.Messages;

/// <summary>
/// Every bilingual "中文 / English" text the target service answers with, in one place. Texts that quote a caller's
/// input quote it through <see cref="InputText.Echo"/> (bounded, control characters escaped).
/// </summary>
internal static class TargetMessages
{
    // The batch
    public static string TargetsRejected(int problems) =>
        $"目标未被接受，共 {problems} 处错误，未写入任何数据 / targets rejected with {problems} problem(s); nothing was written";
    public static string RequestIdReused(string requestId) => $"request_id '{requestId}' 已用于另一批目标 / was already used for a different batch";
    public const string BatchWithoutTargets = "没有目标 / the batch has no targets";
    public static string TargetTwice(int first) =>
        $"同一批次中目标重复，与 targets[{first}] 相同 / the same target (org unit, indicator, year, kind) is already at targets[{first}]";

    // The form of each target
    public const string OrgUnitRequired = "缺少单位代码 / org_unit is required";
    public static string OrgUnitInvalid(string orgUnit) =>
        $"单位代码应为 6 位行政区划代码 / org_unit {InputText.Echo(orgUnit)} is not a 6-digit administrative division code such as 654002";
    public const string IndicatorRequired = "缺少指标代码 / indicator is required";
    public static string IndicatorCodeInvalid(string indicator) =>
        $"指标代码应由大写字母、数字和下划线组成 / indicator {InputText.Echo(indicator)} is not an indicator code such as GDP or TOURIST_VISITS";
    public const string YearRequired = "缺少年份 / year is required";
    public static string YearOutOfRange(int year, int first, int last) => $"年份应在 {first} 到 {last} 之间 / year {year} is not between {first} and {last}";
    public const string KindRequired = "缺少目标类型 / kind is required";
    public static string KindUnknown(int kind) => $"未知目标类型 / unknown kind {kind}";
    public const string ThresholdRequired = "缺少目标值 / threshold is required";
    public static string ThresholdNotDecimal(string value) => $"{InputText.Echo(value)} 不是十进制数 / is not a decimal number such as 8 or 99.8";
    public const string GrowthOutOfRange = "增长目标不能低于或等于 -100% / a growth target must be above -100%";
    public const string RateOutOfRange = "比率目标应在 0 到 100 之间 / a rate target must be between 0 and 100 percent";
    public const string NegativeThreshold = "数值目标不能为负数 / a value target cannot be negative";
    public const string UnitRequired =
        "缺少单位：增长和比率目标为 %，数值目标如 亿元 / unit is required: % for growth and rate targets, a unit such as 亿元 for value targets";
    public static string UnitMustBePercent(string unit) => $"增长和比率目标的单位应为 % / growth and rate targets are in %, not {InputText.Echo(unit)}";
    public static string UnitUnknown(string unit) =>
        $"未知单位 {InputText.Echo(unit)} / unknown unit; write it as the reports do, for example 亿元, 万美元, 万人次 or 万吨";
    public const string UnitMustNotBePercent =
        "数值目标的单位不能是 %，比率目标请用 RATE 类型 / a value target cannot be in %; use TARGET_KIND_RATE_AT_LEAST or _AT_MOST for a rate";

    // Against the catalog
    public static string OrgUnitUnknown(string orgUnit) => $"未知的单位代码 / unknown org unit '{orgUnit}'";
    public static string IndicatorUnknown(string indicator) => $"指标代码不在目录中 / indicator '{indicator}' is not in the catalog";
    public static string KindNotForIndicator(IndicatorDefinition indicator) =>
        $"{indicator.NameZh}不是比率，不能设比率目标 / {indicator.Code} is counted in {indicator.Unit}, not a rate in %; use a value or growth target";
    public static string UnitDimensionMismatch(string unit, string indicator, string canonicalUnit) =>
        $"单位 {unit} 与指标不符 / {indicator} is counted in {canonicalUnit}; {unit} measures something else";
    public static string ThresholdNotConvertible(string canonicalUnit) =>
        $"目标值无法精确换算为 {canonicalUnit} / the threshold cannot be converted to {canonicalUnit} exactly";
    public const string MilestonesNotAllowed = "只有数值目标有季度进度节点 / only value targets have quarterly milestones";
    public static string MilestoneNotDecimal(string value) => $"'{value}' 不是十进制数 / is not a decimal number";

    // Warnings and reads
    public static string ChildTargetsBelowParent(string parent, string indicator, int year, int children, string sum, string own, string? unit) =>
        $"{parent} 下级单位的 {indicator} {year} 年目标合计 {sum} {unit}，低于本级目标 {own} / " +
        $"the {children} child targets of {parent} for {indicator} {year} add up to {sum} {unit}, below its own floor of {own}";
    public static string TargetNeverSet(TargetKind kind, string indicator, string orgUnit, int year) =>
        $"没有该目标 / no {kind} target of {InputText.Echo(indicator)} for {InputText.Echo(orgUnit)} {year} was ever set";
}
