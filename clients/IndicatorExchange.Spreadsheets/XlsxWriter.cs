using System.IO.Compression;
using System.Text;
using System.Xml;

namespace IndicatorExchange.Spreadsheets;

/// <summary>
/// Writes sheets as an .xlsx (Office Open XML) workbook. ixc and the dashboard read workbooks with MiniExcel, but
/// MiniExcel 1.46's writer gives a number format to a whole column only and merges cells only when filling a template,
/// while a summary needs each indicator's precision on its own row and the county names merged over their columns. The
/// parts written are the minimal set Excel, LibreOffice and MiniExcel open: content types, relationships, workbook,
/// styles, shared strings and one part per sheet.
/// </summary>
public static class XlsxWriter
{
    internal const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string TypePrefix = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /// <summary>Writes the workbook to a file, creating its folder if needed.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<XlsxSheet> sheets, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(file, sheets);
        await file.FlushAsync(cancellation);
    }

    /// <summary>Writes the workbook to <paramref name="stream"/>, which stays open.</summary>
    public static void Write(Stream stream, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sheets.Count, nameof(sheets));
        var strings = new SharedStrings();
        var styles = new XlsxStyles();
        // The sheets first: they register the texts and styles the other parts list.
        var sheetParts = sheets.Select(sheet => Render(xml => WorksheetPart.Write(xml, sheet, strings, styles))).ToList();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", Render(xml => WriteContentTypes(xml, sheets.Count)));
        Part(zip, "_rels/.rels", Render(xml => WriteRelationships(xml, PackageRelationships, [("officeDocument", "xl/workbook.xml")])));
        Part(zip, "xl/workbook.xml", Render(xml => WriteWorkbook(xml, sheets)));
        Part(zip, "xl/_rels/workbook.xml.rels", Render(xml => WriteRelationships(xml, PackageRelationships,
            [.. Enumerable.Range(1, sheets.Count).Select(i => ("worksheet", $"worksheets/sheet{i}.xml")), ("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml")])));
        Part(zip, "xl/styles.xml", Render(styles.Write));
        for (var i = 0; i < sheetParts.Count; i++)
        {
            Part(zip, $"xl/worksheets/sheet{i + 1}.xml", sheetParts[i]);
        }
        Part(zip, "xl/sharedStrings.xml", Render(strings.Write));
    }

    private static void WriteContentTypes(XmlWriter xml, int sheets)
    {
        xml.WriteStartElement("Types", ContentTypes);
        Element(xml, "Default", ContentTypes, ("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml"));
        Element(xml, "Default", ContentTypes, ("Extension", "xml"), ("ContentType", "application/xml"));
        Element(xml, "Override", ContentTypes, ("PartName", "/xl/workbook.xml"), ("ContentType", TypePrefix + "sheet.main+xml"));
        Element(xml, "Override", ContentTypes, ("PartName", "/xl/styles.xml"), ("ContentType", TypePrefix + "styles+xml"));
        Element(xml, "Override", ContentTypes, ("PartName", "/xl/sharedStrings.xml"), ("ContentType", TypePrefix + "sharedStrings+xml"));
        for (var i = 1; i <= sheets; i++)
        {
            Element(xml, "Override", ContentTypes, ("PartName", $"/xl/worksheets/sheet{i}.xml"), ("ContentType", TypePrefix + "worksheet+xml"));
        }
        xml.WriteEndElement();
    }

    private static void WriteRelationships(XmlWriter xml, string ns, IReadOnlyList<(string Type, string Target)> targets)
    {
        xml.WriteStartElement("Relationships", ns);
        for (var i = 0; i < targets.Count; i++)
        {
            Element(xml, "Relationship", ns, ("Id", $"rId{i + 1}"), ("Type", $"{Relationships}/{targets[i].Type}"), ("Target", targets[i].Target));
        }
        xml.WriteEndElement();
    }

    private static void WriteWorkbook(XmlWriter xml, IReadOnlyList<XlsxSheet> sheets)
    {
        xml.WriteStartElement("workbook", Main);
        xml.WriteAttributeString("xmlns", "r", null, Relationships);
        xml.WriteStartElement("sheets", Main);
        for (var i = 0; i < sheets.Count; i++)
        {
            xml.WriteStartElement("sheet", Main);
            xml.WriteAttributeString("name", XmlText.Clean(sheets[i].Name));
            xml.WriteAttributeString("sheetId", $"{i + 1}");
            xml.WriteAttributeString("id", Relationships, $"rId{i + 1}");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, string ns, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name, ns);
        foreach (var (attribute, value) in attributes)
        {
            xml.WriteAttributeString(attribute, value);
        }
        xml.WriteEndElement();
    }

    /// <summary>A part's bytes: UTF-8 without a byte order mark, with the standalone XML declaration.</summary>
    private static byte[] Render(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument(standalone: true);
            write(xml);
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
