using System.Text;
using System.Xml;

namespace IndicatorExchange.Spreadsheets;

/// <summary>Text as XML 1.0 can hold it: characters it cannot (control characters, lone surrogates) are left out.</summary>
internal static class XmlText
{
    public static string Clean(string text)
    {
        if (IsClean(text))
        {
            return text;
        }
        var cleaned = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                cleaned.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                cleaned.Append(text[i]);
            }
        }
        return cleaned.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
