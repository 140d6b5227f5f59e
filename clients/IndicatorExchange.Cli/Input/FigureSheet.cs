namespace IndicatorExchange.Cli.Input;

/// <summary>One data row of a figures sheet: its row number in the file (the line of a CSV, the row of a worksheet) and its cells.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<FigureColumn, string> Cells)
{
    /// <summary>The trimmed text of a cell, or null when the column is absent or the cell empty.</summary>
    public string? this[FigureColumn column] => Cells.TryGetValue(column, out var text) ? text : null;

    public bool IsBlank => Cells.Count == 0;
}

/// <summary>A figures sheet as read from an Excel or CSV file, before any interpretation.</summary>
public sealed record FigureSheet(string File, IReadOnlySet<FigureColumn> Columns, IReadOnlyList<SheetRow> Rows, string? Note = null);
