using System.Text;

namespace IndicatorExchange.Cli.Input;

/// <summary>The text of a CSV file: UTF-8 (with or without BOM), or GB18030 for a CSV saved by Excel on a Chinese Windows.</summary>
public static class CsvText
{
    /// <returns>The text, and a note when it was not UTF-8.</returns>
    public static (string Text, string? Note) Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return (Encoding.GetEncoding("GB18030").GetString(bytes), "not UTF-8: read as GB18030 (GBK)");
        }
    }
}
