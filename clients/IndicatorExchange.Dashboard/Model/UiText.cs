using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>Every label of the page, in Chinese (the default) or English. The Excel export uses the same labels.</summary>
public sealed record UiText
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string SwitchLanguage { get; init; }
    public required string OrgUnit { get; init; }
    public required string Period { get; init; }
    public required string Indicator { get; init; }
    public required string Unit { get; init; }
    public required string PrefectureTotal { get; init; }
    public required string Total { get; init; }
    public required string Growth { get; init; }
    public required string Value { get; init; }
    public required string Share { get; init; }
    public required string Rank { get; init; }
    public required string Target { get; init; }
    public required string Notes { get; init; }
    public required string Partial { get; init; }
    public required string MissingCounties { get; init; }
    public required string Preliminary { get; init; }
    public required string Flagged { get; init; }
    public required string Late { get; init; }
    /// <summary>Label of the weight periods a per-capita mean used, in the notes ("权重" / "weights").</summary>
    public required string Weights { get; init; }
    public required string OnTime { get; init; }
    public required string NotReported { get; init; }
    public required string Behind { get; init; }
    public required string OnTrack { get; init; }
    public required string Ahead { get; init; }
    public required string Achieved { get; init; }
    public required string Milestone { get; init; }
    public required string Points { get; init; }
    public required string MainTable { get; init; }
    public required string ReportingProgress { get; init; }
    public required string Charts { get; init; }
    public required string Contribution { get; init; }
    public required string GrowthVsTarget { get; init; }
    public required string GrowthTarget { get; init; }
    public required string Trend { get; init; }
    public required string ExportExcel { get; init; }
    public required string Live { get; init; }
    public required string UpdatedAt { get; init; }
    public required string Details { get; init; }
    public required string Close { get; init; }
    public required string Figures { get; init; }
    public required string History { get; init; }
    public required string Revision { get; init; }
    public required string ReceivedAt { get; init; }
    public required string SubmittedBy { get; init; }
    public required string Status { get; init; }
    public required string Warnings { get; init; }
    public required string Confirmed { get; init; }
    public required string NoWarnings { get; init; }
    public required string NoData { get; init; }
    public required string Loading { get; init; }
    public required string PermissionDenied { get; init; }
    public required string Unauthenticated { get; init; }
    public required string NotFound { get; init; }
    public required string Refused { get; init; }
    public required string Unavailable { get; init; }
    public required string CallFailed { get; init; }
    public required string Reported { get; init; }
    public required string Final { get; init; }
    public required string ClickCountyHint { get; init; }
    public required string Connecting { get; init; }
    public required string Offline { get; init; }
    public required string BeijingTime { get; init; }
    public required string Shares { get; init; }
    public required string Pull { get; init; }
    public required string ContributionRate { get; init; }
    public required string PullHint { get; init; }
    public required string CompactLayout { get; init; }
    public required string FullLayout { get; init; }
    public required string Marks { get; init; }
    public required string RankShort { get; init; }

    public static readonly UiText Chinese = new()
    {
        Code = "zh", Title = "指标汇总看板", SwitchLanguage = "English", OrgUnit = "地区", Period = "期别",
        Indicator = "指标", Unit = "单位", PrefectureTotal = "州直合计", Total = "合计", Growth = "增长%", Value = "数值",
        Share = "占比%", Rank = "排名(总量/增速)", Target = "目标", Notes = "备注", Partial = "不完整", MissingCounties = "未报送",
        Preliminary = "预计", Flagged = "待核", Late = "迟报", Weights = "权重", OnTime = "按时", NotReported = "未报",
        Behind = "滞后", OnTrack = "正常", Ahead = "超前", Achieved = "已完成", Milestone = "时序进度", Points = "个百分点",
        MainTable = "主要指标", ReportingProgress = "报送进度", Charts = "图表", Contribution = "各县（市）对增长的贡献",
        GrowthVsTarget = "各县（市）增速与目标", GrowthTarget = "增速目标", Trend = "历年走势", ExportExcel = "导出 Excel",
        Live = "实时", UpdatedAt = "更新于", Details = "详情", Close = "关闭",
        Figures = "报送数据", History = "修订记录", Revision = "版本", ReceivedAt = "收到时间", SubmittedBy = "报送人",
        Status = "状态", Warnings = "质量提示", Confirmed = "已确认", NoWarnings = "无质量提示", NoData = "暂无数据",
        Loading = "加载中…", PermissionDenied = "无权查看：令牌的权限范围不包括该地区或数据",
        Unauthenticated = "未通过身份验证：请配置有效的令牌（Dashboard:Token 或 Dashboard:TokenFile）",
        NotFound = "未找到", Refused = "请求被拒绝", Unavailable = "服务暂时无法连接", CallFailed = "调用失败",
        Reported = "已报", Final = "终核", ClickCountyHint = "点击县（市）名称查看其数据、修订记录和质量提示",
        Connecting = "连接中", Offline = "未连接", BeijingTime = "北京时间", Shares = "各县（市）占比",
        Pull = "拉动(百分点)", ContributionRate = "贡献率%", PullHint = "对合计增长的拉动与贡献率",
        CompactLayout = "紧凑", FullLayout = "完整", Marks = "标记", RankShort = "排名",
    };

    public static readonly UiText English = new()
    {
        Code = "en", Title = "Indicator dashboard", SwitchLanguage = "中文", OrgUnit = "Area", Period = "Period",
        Indicator = "Indicator", Unit = "Unit", PrefectureTotal = "Prefecture total", Total = "Total", Growth = "Growth %",
        Value = "Value", Share = "Share %", Rank = "Rank (value/growth)", Target = "Target", Notes = "Notes", Partial = "partial",
        MissingCounties = "not reported", Preliminary = "preliminary", Flagged = "flagged", Late = "late", Weights = "weights", OnTime = "on time",
        NotReported = "not reported", Behind = "behind", OnTrack = "on track", Ahead = "ahead", Achieved = "achieved",
        Milestone = "milestone", Points = "points", MainTable = "Main indicators", ReportingProgress = "Reporting progress",
        Charts = "Charts", Contribution = "Each county's contribution to growth", GrowthVsTarget = "Growth by county against the target",
        GrowthTarget = "Growth target", Trend = "Trend over periods", ExportExcel = "Export to Excel", Live = "live",
        UpdatedAt = "updated", Details = "Details", Close = "Close", Figures = "Figures",
        History = "Revision history", Revision = "Revision", ReceivedAt = "Received", SubmittedBy = "Submitted by",
        Status = "Status", Warnings = "Quality warnings", Confirmed = "confirmed", NoWarnings = "No quality warnings",
        NoData = "No data yet", Loading = "Loading…", PermissionDenied = "Not allowed: the token's scope does not cover this area or data",
        Unauthenticated = "Not authenticated: configure a valid token (Dashboard:Token or Dashboard:TokenFile)",
        NotFound = "Not found", Refused = "Request refused", Unavailable = "The service cannot be reached", CallFailed = "Call failed",
        Reported = "reported", Final = "final", ClickCountyHint = "Click a county's name to see its figures, revisions and quality warnings",
        Connecting = "connecting", Offline = "offline", BeijingTime = "Beijing time", Shares = "Each county's share of the total",
        Pull = "Pull (points)", ContributionRate = "Contribution %", PullHint = "Pull on the total's growth and contribution rate",
        CompactLayout = "Compact", FullLayout = "Full", Marks = "Marks", RankShort = "Rank",
    };

    /// <summary>"en" gives English; anything else Chinese.</summary>
    public static UiText For(string? language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public string StatusLabel(ProgressStatus status) => status switch
    {
        ProgressStatus.NotReported => NotReported,
        ProgressStatus.Behind => Behind,
        ProgressStatus.OnTrack => OnTrack,
        ProgressStatus.Ahead => Ahead,
        ProgressStatus.Achieved => Achieved,
        _ => "",
    };

    public string FigureStatusLabel(FigureStatus status) => status switch
    {
        FigureStatus.Preliminary => Preliminary,
        FigureStatus.Reported => Reported,
        FigureStatus.Final => Final,
        _ => "",
    };
}
