using System.Text;

namespace IndicatorExchange.Domain.Csv;

/// <summary>
/// A small RFC 4180 reader for the reference files this project ships (quoted fields,
/// doubled quotes, commas and line breaks inside quotes). Columns are read by header name.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Header = header;
        _columns = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.OrdinalIgnoreCase);
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    public static CsvTable Parse(string text)
    {
        var records = ReadRecords(text.TrimStart('\uFEFF')).Where(r => r.Fields.Count > 1 || r.Fields[0].Length > 0).ToList();
        if (records.Count == 0)
        {
            throw new FormatException("The CSV text has no header line.");
        }
        var table = new CsvTable(records[0].Fields, []);
        var rows = records.Skip(1).Select(r => new CsvRow(table, r.Fields, r.Line)).ToList();
        return new CsvTable(records[0].Fields, rows);
    }

    internal int ColumnIndex(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new KeyNotFoundException($"The CSV has no column '{name}'; it has: {string.Join(", ", Header)}.");

    internal bool HasColumn(string name) => _columns.ContainsKey(name);

    private static IEnumerable<(List<string> Fields, int Line)> ReadRecords(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { inQuotes = false; }
                else { if (c == '\n') { line++; } field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': inQuotes = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return (fields, recordLine);
                    fields = []; line++; recordLine = line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (inQuotes)
        {
            throw new FormatException($"CSV line {recordLine}: a quoted field is not closed.");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (fields, recordLine);
        }
    }
}

/// <summary>One data row; <see cref="Line"/> is its line number in the file, for error messages.</summary>
public sealed class CsvRow(CsvTable table, IReadOnlyList<string> fields, int line)
{
    public int Line { get; } = line;

    public string this[string column]
    {
        get
        {
            var index = table.ColumnIndex(column);
            return index < fields.Count ? fields[index].Trim() : string.Empty;
        }
    }

    /// <summary>The trimmed value, or null when the column is absent or the cell empty.</summary>
    public string? Optional(string column) =>
        table.HasColumn(column) && this[column] is { Length: > 0 } value ? value : null;
}
