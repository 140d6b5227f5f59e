using System.IO.Compression;
using System.Xml.Linq;

namespace IndicatorExchange.Spreadsheets.Tests;

/// <summary>A workbook written to memory and read back as what it is, a zip of XML parts.</summary>
public sealed class WrittenWorkbook
{
    public static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly byte[] _bytes;

    public WrittenWorkbook(params XlsxSheet[] sheets)
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, sheets);
        _bytes = stream.ToArray();
    }

    /// <summary>A part parsed (which fails on any XML that is not well formed).</summary>
    public XDocument Part(string name)
    {
        using var zip = new ZipArchive(new MemoryStream(_bytes), ZipArchiveMode.Read);
        using var entry = (zip.GetEntry(name) ?? throw new InvalidOperationException($"no part {name}")).Open();
        return XDocument.Load(entry);
    }

    /// <summary>The raw text of a part.</summary>
    public string RawPart(string name)
    {
        using var zip = new ZipArchive(new MemoryStream(_bytes), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    public XElement Cell(string reference, int sheet = 1) =>
        Part($"xl/worksheets/sheet{sheet}.xml").Descendants(Main + "c").Single(c => (string?)c.Attribute("r") == reference);

    /// <summary>The text of a string cell, through the shared strings.</summary>
    public string Text(string reference, int sheet = 1)
    {
        var cell = Cell(reference, sheet);
        Assert.Equal("s", (string?)cell.Attribute("t"));
        var index = int.Parse(cell.Element(Main + "v")!.Value);
        return Part("xl/sharedStrings.xml").Descendants(Main + "si").ElementAt(index).Value;
    }

    /// <summary>The number format code of a cell's style, or null for Excel's General (id 0).</summary>
    public string? Format(string reference, int sheet = 1)
    {
        var styles = Part("xl/styles.xml");
        var style = (int?)Cell(reference, sheet).Attribute("s") ?? 0;
        var xf = styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ElementAt(style);
        var id = (string)xf.Attribute("numFmtId")!;
        return id == "0" ? null : (string)styles.Descendants(Main + "numFmt").Single(f => (string?)f.Attribute("numFmtId") == id).Attribute("formatCode")!;
    }

    public IReadOnlyList<string> Merges(int sheet = 1) =>
        Part($"xl/worksheets/sheet{sheet}.xml").Descendants(Main + "mergeCell").Select(m => (string)m.Attribute("ref")!).ToList();
}
