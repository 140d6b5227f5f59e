using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;
using Spectre.Console;
using Spectre.Console.Rendering;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Cli.Output;

/// <summary>How values are shown to people: rounded for display only (the service's values are exact), times in Beijing time.</summary>
public static class Display
{
    /// <summary>A decimal rounded to <paramref name="places"/> for display; "" when unset.</summary>
    public static string Number(ProtoDecimal? value, int places = 2) =>
        value is null || !DecimalText.TryParse(value.Value, out var number)
            ? value?.Value ?? ""
            : Math.Round(number, Math.Clamp(places, 0, 10), MidpointRounding.AwayFromZero).ToString("F" + Math.Clamp(places, 0, 10), CultureInfo.InvariantCulture);

    /// <summary>
    /// The decimals to show a value in <paramref name="unit"/> with, for an indicator shown with <paramref name="places"/>
    /// decimals in <paramref name="canonicalUnit"/>: 0.192 亿美元 (3 places) is 1920 万美元 (no decimals).
    /// </summary>
    public static int PlacesIn(int places, string canonicalUnit, string unit) =>
        UnitTable.TryGet(canonicalUnit, out var canonical) && UnitTable.TryGet(unit, out var other)
            ? Math.Max(0, places - (canonical.Multiplier - other.Multiplier))
            : places;

    /// <summary>The exact text, for CSV and JSON; "" when unset.</summary>
    public static string Exact(ProtoDecimal? value) => value?.Value ?? "";

    /// <summary>Every time ixc prints is in Beijing time, labelled: "2023-10-15 00:00:00 +08:00"; "" when unset.</summary>
    public static string Time(Timestamp? timestamp) => timestamp is null ? "" : Time(timestamp.ToDateTimeOffset());

    /// <summary>A moment in Beijing time, labelled: "2023-10-15 00:00:00 +08:00".</summary>
    public static string Time(DateTimeOffset moment) => Domain.Periods.ChinaTime.Labelled(moment);

    /// <summary>An ISO 8601 text (as the outbox stores its times) in Beijing time; the text itself when it is not one.</summary>
    public static string Time(string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? Time(moment) : iso;

    /// <summary>
    /// The periods whose population weighted a per-capita mean, when one of them is not <paramref name="period"/> (a county's
    /// weight of the period was missing and a year-end one was used): "权重：2023Q2, 2022 / weights: 2023Q2, 2022"; "" otherwise.
    /// </summary>
    public static string Weights(IReadOnlyCollection<string> weightPeriods, string period)
    {
        if (weightPeriods.All(p => string.Equals(p, period, StringComparison.Ordinal)))
        {
            return "";
        }
        var periods = string.Join(", ", weightPeriods);
        return $"权重：{periods} / weights: {periods}";
    }

    public static string Status(FigureStatus status) => status switch
    {
        FigureStatus.Preliminary => "预计 preliminary",
        FigureStatus.Reported => "上报 reported",
        FigureStatus.Final => "核定 final",
        _ => "",
    };

    public static string Progress(ProgressStatus status, bool english = false) => (status switch
    {
        ProgressStatus.NotReported => ("未报", "not reported"),
        ProgressStatus.Behind => ("落后", "behind"),
        ProgressStatus.OnTrack => ("正常", "on track"),
        ProgressStatus.Ahead => ("领先", "ahead"),
        ProgressStatus.Achieved => ("达成", "achieved"),
        _ => ("", ""),
    }) is var (zh, en) && zh.Length > 0 ? (english ? en : $"{zh} {en}") : "";

    public static string TargetKind(Contracts.Target.V1.TargetKind kind) => kind switch
    {
        Contracts.Target.V1.TargetKind.GrowthAtLeast => "growth ≥",
        Contracts.Target.V1.TargetKind.ValueAtLeast => "value ≥",
        Contracts.Target.V1.TargetKind.ValueAtMost => "value ≤",
        Contracts.Target.V1.TargetKind.RateAtLeast => "rate ≥",
        Contracts.Target.V1.TargetKind.RateAtMost => "rate ≤",
        _ => "?",
    };

    /// <summary>
    /// "growth ≥ 8%: 落后 behind (gap -6.75 pts)", "value ≥ 9.3 亿美元: 正常 on track (52.10% of target, milestone 50%)".
    /// </summary>
    public static string Target(TargetProgress progress) => Target(progress, english: false);

    public static string Target(TargetProgress progress, bool english)
    {
        var unit = progress.Unit == "%" ? "%" : " " + (english ? EnglishUnits.Of(progress.Unit) : progress.Unit);
        var details = new List<string>();
        if (progress.CompletionPct is not null)
        {
            details.Add($"{Number(progress.CompletionPct)}% of target" + (progress.MilestonePct is null ? "" : $", milestone {Number(progress.MilestonePct, 0)}%"));
        }
        if (progress.GapPoints is not null)
        {
            details.Add($"gap {Number(progress.GapPoints)} pts");
        }
        else if (progress.Margin is not null)
        {
            details.Add($"margin {Number(progress.Margin)}");
        }
        return $"{TargetKind(progress.Kind)} {Exact(progress.Threshold)}{unit}: {Progress(progress.Status, english)}"
               + (details.Count == 0 ? "" : $" ({string.Join(", ", details)})");
    }

    public static string Method(TotalMethod method) => method switch
    {
        TotalMethod.WeightMissing => "缺权重 weight missing",
        TotalMethod.NotAggregated => "不汇总 not aggregated",
        TotalMethod.NoData => "无数据 no data",
        _ => "",
    };

    /// <summary>Plain text cells: user text must never be read as Spectre markup.</summary>
    public static IRenderable[] Cells(params string[] texts) => texts.Select(t => (IRenderable)new Text(t)).ToArray();

    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }
        return table;
    }
}
