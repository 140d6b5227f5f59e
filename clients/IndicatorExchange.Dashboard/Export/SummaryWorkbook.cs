using IndicatorExchange.Dashboard.Model;
using MiniExcelLibs;

namespace IndicatorExchange.Dashboard.Export;

/// <summary>
/// The main-indicator table as an .xlsx sheet with the page's columns and labels: two header rows (the county names
/// over their columns, then 数值 / 增长% / 占比% / 排名 / 目标), then one row per indicator. Numbers are written as the
/// page rounds them (decimal cells), ranks, progress and notes as the page's text.
/// </summary>
public static class SummaryWorkbook
{
    /// <summary>The sheet's rows, header rows first; each cell a decimal, a string or null.</summary>
    public static IReadOnlyList<IReadOnlyList<object?>> Rows(SummaryTable table)
    {
        var rows = new List<IReadOnlyList<object?>> { table.HeaderTop().Cast<object?>().ToList(), table.HeaderSub().Cast<object?>().ToList() };
        foreach (var row in table.Rows)
        {
            var cells = new List<object?>
            {
                row.Name, row.Unit, Cell(row.Total, row.Partial ? $" ({table.Text.Partial})" : null), Cell(row.Growth), row.Progress?.Text,
            };
            foreach (var county in row.Counties)
            {
                cells.Add(county.Missing ? table.Text.MissingCounties : Cell(county.Value, Marks(county, table.Text)));
                cells.Add(Cell(county.Growth));
                cells.Add(Cell(county.Share));
                cells.Add(county.Rank);
                cells.Add(county.Progress?.Text);
            }
            cells.Add(row.Notes);
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>Writes the sheet to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(Stream stream, SummaryTable table, CancellationToken cancellationToken = default)
    {
        var rows = Rows(table);
        var width = rows.Max(r => r.Count);
        var sheet = rows.Select(r => (IDictionary<string, object?>)Enumerable.Range(0, width)
                .ToDictionary(i => ColumnName(i), i => i < r.Count ? r[i] : null))
            .ToList();
        var name = $"{table.OrgUnit} {table.Period}";
        await stream.SaveAsAsync(sheet, printHeader: false, sheetName: name, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    /// <summary>The file name offered for download.</summary>
    public static string FileName(SummaryTable table) => $"summary-{table.OrgUnit}-{table.Period}.xlsx";

    /// <summary>A number stays a number unless the page shows a mark beside it; then the cell is the page's text.</summary>
    private static object? Cell(TableCell cell, string? marks = null) =>
        string.IsNullOrEmpty(marks) ? cell.Number : cell.Text + marks;

    private static string? Marks(CountyEntry county, UiText text)
    {
        var marks = new List<string>();
        if (county.Preliminary)
        {
            marks.Add(text.Preliminary);
        }
        if (county.Flagged)
        {
            marks.Add(text.Flagged);
        }
        return marks.Count == 0 ? null : $" ({string.Join(", ", marks)})";
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }
        return name;
    }
}
