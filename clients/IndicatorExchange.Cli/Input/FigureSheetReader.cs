using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Domain.Csv;
using MiniExcelLibs;

namespace IndicatorExchange.Cli.Input;

/// <summary>Reads a figures sheet from .xlsx (MiniExcel) or .csv (the domain's CsvTable), with row numbers as the file shows them.</summary>
public static class FigureSheetReader
{
    /// <summary>How far down a worksheet the header row may be (a title line above it is fine).</summary>
    private const int HeaderSearchRows = 20;

    public static bool IsExcel(string file) => Path.GetExtension(file).ToLowerInvariant() is ".xlsx" or ".xlsm";

    public static bool IsCsv(string file) => Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="UsageException">Missing file, unknown extension, or no recognisable header row.</exception>
    public static FigureSheet Read(string file, string? sheetName = null)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"找不到文件 {file} / No such file: {file}");
        }
        if (IsExcel(file))
        {
            return ReadExcel(file, sheetName);
        }
        if (IsCsv(file))
        {
            return ReadCsv(file);
        }
        throw new UsageException($"{file}: 只支持 .xlsx 和 .csv 文件 only .xlsx and .csv files can be read.");
    }

    private static FigureSheet ReadExcel(string file, string? sheetName)
    {
        List<IDictionary<string, object?>> rows;
        try
        {
            if (sheetName is not null && !MiniExcel.GetSheetNames(file).Contains(sheetName))
            {
                throw new UsageException($"{file}: 没有工作表 '{sheetName}' / no sheet '{sheetName}'; it has: {string.Join(", ", MiniExcel.GetSheetNames(file))}.");
            }
            // Without a header row MiniExcel keys cells by column letter and yields every row, empty ones
            // included, so the position in the list is the worksheet row number minus one.
            rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: sheetName)
                .Cast<IDictionary<string, object?>>()
                .ToList();
        }
        catch (Exception exception) when (exception is not UsageException and (InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException))
        {
            throw new UsageException($"{file}: 不是可读的 Excel 文件 not a readable Excel workbook ({exception.Message}).");
        }

        for (var headerIndex = 0; headerIndex < Math.Min(rows.Count, HeaderSearchRows); headerIndex++)
        {
            var map = FigureHeaders.Map(rows[headerIndex].Select(cell => (cell.Key, CellText.Of(cell.Value))));
            if (!FigureHeaders.IsFigureHeader(map))
            {
                continue;
            }
            var data = rows.Skip(headerIndex + 1).Select((row, i) => new SheetRow(headerIndex + 2 + i, Cells(map, letter => row.TryGetValue(letter, out var v) ? CellText.Of(v) : null)));
            return new FigureSheet(file, map.Keys.ToHashSet(), data.ToList());
        }
        throw new UsageException($"{file}: 找不到表头 no header row found in the first {HeaderSearchRows} rows; expected {FigureHeaders.Expected}.");
    }

    private static FigureSheet ReadCsv(string file)
    {
        var (text, note) = CsvText.Read(file);
        CsvTable table;
        try
        {
            table = CsvTable.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new UsageException($"{file}: {exception.Message}");
        }
        catch (ArgumentException)
        {
            throw new UsageException($"{file}: 表头重复 the header line names a column twice: {string.Join(", ", HeaderLine(text))}.");
        }
        var map = FigureHeaders.Map(table.Header.Select(name => (name, (string?)name)));
        if (!FigureHeaders.IsFigureHeader(map))
        {
            throw new UsageException($"{file}: 表头不符 line 1 is not a figures header: it has {string.Join(", ", table.Header)}; expected {FigureHeaders.Expected}.");
        }
        var rows = table.Rows.Select(row => new SheetRow(row.Line, Cells(map, name => CellText.Trimmed(row[name])))).ToList();
        return new FigureSheet(file, map.Keys.ToHashSet(), rows, note);
    }

    private static IEnumerable<string> HeaderLine(string text) => text.Split('\n', 2)[0].Trim().Split(',');

    private static Dictionary<FigureColumn, string> Cells<TKey>(Dictionary<FigureColumn, TKey> map, Func<TKey, string?> read)
    {
        var cells = new Dictionary<FigureColumn, string>();
        foreach (var (column, key) in map)
        {
            if (read(key) is { } text)
            {
                cells[column] = text;
            }
        }
        return cells;
    }
}
