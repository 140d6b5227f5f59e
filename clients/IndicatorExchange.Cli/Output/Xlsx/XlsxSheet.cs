namespace IndicatorExchange.Cli.Output.Xlsx;

/// <summary>A cell of a written sheet: text, or a number shown with a fixed number of decimal places.</summary>
public abstract record XlsxCell
{
    public static XlsxCell? Text(string? text, bool header = false) => string.IsNullOrEmpty(text) ? null : new TextCell(text, header);

    /// <summary>A numeric cell holding <paramref name="value"/> exactly, shown with <paramref name="places"/> decimals (number format "0.00").</summary>
    public static XlsxCell Number(decimal value, int places) => new NumberCell(value, Math.Clamp(places, 0, XlsxStyles.MaxPlaces));

    /// <summary>A numeric cell for a wire decimal; null (an empty cell) when it is unset or not a number.</summary>
    public static XlsxCell? Number(Contracts.Common.V1.Decimal? value, int places) =>
        value is not null && Domain.Numbers.DecimalText.TryParse(value.Value, out var number) ? Number(number, places) : null;
}

/// <summary>Text; <see cref="Header"/> cells are bold and centred.</summary>
public sealed record TextCell(string Value, bool Header) : XlsxCell;

/// <summary>A number (an Excel numeric cell, never text) with its display precision.</summary>
public sealed record NumberCell(decimal Value, int Places) : XlsxCell;

/// <summary>One worksheet: rows of cells (null for empty), merged ranges, column widths, frozen header rows, an auto filter.</summary>
public sealed class XlsxSheet(string name)
{
    /// <summary>At most 31 characters, as Excel requires.</summary>
    public string Name { get; } = name.Length > 31 ? name[..31] : name;

    public List<IReadOnlyList<XlsxCell?>> Rows { get; } = [];

    /// <summary>Ranges such as "F1:J1" shown as one cell (the first cell's content).</summary>
    public List<string> Merges { get; } = [];

    /// <summary>Widths of the first columns, in characters.</summary>
    public List<double> Widths { get; } = [];

    /// <summary>Header rows kept in view while scrolling.</summary>
    public int FrozenRows { get; init; }

    /// <summary>Whether the last header row carries Excel's filter buttons.</summary>
    public bool AutoFilter { get; init; }

    public void Add(params XlsxCell?[] cells) => Rows.Add(cells);

    /// <summary>Merges a rectangle given by zero-based row and column indexes (inclusive).</summary>
    public void Merge(int firstRow, int firstColumn, int lastRow, int lastColumn) =>
        Merges.Add($"{Reference(firstRow, firstColumn)}:{Reference(lastRow, lastColumn)}");

    /// <summary>"A1" for (0, 0), "AB12" for (11, 27).</summary>
    public static string Reference(int row, int column) => ColumnName(column) + (row + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = "";
        for (var i = column + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }
        return name;
    }
}
