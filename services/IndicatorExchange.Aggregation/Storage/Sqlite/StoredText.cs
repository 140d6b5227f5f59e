using System.Text;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>
/// Turns the UTF-8 text of stored figures into their values without a string per column: an org unit code is the same
/// string each time it is met, a time is parsed once per distinct text (an upload's figures share one), and a decimal is
/// parsed from the bytes. A recomputation reads every figure, and those strings were most of what it allocated.
/// Not thread-safe: one per session.
/// </summary>
internal sealed class StoredText
{
    private const int MaxTimes = 100_000;
    private const int MaxChars = 128;
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _times = new(StringComparer.Ordinal);

    public string Code(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxChars];
        if (!TryDecode(utf8, chars, out var written))
        {
            return Encoding.UTF8.GetString(utf8);
        }
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(chars[..written], out var code))
        {
            code = new string(chars[..written]);
            _codes[code] = code;
        }
        return code;
    }

    public DateTimeOffset Time(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxChars];
        if (!TryDecode(utf8, chars, out var written))
        {
            return FigureRow.ParseTime(Encoding.UTF8.GetString(utf8));
        }
        var lookup = _times.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(chars[..written], out var time))
        {
            if (_times.Count >= MaxTimes)
            {
                _times.Clear();
            }
            var text = new string(chars[..written]);
            time = FigureRow.ParseTime(text);
            _times[text] = time;
        }
        return time;
    }

    /// <summary>A stored decimal, exactly; stored text was canonicalised upstream, so one that does not parse is a bug there.</summary>
    public static decimal Decimal(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxChars];
        return TryDecode(utf8, chars, out var written) && DecimalText.TryParse(chars[..written], out var value)
            ? value
            : throw new InvalidDataException($"Stored value '{Encoding.UTF8.GetString(utf8)}' is not a decimal.");
    }

    private static bool TryDecode(ReadOnlySpan<byte> utf8, Span<char> chars, out int written)
    {
        written = 0;
        return utf8.Length <= chars.Length && Encoding.UTF8.TryGetChars(utf8, chars, out written);
    }
}
