using System.Globalization;
using System.Xml;

namespace IndicatorExchange.Spreadsheets;

/// <summary>Writes one sheet's part (xl/worksheets/sheetN.xml), registering its texts and styles with the workbook's tables.</summary>
internal static class WorksheetPart
{
    private const string Main = XlsxWriter.Main;

    public static void Write(XmlWriter xml, XlsxSheet sheet, SharedStrings strings, XlsxStyles styles)
    {
        xml.WriteStartElement("worksheet", Main);
        if (sheet.FrozenRows > 0 || sheet.FrozenColumns > 0)
        {
            WritePane(xml, sheet.FrozenRows, sheet.FrozenColumns);
        }
        if (sheet.Widths.Count > 0)
        {
            xml.WriteStartElement("cols", Main);
            for (var i = 0; i < sheet.Widths.Count; i++)
            {
                xml.WriteStartElement("col", Main);
                xml.WriteAttributeString("min", Text(i + 1));
                xml.WriteAttributeString("max", Text(i + 1));
                xml.WriteAttributeString("width", sheet.Widths[i].ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("customWidth", "1");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteStartElement("sheetData", Main);
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            xml.WriteStartElement("row", Main);
            xml.WriteAttributeString("r", Text(r + 1));
            var row = sheet.Rows[r];
            for (var c = 0; c < row.Count; c++)
            {
                if (row[c] is { } cell)
                {
                    WriteCell(xml, XlsxSheet.Reference(r, c), cell, strings, styles.Index(cell));
                }
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        if (sheet.AutoFilter && sheet.FrozenRows > 0)
        {
            var width = sheet.Rows.Count == 0 ? 1 : Math.Max(1, sheet.Rows.Max(r => r.Count));
            var lastRow = Math.Max(sheet.Rows.Count, sheet.FrozenRows) - 1;
            xml.WriteStartElement("autoFilter", Main);
            xml.WriteAttributeString("ref", new XlsxRange(sheet.FrozenRows - 1, 0, lastRow, width - 1).ToString());
            xml.WriteEndElement();
        }
        if (sheet.Merges.Count > 0)
        {
            xml.WriteStartElement("mergeCells", Main);
            xml.WriteAttributeString("count", Text(sheet.Merges.Count));
            foreach (var merge in sheet.Merges)
            {
                xml.WriteStartElement("mergeCell", Main);
                xml.WriteAttributeString("ref", merge.ToString());
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WritePane(XmlWriter xml, int rows, int columns)
    {
        xml.WriteStartElement("sheetViews", Main);
        xml.WriteStartElement("sheetView", Main);
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane", Main);
        if (columns > 0)
        {
            xml.WriteAttributeString("xSplit", Text(columns));
        }
        if (rows > 0)
        {
            xml.WriteAttributeString("ySplit", Text(rows));
        }
        xml.WriteAttributeString("topLeftCell", XlsxSheet.Reference(rows, columns));
        xml.WriteAttributeString("activePane", (rows > 0, columns > 0) switch
        {
            (true, true) => "bottomRight",
            (true, false) => "bottomLeft",
            _ => "topRight",
        });
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteCell(XmlWriter xml, string reference, XlsxCell cell, SharedStrings strings, int style)
    {
        xml.WriteStartElement("c", Main);
        xml.WriteAttributeString("r", reference);
        if (style != 0)
        {
            xml.WriteAttributeString("s", Text(style));
        }
        switch (cell)
        {
            case TextCell text:
                xml.WriteAttributeString("t", "s");
                xml.WriteElementString("v", Main, Text(strings.Index(text.Value)));
                break;
            case NumberCell number:
                // The exact value with no trailing zeros and never an exponent: 0.1920 → 0.192.
                xml.WriteElementString("v", Main, number.Value.ToString("0.############################", CultureInfo.InvariantCulture));
                break;
        }
        xml.WriteEndElement();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
