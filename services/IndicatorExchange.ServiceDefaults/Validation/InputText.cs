using System.Globalization;
using System.Text;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.ServiceDefaults.Validation;

/// <summary>
/// The limits every text field of a request is held to, the same in every service (the proto comments state
/// them), and the safe way to quote a client's text back in an error message.
/// </summary>
public static class InputText
{
    /// <summary>Codes (indicator, org unit, period, unit) and request ids: at most 128 characters.</summary>
    public const int MaxCodeLength = 128;

    /// <summary>Decimal values as text: at most 64 characters.</summary>
    public const int MaxValueLength = 64;

    /// <summary>Names: at most 256 characters.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Free text (a figure's note, a target's reason, an indicator's description): at most 2,000 characters.</summary>
    public const int MaxFreeTextLength = 2_000;

    /// <summary>How much of a client's text an error message quotes.</summary>
    public const int MaxEchoLength = 40;

    /// <summary>
    /// The problem with a code, value or request id, or null: longer than <paramref name="maxLength"/> (TOO_LONG) or
    /// holding a control character (CONTROL_CHARACTER). Empty text is left to the caller's own REQUIRED check.
    /// </summary>
    public static FieldProblem? CheckCode(string field, string? text, int maxLength = MaxCodeLength, int index = -1) =>
        Check(field, text, maxLength, allowLineBreaks: false, index);

    /// <summary>The problem with free text, or null: as <see cref="CheckCode"/>, but tabs and line breaks are allowed.</summary>
    public static FieldProblem? CheckFreeText(string field, string? text, int maxLength = MaxFreeTextLength, int index = -1) =>
        Check(field, text, maxLength, allowLineBreaks: true, index);

    private static FieldProblem? Check(string field, string? text, int maxLength, bool allowLineBreaks, int index)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            return new FieldProblem(field, "TOO_LONG",
                $"{field} 最长 {maxLength} 个字符，实为 {text.Length} / {field} is limited to {maxLength} characters; got {text.Length}", index);
        }
        var at = IndexOfControl(text, allowLineBreaks);
        return at < 0 ? null : new FieldProblem(field, "CONTROL_CHARACTER",
            $"{field} 含控制字符 U+{(int)text[at]:X4}（第 {at + 1} 个字符）/ {field} holds the control character U+{(int)text[at]:X4} at position {at + 1}: {Echo(text)}",
            index);
    }

    /// <summary>Whether the text holds a control character (tab and line breaks allowed when <paramref name="allowLineBreaks"/>).</summary>
    public static bool HasControl(string? text, bool allowLineBreaks = false) => text is not null && IndexOfControl(text, allowLineBreaks) >= 0;

    private static int IndexOfControl(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// A client's text as an error message may quote it: quoted, control characters written as \uXXXX, and cut to
    /// <see cref="MaxEchoLength"/> characters with the full length given ('GDPGDP…' (100000 chars)).
    /// </summary>
    public static string Echo(string? text)
    {
        if (text is null)
        {
            return "''";
        }
        var builder = new StringBuilder(Math.Min(text.Length, MaxEchoLength) + 24).Append('\'');
        var shown = 0;
        for (var i = 0; i < text.Length && shown < MaxEchoLength; i++, shown++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                // A lone surrogate cannot be encoded as UTF-8: the error itself would fail to serialise.
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        builder.Append('\'');
        if (text.Length > MaxEchoLength)
        {
            builder.Append("… (").Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)");
        }
        return builder.ToString();
    }
}
