using System.Globalization;
using System.Xml;

namespace IndicatorExchange.Spreadsheets;

/// <summary>
/// The cell formats of a workbook (xl/styles.xml): 0 plain, then one per (number format, header) met; custom number
/// formats get ids from 164, as Excel requires (below are its built-in ones).
/// </summary>
internal sealed class XlsxStyles
{
    private const int FirstCustomFormat = 164;
    private readonly List<(string? Format, bool Header)> _styles = [(null, false)];
    private readonly List<string> _formats = [];

    /// <summary>The style index of <paramref name="cell"/>, added when first met.</summary>
    public int Index(XlsxCell cell)
    {
        var key = cell switch
        {
            NumberCell number => (NumberFormats.IsGeneral(number.Format) ? null : number.Format, false),
            TextCell text => ((string?)null, text.Header),
            _ => ((string?)null, false),
        };
        var index = _styles.IndexOf(key);
        if (index >= 0)
        {
            return index;
        }
        _styles.Add(key);
        if (key.Item1 is { } format && !_formats.Contains(format))
        {
            _formats.Add(format);
        }
        return _styles.Count - 1;
    }

    public void Write(XmlWriter xml)
    {
        xml.WriteStartElement("styleSheet", XlsxWriter.Main);
        if (_formats.Count > 0)
        {
            xml.WriteStartElement("numFmts", XlsxWriter.Main);
            xml.WriteAttributeString("count", Count(_formats.Count));
            for (var i = 0; i < _formats.Count; i++)
            {
                xml.WriteStartElement("numFmt", XlsxWriter.Main);
                xml.WriteAttributeString("numFmtId", Count(FirstCustomFormat + i));
                xml.WriteAttributeString("formatCode", _formats[i]);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteRaw("""<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>""");
        xml.WriteRaw("""<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>""");
        xml.WriteRaw("""<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>""");
        xml.WriteRaw("""<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""");
        xml.WriteStartElement("cellXfs", XlsxWriter.Main);
        xml.WriteAttributeString("count", Count(_styles.Count));
        foreach (var (format, header) in _styles)
        {
            WriteStyle(xml, format is null ? 0 : FirstCustomFormat + _formats.IndexOf(format), header);
        }
        xml.WriteEndElement();
        xml.WriteRaw("""<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>""");
        xml.WriteEndElement();
    }

    private static void WriteStyle(XmlWriter xml, int formatId, bool header)
    {
        xml.WriteStartElement("xf", XlsxWriter.Main);
        xml.WriteAttributeString("numFmtId", Count(formatId));
        xml.WriteAttributeString("fontId", header ? "1" : "0");
        xml.WriteAttributeString("fillId", "0");
        xml.WriteAttributeString("borderId", "0");
        xml.WriteAttributeString("xfId", "0");
        if (formatId != 0)
        {
            xml.WriteAttributeString("applyNumberFormat", "1");
        }
        if (header)
        {
            xml.WriteAttributeString("applyFont", "1");
            xml.WriteAttributeString("applyAlignment", "1");
            xml.WriteStartElement("alignment", XlsxWriter.Main);
            xml.WriteAttributeString("horizontal", "center");
            xml.WriteAttributeString("vertical", "center");
            xml.WriteAttributeString("wrapText", "1");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
