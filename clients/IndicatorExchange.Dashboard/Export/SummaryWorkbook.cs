using IndicatorExchange.Dashboard.Model;
using IndicatorExchange.Spreadsheets;

namespace IndicatorExchange.Dashboard.Export;

/// <summary>
/// The main-indicator table as an .xlsx sheet laid out like the page: two header rows (the fixed labels over both rows,
/// each county's name merged over its columns, then 数值 / 标记 / 增长% / 占比% / 排名 / 目标), then one row per indicator.
/// Values, growth and shares are numeric cells (as the page rounds them) with a number format of the indicator's display
/// precision (two places for percentages), so they can be summed and charted; the marks (不完整, 预计, 待核, 迟报, 未报送)
/// are in columns of their own; ranks, progress and notes are the page's text. The English export has English labels and units.
/// </summary>
public static class SummaryWorkbook
{
    /// <summary>Columns before the counties: indicator, unit, total, its mark, growth, target.</summary>
    public const int FixedColumns = 6;

    /// <summary>Columns per county: value, marks, growth, share, rank, target.</summary>
    public const int ColumnsPerCounty = 6;

    private const int PercentPlaces = 2;

    /// <summary>The sheet: frozen headers and indicator column, the page's rows and merged header cells.</summary>
    public static XlsxSheet Build(SummaryTable table)
    {
        var sheet = new XlsxSheet($"{table.OrgUnit} {table.Period}") { FrozenRows = 2, FrozenColumns = 1 };
        sheet.Rows.AddRange(Rows(table));
        sheet.Merges.AddRange(Merges(table));
        return sheet;
    }

    /// <summary>The sheet's two header rows and one row per indicator; null cells are empty.</summary>
    public static IReadOnlyList<IReadOnlyList<XlsxCell?>> Rows(SummaryTable table)
    {
        var text = table.Text;
        var top = new List<XlsxCell?> { Header(text.Indicator), Header(text.Unit), Header(table.TotalLabel), Header(text.Marks), Header(text.Growth), Header(text.Target) };
        var sub = new List<XlsxCell?>(Enumerable.Repeat<XlsxCell?>(null, FixedColumns));
        foreach (var county in table.Counties)
        {
            top.Add(Header(county.Name));
            top.AddRange(Enumerable.Repeat<XlsxCell?>(null, ColumnsPerCounty - 1));
            sub.AddRange(SubLabels(text).Select(Header));
        }
        top.Add(Header(text.Notes));
        sub.Add(null);
        var rows = new List<IReadOnlyList<XlsxCell?>> { top, sub };
        foreach (var row in table.Rows)
        {
            var places = row.Precision;
            var cells = new List<XlsxCell?>
            {
                row.Name, row.Unit, Number(row.Total, places), row.Partial ? text.Partial : null, Number(row.Growth, PercentPlaces), row.Progress?.Text,
            };
            foreach (var county in row.Counties)
            {
                cells.Add(Number(county.Value, places));
                cells.Add(Marks(county, text));
                cells.Add(Number(county.Growth, PercentPlaces));
                cells.Add(Number(county.Share, PercentPlaces));
                cells.Add(county.Rank.Length == 0 ? null : county.Rank);
                cells.Add(county.Progress?.Text);
            }
            cells.Add(row.Notes.Length == 0 ? null : row.Notes);
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>The merged header cells: each fixed label over both header rows, each county's name over its columns.</summary>
    public static IReadOnlyList<XlsxRange> Merges(SummaryTable table)
    {
        var merges = Enumerable.Range(0, FixedColumns).Select(c => new XlsxRange(0, c, 1, c)).ToList();
        for (var i = 0; i < table.Counties.Count; i++)
        {
            var first = FixedColumns + i * ColumnsPerCounty;
            merges.Add(new XlsxRange(0, first, 0, first + ColumnsPerCounty - 1));
        }
        var notes = FixedColumns + table.Counties.Count * ColumnsPerCounty;
        merges.Add(new XlsxRange(0, notes, 1, notes));
        return merges;
    }

    /// <summary>The labels of each county's columns.</summary>
    public static IReadOnlyList<string> SubLabels(UiText text) => [text.Value, text.Marks, text.Growth, text.Share, text.Rank, text.Target];

    /// <summary>Writes the sheet to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(Stream stream, SummaryTable table, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        XlsxWriter.Write(stream, [Build(table)]);
        return Task.CompletedTask;
    }

    /// <summary>The file name offered for download.</summary>
    public static string FileName(SummaryTable table) => $"summary-{table.OrgUnit}-{table.Period}.xlsx";

    private static XlsxCell? Header(string label) => XlsxCell.Text(label, header: true);

    /// <summary>A numeric cell shown with <paramref name="places"/> decimals (Excel's General when the precision is unknown).</summary>
    private static XlsxCell? Number(TableCell cell, int? places) => cell.Number switch
    {
        null => null,
        { } number when places is >= 0 and var p => XlsxCell.Number(number, p),
        { } number => XlsxCell.Number(number, NumberFormats.General),
    };

    private static string? Marks(CountyEntry county, UiText text)
    {
        var marks = new List<string>();
        if (county.Missing)
        {
            marks.Add(text.MissingCounties);
        }
        if (county.Preliminary)
        {
            marks.Add(text.Preliminary);
        }
        if (county.Flagged)
        {
            marks.Add(text.Flagged);
        }
        if (county.Late)
        {
            marks.Add(text.Late);
        }
        return marks.Count == 0 ? null : string.Join("、", marks);
    }
}
