using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.ServiceDefaults.Validation;
using PeriodKind = IndicatorExchange.Domain.Periods.PeriodKind;

namespace IndicatorExchange.Indicator.Messages;

internal static partial class IndicatorMessages
{
    // Submissions: the batch
    public static string RequestIdReused(string requestId) => $"request_id '{requestId}' 已用于另一批数据 / was already used for a different batch";
    public static string FiguresRejected(int figures, int rejected, int problems) =>
        $"批次未被接受：{figures} 条数据中 {rejected} 条有误，共 {problems} 处问题，未写入任何数据 / " +
        $"batch rejected: {rejected} of {figures} figures have problems ({problems} in all); nothing was written";
    public static string BatchTooLarge(int limit, string what) => $"数据条数超过上限 / at most {limit} figures per {what}";
    public static string BatchTooLargeField(int limit) => $"at most {limit} figures";
    public const string UploadHeaderFirst = "上传须以且仅以一个 header 开头 / an upload starts with exactly one header message, followed by batches";
    public const string UploadWithoutHeader = "上传为空 / the upload has no header";
    public const string UploadWithoutBatches = "没有数据 / the upload has no batches";
    public const string BatchWithoutFigures = "没有数据 / the batch has no figures";

    // Submissions: org unit and period of a group
    public const string SubmissionOrgUnitRequired = "缺少填报单位 / org_unit is required";
    public static string SubmissionOrgUnitUnknown(string orgUnit) => $"未知的单位代码 / unknown org unit {InputText.Echo(orgUnit)}";
    public static string OrgUnitNotExisting(OrgUnitDefinition unit, Period period) => unit.ClosedOn is { } closed
        ? $"{unit.NameZh}自 {closed:yyyy-MM-dd} 起已撤销{(unit.MergedInto is { } m ? $"（并入 {m}）" : "")} / {unit.NameEn} no longer exists from {closed:yyyy-MM-dd}{(unit.MergedInto is { } into ? $" (merged into {into})" : "")}"
        : $"{unit.NameZh}在该报告期尚未设立 / {unit.NameEn} did not exist yet in {period}";

    // Submissions: each figure
    public static string IndicatorNotInCatalog(string indicator) => $"指标代码不在目录中 / indicator {InputText.Echo(indicator)} is not in the catalog";
    public static string IndicatorTwice(string indicator, string orgUnit, Period period) =>
        $"同一单位同一报告期的指标重复 / indicator '{indicator}' appears twice for {InputText.Echo(orgUnit)} {period}";
    public static string PeriodicityNotAllowed(IndicatorDefinition indicator, PeriodKind kind) =>
        $"{indicator.NameZh}不按{KindZh(kind)}报送 / {indicator.Code} is not reported {CatalogText.Name(kind)} (allowed: {string.Join(", ", indicator.Periodicities.Select(k => CatalogText.Name(k)))})";
    public static string JanuaryNotPublished(IndicatorDefinition indicator, Period period) =>
        $"{indicator.NameZh}1-2月合并发布，没有1月数据 / {indicator.Code} is published for January-February together: report it as {period.Year}M02";
    public const string ValueRequired = "缺少数值 / quantity.value is required";
    public static string ValueNotDecimal(string value) =>
        $"{InputText.Echo(value)} 不是有效的十进制数 / is not a decimal number such as 133.61 (digits, at most one point with digits on both sides, at most 28 significant digits and 28 decimal places)";
    public static string FigureUnitUnknown(string? unit, string indicator, string accepted) =>
        $"未知单位 {InputText.Echo(unit)} / unknown unit; {indicator} accepts {accepted}";
    public static string UnitDimensionMismatch(IndicatorDefinition indicator, string unit, string accepted) =>
        $"{indicator.NameZh}的单位不能是 {unit} / {indicator.Code} is counted in {indicator.Unit}; {unit} measures something else (accepted: {accepted})";
    public static string GrowthNotDecimal(string value) => $"{InputText.Echo(value)} 不是有效的十进制数 / is not a decimal number such as -10.4";
    public const string GrowthOutOfRange = "同比增长不能低于或等于 -100% / growth must be above -100%";
    public static string StatusUnknown(int status) => $"未知状态 / unknown status {status}";
    public static string ValueNotConvertible(string unit) =>
        $"数值无法精确换算为 {unit}（过大或有效数字超过 28 位）/ the value cannot be converted to {unit} exactly (too large, or more than 28 significant digits)";
    public static string ValueOutOfBounds(IndicatorDefinition indicator, string min, string max, string got) =>
        $"{indicator.NameZh}应在 {min} 至 {max} {indicator.Unit} 之间 / {indicator.Code} must lie between {min} and {max} {indicator.Unit}; got {got}";

    // Quality warnings
    public static string QualityWarning(CompiledRule rule, string found, (string Zh, string En) revised) =>
        $"{rule.Rule.MessageZh}（{found}{revised.Zh}）/ {rule.Rule.MessageEn} ({rule.Left} {rule.Rule.Operator.ToText()} {rule.Right}: {found}{revised.En})";
    public static (string Zh, string En) RevisedValues(string was, string now) => ($"；原值 {was}，新值 {now}", $"; was {was}, now {now}");

    // Reads
    public static string FigureNeverSubmitted(string indicator, string orgUnit, string period) =>
        $"没有该数据 / no figure of {InputText.Echo(indicator)} for {InputText.Echo(orgUnit)} {InputText.Echo(period)} was ever submitted";

    private static string KindZh(PeriodKind kind) => kind switch
    {
        PeriodKind.Annual => "年度",
        PeriodKind.Quarterly => "季度",
        _ => "月度",
    };
}
