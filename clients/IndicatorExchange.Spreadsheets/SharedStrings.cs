using System.Globalization;
using System.Xml;

namespace IndicatorExchange.Spreadsheets;

/// <summary>The workbook's table of distinct texts (xl/sharedStrings.xml), which text cells refer to by index.</summary>
internal sealed class SharedStrings
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

    public void Write(XmlWriter xml)
    {
        xml.WriteStartElement("sst", XlsxWriter.Main);
        xml.WriteAttributeString("count", _uses.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("uniqueCount", _texts.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var text in _texts)
        {
            xml.WriteStartElement("si", XlsxWriter.Main);
            xml.WriteStartElement("t", XlsxWriter.Main);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            xml.WriteString(XmlText.Clean(text));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}
