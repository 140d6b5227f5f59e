using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace IndicatorExchange.Dashboard.Export;

/// <summary>A cell: a decimal (a numeric cell, with an Excel number format such as "0.00"), a string, or nothing.</summary>
public sealed record XlsxCell(object? Value, string? NumberFormat = null, bool Header = false)
{
    public static implicit operator XlsxCell(string? text) => new((object?)text);
}

/// <summary>Cells merged into one, by zero-based row and column (inclusive).</summary>
public sealed record XlsxRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

/// <summary>
/// Writes one worksheet as an .xlsx file (Office Open XML, inline strings). MiniExcel 1.46, which the dashboard used
/// before, gives a number format per column only and merges cells only in templates; the summary needs a format per
/// row (each indicator's display precision) and merged county headers, so the few parts of the format are written here.
/// </summary>
public static class XlsxSheet
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>The first custom number format id (below are Excel's built-in ones).</summary>
    private const int FirstCustomFormat = 164;

    public static void Write(Stream stream, string sheetName, IReadOnlyList<IReadOnlyList<XlsxCell?>> rows, IReadOnlyList<XlsxRange> merges,
        int frozenRows = 0, int frozenColumns = 0)
    {
        var styles = new Styles();
        foreach (var cell in rows.SelectMany(r => r))
        {
            if (cell is not null)
            {
                styles.Index(cell);
            }
        }
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        Part(zip, "_rels/.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part(zip, "xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Relationships}/styles" Target="styles.xml"/></Relationships>
            """);
        Xml(zip, "xl/workbook.xml", xml =>
        {
            xml.WriteStartElement("workbook", Main);
            xml.WriteAttributeString("xmlns", "r", null, Relationships);
            xml.WriteStartElement("sheets", Main);
            xml.WriteStartElement("sheet", Main);
            xml.WriteAttributeString("name", SheetName(sheetName));
            xml.WriteAttributeString("sheetId", "1");
            xml.WriteAttributeString("id", Relationships, "rId1");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        });
        Xml(zip, "xl/styles.xml", styles.Write);
        Xml(zip, "xl/worksheets/sheet1.xml", xml => WriteSheet(xml, rows, merges, styles, frozenRows, frozenColumns));
    }

    /// <summary>"A1" style reference of a zero-based cell.</summary>
    public static string Reference(int row, int column)
    {
        var name = "";
        for (var i = column + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }
        return name + (row + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteSheet(XmlWriter xml, IReadOnlyList<IReadOnlyList<XlsxCell?>> rows, IReadOnlyList<XlsxRange> merges, Styles styles,
        int frozenRows, int frozenColumns)
    {
        xml.WriteStartElement("worksheet", Main);
        if (frozenRows > 0 || frozenColumns > 0)
        {
            xml.WriteStartElement("sheetViews", Main);
            xml.WriteStartElement("sheetView", Main);
            xml.WriteAttributeString("workbookViewId", "0");
            xml.WriteStartElement("pane", Main);
            if (frozenColumns > 0)
            {
                xml.WriteAttributeString("xSplit", frozenColumns.ToString(CultureInfo.InvariantCulture));
            }
            if (frozenRows > 0)
            {
                xml.WriteAttributeString("ySplit", frozenRows.ToString(CultureInfo.InvariantCulture));
            }
            xml.WriteAttributeString("topLeftCell", Reference(frozenRows, frozenColumns));
            xml.WriteAttributeString("activePane", "bottomRight");
            xml.WriteAttributeString("state", "frozen");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteStartElement("sheetData", Main);
        for (var r = 0; r < rows.Count; r++)
        {
            xml.WriteStartElement("row", Main);
            xml.WriteAttributeString("r", (r + 1).ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (rows[r][c] is { } cell)
                {
                    WriteCell(xml, Reference(r, c), cell, styles.Index(cell));
                }
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        if (merges.Count > 0)
        {
            xml.WriteStartElement("mergeCells", Main);
            xml.WriteAttributeString("count", merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var merge in merges)
            {
                xml.WriteStartElement("mergeCell", Main);
                xml.WriteAttributeString("ref", $"{Reference(merge.FirstRow, merge.FirstColumn)}:{Reference(merge.LastRow, merge.LastColumn)}");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteCell(XmlWriter xml, string reference, XlsxCell cell, int style)
    {
        xml.WriteStartElement("c", Main);
        xml.WriteAttributeString("r", reference);
        if (style != 0)
        {
            xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        }
        switch (cell.Value)
        {
            case decimal number:
                xml.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
                break;
            case int number:
                xml.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
                break;
            case null:
                break;
            case var other:
                xml.WriteAttributeString("t", "inlineStr");
                xml.WriteStartElement("is", Main);
                xml.WriteStartElement("t", Main);
                xml.WriteAttributeString("xml", "space", null, "preserve");
                xml.WriteString(Convert.ToString(other, CultureInfo.InvariantCulture));
                xml.WriteEndElement();
                xml.WriteEndElement();
                break;
        }
        xml.WriteEndElement();
    }

    /// <summary>Excel's limits for a sheet name: 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var cleaned = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    private static void Part(ZipArchive zip, string path, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content.Trim());
    }

    private static void Xml(ZipArchive zip, string path, Action<XmlWriter> write)
    {
        using var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(entry, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    /// <summary>The cell formats used: 0 the default, then one per (number format, header) met.</summary>
    private sealed class Styles
    {
        private readonly List<(string? Format, bool Header)> _formats = [(null, false)];
        private readonly List<string> _numberFormats = [];

        public int Index(XlsxCell cell)
        {
            var key = (cell.NumberFormat, cell.Header);
            var index = _formats.IndexOf(key);
            if (index < 0)
            {
                _formats.Add(key);
                index = _formats.Count - 1;
                if (cell.NumberFormat is { } format && !_numberFormats.Contains(format))
                {
                    _numberFormats.Add(format);
                }
            }
            return index;
        }

        public void Write(XmlWriter xml)
        {
            xml.WriteStartElement("styleSheet", Main);
            if (_numberFormats.Count > 0)
            {
                xml.WriteStartElement("numFmts", Main);
                xml.WriteAttributeString("count", _numberFormats.Count.ToString(CultureInfo.InvariantCulture));
                for (var i = 0; i < _numberFormats.Count; i++)
                {
                    xml.WriteStartElement("numFmt", Main);
                    xml.WriteAttributeString("numFmtId", (FirstCustomFormat + i).ToString(CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("formatCode", _numberFormats[i]);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteRaw("""<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""");
            xml.WriteStartElement("cellXfs", Main);
            xml.WriteAttributeString("count", _formats.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var (format, header) in _formats)
            {
                xml.WriteStartElement("xf", Main);
                var id = format is null ? 0 : FirstCustomFormat + _numberFormats.IndexOf(format);
                xml.WriteAttributeString("numFmtId", id.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("fontId", header ? "1" : "0");
                xml.WriteAttributeString("fillId", "0");
                xml.WriteAttributeString("borderId", "0");
                xml.WriteAttributeString("xfId", "0");
                if (format is not null)
                {
                    xml.WriteAttributeString("applyNumberFormat", "1");
                }
                if (header)
                {
                    xml.WriteAttributeString("applyFont", "1");
                    xml.WriteAttributeString("applyAlignment", "1");
                    xml.WriteStartElement("alignment", Main);
                    xml.WriteAttributeString("horizontal", "center");
                    xml.WriteAttributeString("vertical", "center");
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteRaw("""<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>""");
            xml.WriteEndElement();
        }
    }
}
