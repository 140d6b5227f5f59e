using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>A child of the summarised node: one group of columns of the table.</summary>
public sealed record CountyColumn(string Code, string Name);

/// <summary>A number as shown: the rounded value (what the Excel cell holds) and its text.</summary>
public sealed record TableCell(decimal? Number, string Text)
{
    public static readonly TableCell Empty = new(null, "");
}

/// <summary>Target progress as shown beside a figure: the least advanced status of its targets and a short text.</summary>
public sealed record ProgressCell(ProgressStatus Status, string Text, string Rule)
{
    /// <summary>The CSS class colouring the status (see app.css).</summary>
    public string CssClass => ProgressStyle.CssClass(Status);
}

/// <summary>One county's figure for one indicator (or its absence).</summary>
public sealed record CountyEntry(
    CountyColumn County,
    ChildFigure? Figure,
    bool Missing,
    TableCell Value,
    TableCell Growth,
    TableCell Share,
    string Rank,
    ProgressCell? Progress)
{
    public bool Preliminary => Figure?.Status == Contracts.Common.V1.FigureStatus.Preliminary;

    public bool Flagged => Figure?.HasOpenWarnings == true;

    public bool Late => Figure?.Late == true;
}

/// <summary>One indicator: the total and growth of the node, then every county.</summary>
public sealed record TableRow(
    string Indicator,
    string Name,
    string Unit,
    TableCell Total,
    TableCell Growth,
    bool Partial,
    ProgressCell? Progress,
    IReadOnlyList<CountyEntry> Counties,
    IReadOnlyList<CountyColumn> Missing,
    string Notes,
    SummaryRow Source)
{
    /// <summary>The indicator's display precision (decimal places of its values), when the catalog gives it.</summary>
    public int? Precision { get; init; }
}
