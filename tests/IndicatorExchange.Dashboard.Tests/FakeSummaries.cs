using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Dashboard.Model;
using ExactDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>Summaries built as the aggregation service sends them: the seeds' 2022 GDP of Yining and Xinyuan, Huocheng missing.</summary>
internal static class FakeSummaries
{
    public const string Yining = "654002";
    public const string Kuitun = "654003";
    public const string Xinyuan = "654025";

    public static readonly OrgUnit Prefecture = new()
    {
        Code = "654000", NameZh = "伊犁哈萨克自治州", NameEn = "Ili Kazakh Autonomous Prefecture", Level = OrgUnitLevel.Prefecture,
    };

    public static readonly IReadOnlyList<OrgUnit> Counties =
    [
        new() { Code = Yining, NameZh = "伊宁市", NameEn = "Yining", Level = OrgUnitLevel.County, ParentCode = "654000" },
        new() { Code = Kuitun, NameZh = "奎屯市", NameEn = "Kuytun", Level = OrgUnitLevel.County, ParentCode = "654000" },
        new() { Code = Xinyuan, NameZh = "新源县", NameEn = "Xinyuan", Level = OrgUnitLevel.County, ParentCode = "654000" },
    ];

    public static readonly IReadOnlyList<Indicator> Catalog =
    [
        new() { Code = "GDP", NameZh = "地区生产总值", NameEn = "Gross regional product", Unit = "亿元", DisplayPrecision = 2, ReportOrder = 1 },
        new() { Code = "TOURIST_VISITS", NameZh = "接待游客人次", NameEn = "Tourist visits received", Unit = "万人次", DisplayPrecision = 1, ReportOrder = 31 },
    ];

    public static ExactDecimal D(string value) => new() { Value = value };

    /// <summary>GDP: 348.2 (+0.6%, preliminary) and 133.61 (+3%, with an open quality warning), Kuitun missing.</summary>
    public static SummaryRow Gdp() => new()
    {
        Indicator = "GDP", NameZh = "地区生产总值", NameEn = "Gross regional product", Unit = "亿元",
        Total = D("481.81"), TotalMethod = TotalMethod.Sum, Partial = true, GrowthPct = D("1.2541817394"),
        GrowthBasis = GrowthBasis.ReportedGrowth, MissingOrgUnits = { Kuitun }, ExpectedCount = 3, ReportedCount = 2,
        TargetProgress = { Growth(ProgressStatus.Behind, "8", "-6.7458182606") },
        Children =
        {
            new ChildFigure
            {
                OrgUnit = Yining, NameZh = "伊宁市", Value = D("348.2"), GrowthPct = D("0.6"), SharePct = D("72.2691517403"),
                PullPoints = D("0.4364226483"), ContributionPct = D("34.7961847516"),
                RankByValue = 1, RankByGrowth = 2, Status = FigureStatus.Preliminary,
                TargetProgress = { Growth(ProgressStatus.Ahead, "-1", "1.6") },
            },
            new ChildFigure
            {
                OrgUnit = Xinyuan, NameZh = "新源县", Value = D("133.61"), GrowthPct = D("3"), SharePct = D("27.7308482597"),
                PullPoints = D("0.8177590911"), ContributionPct = D("65.2038152484"),
                RankByValue = 2, RankByGrowth = 1, Status = FigureStatus.Reported, HasOpenWarnings = true, Late = true,
                TargetProgress = { Growth(ProgressStatus.Achieved, "2", "1") },
            },
        },
    };

    /// <summary>Tourist visits: complete (no county missing), with value-floor progress.</summary>
    public static SummaryRow Tourists() => new()
    {
        Indicator = "TOURIST_VISITS", NameZh = "接待游客人次", NameEn = "Tourist visits received", Unit = "万人次",
        Total = D("1500"), TotalMethod = TotalMethod.Sum, Partial = false, ExpectedCount = 1, ReportedCount = 1,
        TargetProgress = { Value(ProgressStatus.OnTrack, "1248", "120.19") },
        Children =
        {
            new ChildFigure
            {
                OrgUnit = Yining, NameZh = "伊宁市", Value = D("1500"), SharePct = D("100"), RankByValue = 1,
                Status = FigureStatus.Final, TargetProgress = { Value(ProgressStatus.NotReported, "1300", null) },
            },
        },
    };

    public static Summary Summary(params SummaryRow[] rows)
    {
        var summary = new Summary { OrgUnit = "654000", Period = "2022", AsOfSequence = 51 };
        summary.Rows.AddRange(rows.Length == 0 ? [Gdp()] : rows);
        return summary;
    }

    public static SummaryTable Table(Summary? summary = null, UiText? text = null, bool withOrgUnits = true) =>
        SummaryTable.Build(summary ?? Summary(), new SummaryTable.Context
        {
            Text = text ?? UiText.Chinese,
            Node = withOrgUnits ? Prefecture : null,
            Children = withOrgUnits ? Counties : [],
            Catalog = Catalog,
        });

    private static TargetProgress Growth(ProgressStatus status, string threshold, string gap) => new()
    {
        Kind = TargetKind.GrowthAtLeast, Threshold = D(threshold), Unit = "%", Status = status, GapPoints = D(gap),
        Rule = $"growth vs {threshold}%",
    };

    private static TargetProgress Value(ProgressStatus status, string threshold, string? completion) => new()
    {
        Kind = TargetKind.ValueAtLeast, Threshold = D(threshold), Unit = "万人次", Status = status,
        CompletionPct = completion is null ? null : D(completion), MilestonePct = D("100"), Rule = $"value vs {threshold}",
    };
}
