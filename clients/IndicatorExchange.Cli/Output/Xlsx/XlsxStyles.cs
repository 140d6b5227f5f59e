using System.Text;

namespace IndicatorExchange.Cli.Output.Xlsx;

/// <summary>
/// The styles of a written workbook: 0 plain, 1 header (bold, centred, wrapped), then one per number of decimal places
/// (custom number formats "0", "0.0", "0.00" …, ids from 164 as Excel requires for custom formats).
/// </summary>
public static class XlsxStyles
{
    public const int MaxPlaces = 6;
    public const int Plain = 0;
    public const int Header = 1;

    /// <summary>The style of a number shown with <paramref name="places"/> decimals.</summary>
    public static int Number(int places) => 2 + places;

    /// <summary>The number format id of <paramref name="places"/> decimals.</summary>
    public static int FormatId(int places) => 164 + places;

    /// <summary>"0", "0.0", "0.00" …</summary>
    public static string FormatCode(int places) => places == 0 ? "0" : "0." + new string('0', places);

    public static string Xml()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""");
        xml.Append("""<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        xml.Append($"""<numFmts count="{MaxPlaces + 1}">""");
        for (var places = 0; places <= MaxPlaces; places++)
        {
            xml.Append($"""<numFmt numFmtId="{FormatId(places)}" formatCode="{FormatCode(places)}"/>""");
        }
        xml.Append("</numFmts>");
        xml.Append("""<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>""");
        xml.Append("""<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>""");
        xml.Append("""<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>""");
        xml.Append("""<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""");
        xml.Append($"""<cellXfs count="{MaxPlaces + 3}">""");
        xml.Append("""<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>""");
        xml.Append("""<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>""");
        for (var places = 0; places <= MaxPlaces; places++)
        {
            xml.Append($"""<xf numFmtId="{FormatId(places)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>""");
        }
        xml.Append("</cellXfs>");
        xml.Append("""<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>""");
        xml.Append("</styleSheet>");
        return xml.ToString();
    }
}
