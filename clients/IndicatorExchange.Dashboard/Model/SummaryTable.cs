using System.Globalization;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Units;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// The main-indicator table as prefecture statisticians lay it out: 指标, 单位, 州直合计, 增长%, 目标, then for each
/// county its value, growth, share, rank and target progress, and a notes column naming partial totals, missing
/// counties, preliminary, flagged and late figures. The page and the Excel export both render this one model.
/// </summary>
public sealed record SummaryTable(
    string OrgUnit,
    string OrgUnitName,
    string Period,
    long AsOfSequence,
    UiText Text,
    string TotalLabel,
    IReadOnlyList<CountyColumn> Counties,
    IReadOnlyList<TableRow> Rows)
{
    /// <summary>Decimal places of growth, shares and progress percentages.</summary>
    public const int PercentPlaces = 2;

    /// <summary>Columns per county: value, growth, share, rank, target.</summary>
    public const int ColumnsPerCounty = 5;

    /// <summary>Columns per county in the compact layout: value, growth, rank.</summary>
    public const int CompactColumnsPerCounty = 3;

    /// <summary>What the builder knows besides the summary; everything is optional.</summary>
    public sealed record Context
    {
        public UiText Text { get; init; } = UiText.Chinese;

        /// <summary>The summarised node (its name and level decide the total's label).</summary>
        public OrgUnit? Node { get; init; }

        /// <summary>The node's children, in column order; when empty, the counties found in the summary.</summary>
        public IReadOnlyList<OrgUnit> Children { get; init; } = [];

        /// <summary>The catalog, for each indicator's display precision; without it values keep their exact text.</summary>
        public IReadOnlyList<Indicator> Catalog { get; init; } = [];

        /// <summary>The order of the rows (indicator codes); when empty, the catalog's report order. Others follow by code.</summary>
        public IReadOnlyList<string> RowOrder { get; init; } = Model.RowOrder.None;
    }

    public static IReadOnlyList<string> CountySubLabels(UiText text) => [text.Value, text.Growth, text.Share, text.Rank, text.Target];

    /// <summary>The labels of each county's columns in the compact layout.</summary>
    public static IReadOnlyList<string> CompactSubLabels(UiText text) => [text.Value, text.Growth, text.RankShort];

    public static SummaryTable Build(Summary summary, Context context)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        var counties = Columns(summary, context);
        var byCode = counties.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var precision = context.Catalog.ToDictionary(i => i.Code, i => i.DisplayPrecision, StringComparer.Ordinal);
        var rows = RowOrder.Sort(summary.Rows, row => row.Indicator, context.RowOrder.Count > 0 ? context.RowOrder : RowOrder.Of(context.Catalog))
            .Select(row => BuildRow(row, summary.Period, counties, byCode, precision, text))
            .ToList();
        var node = context.Node;
        var name = node is null ? summary.OrgUnit : Name(node, text);
        var totalLabel = node is null || node.Level == OrgUnitLevel.Prefecture ? text.PrefectureTotal : text.Total;
        return new SummaryTable(summary.OrgUnit, name, summary.Period, summary.AsOfSequence, text, totalLabel, counties, rows);
    }

    private static List<CountyColumn> Columns(Summary summary, Context context)
    {
        var columns = context.Children
            .Where(c => string.IsNullOrEmpty(c.ClosedOn) || summary.Rows.Any(r => r.Children.Any(f => f.OrgUnit == c.Code)))
            .Select(c => new CountyColumn(c.Code, Name(c, context.Text)))
            .ToList();
        var known = columns.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var found = summary.Rows.SelectMany(r => r.Children.Select(c => (c.OrgUnit, Name: c.NameZh)))
            .Concat(summary.Rows.SelectMany(r => r.MissingOrgUnits.Select(code => (OrgUnit: code, Name: code))))
            .Where(c => known.Add(c.OrgUnit))
            .OrderBy(c => c.OrgUnit, StringComparer.Ordinal)
            .Select(c => new CountyColumn(c.OrgUnit, string.IsNullOrEmpty(c.Name) ? c.OrgUnit : c.Name));
        columns.AddRange(found);
        // A child found only as "missing" first and named later by a figure keeps its code as name; good enough.
        return columns;
    }

    private static TableRow BuildRow(SummaryRow row, string period, IReadOnlyList<CountyColumn> counties, IReadOnlyDictionary<string, CountyColumn> byCode,
        IReadOnlyDictionary<string, int> precision, UiText text)
    {
        int? places = precision.TryGetValue(row.Indicator, out var p) ? p : null;
        var missing = row.MissingOrgUnits.Select(code => byCode.TryGetValue(code, out var c) ? c : new CountyColumn(code, code)).ToList();
        var missingCodes = row.MissingOrgUnits.ToHashSet(StringComparer.Ordinal);
        var figures = row.Children.ToDictionary(c => c.OrgUnit, StringComparer.Ordinal);
        var entries = counties.Select(county => figures.TryGetValue(county.Code, out var figure)
                ? new CountyEntry(county, figure, false, ValueCell(figure.Value, places), Percent(figure.GrowthPct), Percent(figure.SharePct),
                    Rank(figure), Progress(figure.TargetProgress, text))
                : new CountyEntry(county, null, missingCodes.Contains(county.Code), TableCell.Empty, TableCell.Empty, TableCell.Empty, "",
                    null))
            .ToList();
        return new TableRow(row.Indicator, string.Equals(text.Code, "en", StringComparison.Ordinal) && row.NameEn.Length > 0 ? row.NameEn : row.NameZh,
            UnitName(row.Unit, text), ValueCell(row.Total, places), Percent(row.GrowthPct), row.Partial, Progress(row.TargetProgress, text), entries, missing,
            Notes(row, period, entries, missing, text), row) { Precision = places };
    }

    private static TableCell ValueCell(Contracts.Common.V1.Decimal? value, int? places)
    {
        if (NumberText.Value(value) is not { } exact)
        {
            return TableCell.Empty;
        }
        return places is { } digits
            ? new TableCell(NumberText.Round(exact, digits), NumberText.Format(exact, digits))
            : new TableCell(exact, value!.Value);
    }

    private static TableCell Percent(Contracts.Common.V1.Decimal? value) =>
        NumberText.Value(value) is { } exact
            ? new TableCell(NumberText.Round(exact, PercentPlaces), NumberText.Format(exact, PercentPlaces))
            : TableCell.Empty;

    private static string Rank(ChildFigure figure) =>
        figure.RankByValue == 0 && figure.RankByGrowth == 0
            ? ""
            : $"{RankText(figure.RankByValue)}/{RankText(figure.RankByGrowth)}";

    private static string RankText(int rank) => rank > 0 ? rank.ToString(CultureInfo.InvariantCulture) : "–";

    /// <summary>The progress of a figure against its targets; null when it has none.</summary>
    public static ProgressCell? Progress(IReadOnlyCollection<TargetProgress> progress, UiText text)
    {
        if (progress.Count == 0)
        {
            return null;
        }
        var status = ProgressStyle.Worst(progress.Select(p => p.Status));
        var details = string.Join("; ", progress.Select(p => Detail(p, text)));
        return new ProgressCell(status, $"{text.StatusLabel(status)} {details}".Trim(), string.Join("\n", progress.Select(p => p.Rule)));
    }

    private static string Detail(TargetProgress progress, UiText text)
    {
        var threshold = NumberText.Value(progress.Threshold);
        var thresholdText = threshold is { } t ? t.ToString(CultureInfo.InvariantCulture) : "";
        switch (progress.Kind)
        {
            case TargetKind.ValueAtLeast:
                var completion = NumberText.Format(NumberText.Value(progress.CompletionPct), 1);
                var milestone = NumberText.Format(NumberText.Value(progress.MilestonePct), 0);
                return completion.Length == 0
                    ? $"≥{thresholdText}{UnitName(progress.Unit, text)}"
                    : milestone.Length == 0 ? $"{completion}%" : $"{completion}% ({text.Milestone} {milestone}%)";
            case TargetKind.GrowthAtLeast:
                var gap = NumberText.Value(progress.GapPoints);
                return gap is { } g ? $"≥{thresholdText}%: {Signed(g)} {text.Points}" : $"≥{thresholdText}%";
            case TargetKind.ValueAtMost:
                return $"≤{thresholdText}{UnitName(progress.Unit, text)}";
            default:
                var rateGap = NumberText.Value(progress.GapPoints);
                var sign = progress.Kind == TargetKind.RateAtLeast ? "≥" : "≤";
                return rateGap is { } r ? $"{sign}{thresholdText}%: {Signed(r)} {text.Points}" : $"{sign}{thresholdText}%";
        }
    }

    private static string Signed(decimal value) => (value > 0 ? "+" : "") + NumberText.Format(value, PercentPlaces);

    private static string Notes(SummaryRow row, string period, IReadOnlyList<CountyEntry> entries, IReadOnlyList<CountyColumn> missing, UiText text)
    {
        var notes = new List<string>();
        if (row.Partial)
        {
            notes.Add(missing.Count > 0
                ? $"{text.Partial}, {text.MissingCounties}: {string.Join("、", missing.Select(m => m.Name))}"
                : text.Partial);
        }
        AddNames(text.Preliminary, entries.Where(e => e.Preliminary));
        AddNames(text.Flagged, entries.Where(e => e.Flagged));
        AddNames(text.Late, entries.Where(e => e.Late));
        AddWeights();
        return string.Join("; ", notes);

        // The periods whose population weighted a per-capita mean, when one is not the row's own period (a fallback to a
        // year-end weight), with the counties weighted that way: "权重: 2023Q2, 2022 (新源县 2022)".
        void AddWeights()
        {
            if (!DiffersFrom(row.WeightPeriods, period))
            {
                return;
            }
            var fallbacks = entries.Where(e => e.Figure is { } f && DiffersFrom(f.WeightPeriods, period))
                .Select(e => $"{e.County.Name} {string.Join(", ", e.Figure!.WeightPeriods)}")
                .ToList();
            notes.Add($"{text.Weights}: {string.Join(", ", row.WeightPeriods)}" + (fallbacks.Count > 0 ? $" ({string.Join("、", fallbacks)})" : ""));
        }

        void AddNames(string label, IEnumerable<CountyEntry> which)
        {
            var names = which.Select(e => e.County.Name).ToList();
            if (names.Count > 0)
            {
                notes.Add($"{label}: {string.Join("、", names)}");
            }
        }
    }

    /// <summary>The unit as the page's language writes it: 亿元, or "100 million yuan" in English.</summary>
    private static string UnitName(string unit, UiText text) =>
        string.Equals(text.Code, UiText.English.Code, StringComparison.Ordinal) ? EnglishUnits.Of(unit) : unit;

    private static string Name(OrgUnit unit, UiText text) =>
        string.Equals(text.Code, "en", StringComparison.Ordinal) && unit.NameEn.Length > 0 ? unit.NameEn : unit.NameZh;

    /// <summary>True when a weight period other than <paramref name="period"/> was used.</summary>
    private static bool DiffersFrom(IEnumerable<string> weightPeriods, string period) =>
        weightPeriods.Any(p => !string.Equals(p, period, StringComparison.Ordinal));
}
