namespace IndicatorExchange.Spreadsheets;

/// <summary>A cell of a written sheet: text, or a number with an Excel number format. Null stands for an empty cell.</summary>
public abstract record XlsxCell
{
    /// <summary>A text cell; null (an empty cell) for null or empty text.</summary>
    public static XlsxCell? Text(string? text, bool header = false) => string.IsNullOrEmpty(text) ? null : new TextCell(text, header);

    /// <summary>A numeric cell holding <paramref name="value"/> exactly, shown with <paramref name="places"/> decimals ("0.00").</summary>
    public static XlsxCell Number(decimal value, int places) => new NumberCell(value, NumberFormats.Fixed(places));

    /// <summary>A numeric cell shown with an Excel number format code such as "0.0" or "#,##0" (null: General).</summary>
    public static XlsxCell Number(decimal value, string? format) => new NumberCell(value, format);

    public static implicit operator XlsxCell?(string? text) => Text(text);
}

/// <summary>Text; <see cref="Header"/> cells are bold, centred and wrapped.</summary>
public sealed record TextCell(string Value, bool Header = false) : XlsxCell;

/// <summary>A number (an Excel numeric cell, never text) and its number format code; null or "General" for Excel's default.</summary>
public sealed record NumberCell(decimal Value, string? Format = null) : XlsxCell;
