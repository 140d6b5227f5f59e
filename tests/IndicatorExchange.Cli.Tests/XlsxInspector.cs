using System.IO.Compression;
using System.Xml.Linq;

namespace IndicatorExchange.Cli.Tests;

/// <summary>Reads a written .xlsx as what it is, a zip of XML parts: each cell's type, value and number format, and the merged ranges.</summary>
public sealed class XlsxInspector
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly Dictionary<string, XElement> _cells;
    private readonly List<string> _strings;
    private readonly List<string> _formats;

    public XlsxInspector(string file, int sheet = 1)
    {
        using var zip = ZipFile.OpenRead(file);
        XDocument Part(string name) => XDocument.Load(zip.GetEntry(name)!.Open());
        _strings = zip.GetEntry("xl/sharedStrings.xml") is null ? [] : Part("xl/sharedStrings.xml").Descendants(Main + "si").Select(si => si.Value).ToList();
        var styles = Part("xl/styles.xml");
        var custom = styles.Descendants(Main + "numFmt").ToDictionary(f => (string)f.Attribute("numFmtId")!, f => (string)f.Attribute("formatCode")!);
        _formats = styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf")
            .Select(xf => (string?)xf.Attribute("numFmtId") ?? "0").Select(id => custom.GetValueOrDefault(id, id == "0" ? "General" : $"builtin {id}")).ToList();
        var worksheet = Part($"xl/worksheets/sheet{sheet}.xml");
        _cells = worksheet.Descendants(Main + "c").ToDictionary(c => (string)c.Attribute("r")!);
        Merges = worksheet.Descendants(Main + "mergeCell").Select(m => (string)m.Attribute("ref")!).ToList();
    }

    public IReadOnlyList<string> Merges { get; }

    /// <summary>The text of a cell (shared or inline string, or the number's text); null when the cell is absent.</summary>
    public string? Text(string reference) => _cells.TryGetValue(reference, out var cell)
        ? (string?)cell.Attribute("t") == "s" ? _strings[int.Parse(cell.Element(Main + "v")!.Value)] : cell.Value
        : null;

    /// <summary>Whether the cell is a number (no type, or t="n"), not text.</summary>
    public bool IsNumber(string reference) => _cells.TryGetValue(reference, out var cell) && ((string?)cell.Attribute("t") ?? "n") == "n";

    /// <summary>The number format code of the cell's style ("0.00").</summary>
    public string Format(string reference) => _formats[int.Parse((string?)_cells[reference].Attribute("s") ?? "0")];

    /// <summary>The reference of the first cell whose text is <paramref name="text"/>.</summary>
    public string Find(string text) => _cells.Keys.First(r => Text(r) == text);

    /// <summary>"C5" → "C", "AB12" → "AB".</summary>
    public static string Column(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

    /// <summary>"C5" → 5.</summary>
    public static int Row(string reference) => int.Parse(reference[Column(reference).Length..]);

    /// <summary>The cell in the row of <paramref name="rowOf"/> and the column of <paramref name="columnOf"/>.</summary>
    public static string At(string rowOf, string columnOf) => Column(columnOf) + Row(rowOf);
}
