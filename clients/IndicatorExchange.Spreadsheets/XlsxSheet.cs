using System.Globalization;

namespace IndicatorExchange.Spreadsheets;

/// <summary>One worksheet: rows of cells (null for empty), merged ranges, column widths, frozen panes, an auto filter.</summary>
public sealed class XlsxSheet(string name)
{
    /// <summary>The name as Excel allows it: at most 31 characters, none of : \ / ? * [ ] (each becomes _).</summary>
    public string Name { get; } = Clean(name);

    public List<IReadOnlyList<XlsxCell?>> Rows { get; } = [];

    /// <summary>Ranges shown as one cell (the first cell's content).</summary>
    public List<XlsxRange> Merges { get; } = [];

    /// <summary>Widths of the first columns, in characters.</summary>
    public List<double> Widths { get; } = [];

    /// <summary>Header rows kept in view while scrolling.</summary>
    public int FrozenRows { get; init; }

    /// <summary>Leading columns kept in view while scrolling.</summary>
    public int FrozenColumns { get; init; }

    /// <summary>Whether the last frozen row carries Excel's filter buttons.</summary>
    public bool AutoFilter { get; init; }

    public void Add(params XlsxCell?[] cells) => Rows.Add(cells);

    /// <summary>Merges a rectangle given by zero-based row and column indexes (inclusive).</summary>
    public void Merge(int firstRow, int firstColumn, int lastRow, int lastColumn) =>
        Merges.Add(new XlsxRange(firstRow, firstColumn, lastRow, lastColumn));

    /// <summary>"A1" for (0, 0), "AB12" for (11, 27).</summary>
    public static string Reference(int row, int column) => ColumnName(column) + (row + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>"A" for 0, "Z" for 25, "AA" for 26.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var i = column + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }
        return name;
    }

    private static string Clean(string name)
    {
        var cleaned = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }
}
