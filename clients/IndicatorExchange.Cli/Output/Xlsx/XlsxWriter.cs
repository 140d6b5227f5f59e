using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Cli.Output.Xlsx;

/// <summary>
/// Writes sheets as an .xlsx (Office Open XML) file. ixc reads workbooks with MiniExcel, but MiniExcel's writer gives a
/// number format to a whole column only (and writes the number as formatted text unless the style exists) and merges
/// cells only when filling a template, while a summary needs each indicator's precision on its own row and the county
/// names merged over their columns, as on the dashboard. The parts written are the minimal set Excel, LibreOffice and
/// MiniExcel open: content types, relationships, workbook, styles, shared strings and one part per sheet.
/// </summary>
public static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static async Task WriteAsync(string path, IReadOnlyList<XlsxSheet> sheets, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var strings = new SharedStrings();
        var sheetXml = sheets.Select(sheet => SheetXml(sheet, strings)).ToList();
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Part(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
        Part(zip, "_rels/.rels",
            $"""<Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part(zip, "xl/workbook.xml", WorkbookXml(sheets));
        Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(sheets.Count));
        Part(zip, "xl/styles.xml", XlsxStyles.Xml());
        for (var i = 0; i < sheetXml.Count; i++)
        {
            Part(zip, $"xl/worksheets/sheet{i + 1}.xml", sheetXml[i]);
        }
        Part(zip, "xl/sharedStrings.xml", strings.Xml());
        await file.FlushAsync(cancellation);
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        if (!xml.StartsWith("<?xml", StringComparison.Ordinal))
        {
            writer.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""");
        }
        writer.Write(xml);
    }

    private static string ContentTypes(int sheets)
    {
        var xml = new StringBuilder("""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""");
        xml.Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""");
        xml.Append("""<Default Extension="xml" ContentType="application/xml"/>""");
        xml.Append("""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
        xml.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        xml.Append("""<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
        for (var i = 1; i <= sheets; i++)
        {
            xml.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }
        return xml.Append("</Types>").ToString();
    }

    private static string WorkbookXml(IReadOnlyList<XlsxSheet> sheets)
    {
        var xml = new StringBuilder($"""<workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets>""");
        for (var i = 0; i < sheets.Count; i++)
        {
            xml.Append($"""<sheet name="{Escape(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
        }
        return xml.Append("</sheets></workbook>").ToString();
    }

    private static string WorkbookRelationships(int sheets)
    {
        var xml = new StringBuilder($"""<Relationships xmlns="{PackageRelationships}">""");
        for (var i = 1; i <= sheets; i++)
        {
            xml.Append($"""<Relationship Id="rId{i}" Type="{Relationships}/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        }
        xml.Append($"""<Relationship Id="rId{sheets + 1}" Type="{Relationships}/styles" Target="styles.xml"/>""");
        xml.Append($"""<Relationship Id="rId{sheets + 2}" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""");
        return xml.Append("</Relationships>").ToString();
    }

    private static string SheetXml(XlsxSheet sheet, SharedStrings strings)
    {
        var width = Math.Max(1, sheet.Rows.Count == 0 ? 1 : sheet.Rows.Max(r => r.Count));
        var xml = new StringBuilder($"""<worksheet xmlns="{Main}" xmlns:r="{Relationships}">""");
        if (sheet.FrozenRows > 0)
        {
            xml.Append($"""<sheetViews><sheetView workbookViewId="0"><pane ySplit="{sheet.FrozenRows}" topLeftCell="{XlsxSheet.Reference(sheet.FrozenRows, 0)}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>""");
        }
        if (sheet.Widths.Count > 0)
        {
            xml.Append("<cols>");
            for (var i = 0; i < sheet.Widths.Count; i++)
            {
                xml.Append(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{sheet.Widths[i]}" customWidth="1"/>""");
            }
            xml.Append("</cols>");
        }
        xml.Append("<sheetData>");
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<row r="{r + 1}">""");
            var row = sheet.Rows[r];
            for (var c = 0; c < row.Count; c++)
            {
                var reference = XlsxSheet.Reference(r, c);
                switch (row[c])
                {
                    case TextCell text:
                        xml.Append($"""<c r="{reference}" t="s" s="{(text.Header ? XlsxStyles.Header : XlsxStyles.Plain)}"><v>{strings.Index(text.Value)}</v></c>""");
                        break;
                    case NumberCell number:
                        xml.Append($"""<c r="{reference}" s="{XlsxStyles.Number(number.Places)}"><v>{DecimalText.Format(number.Value)}</v></c>""");
                        break;
                }
            }
            xml.Append("</row>");
        }
        xml.Append("</sheetData>");
        if (sheet.AutoFilter && sheet.FrozenRows > 0 && sheet.Rows.Count >= sheet.FrozenRows)
        {
            xml.Append($"""<autoFilter ref="{XlsxSheet.Reference(sheet.FrozenRows - 1, 0)}:{XlsxSheet.Reference(Math.Max(sheet.Rows.Count - 1, sheet.FrozenRows - 1), width - 1)}"/>""");
        }
        if (sheet.Merges.Count > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<mergeCells count="{sheet.Merges.Count}">""");
            foreach (var merge in sheet.Merges)
            {
                xml.Append($"""<mergeCell ref="{merge}"/>""");
            }
            xml.Append("</mergeCells>");
        }
        return xml.Append("</worksheet>").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    /// <summary>The workbook's table of distinct texts, which cells refer to by index.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];
        private int _uses;

        public int Index(string text)
        {
            _uses++;
            if (!_index.TryGetValue(text, out var index))
            {
                index = _texts.Count;
                _index[text] = index;
                _texts.Add(text);
            }
            return index;
        }

        public string Xml()
        {
            var xml = new StringBuilder();
            xml.Append(CultureInfo.InvariantCulture, $"""<sst xmlns="{Main}" count="{_uses}" uniqueCount="{_texts.Count}">""");
            foreach (var text in _texts)
            {
                xml.Append($"""<si><t xml:space="preserve">{Escape(text)}</t></si>""");
            }
            return xml.Append("</sst>").ToString();
        }
    }
}
