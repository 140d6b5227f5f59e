using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Contracts.Common.V1;

/// <summary>Exact conversion between the wire Decimal (canonical text) and System.Decimal.</summary>
public sealed partial class Decimal
{
    public static Decimal From(decimal value) => new() { Value = DecimalText.Format(value) };

    public static Decimal? FromNullable(decimal? value) => value is { } v ? From(v) : null;

    /// <summary>Parses the text; false when it is not a plain decimal (see the proto comment).</summary>
    public bool TryToDecimal(out decimal value) => DecimalText.TryParse(Value, out value);

    public decimal ToDecimal() =>
        TryToDecimal(out var value) ? value : throw new FormatException($"'{Value}' is not a decimal number.");
}
