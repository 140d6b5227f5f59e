using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Spreadsheets;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Cli.Output;

/// <summary>Spreadsheet cells for values as the services send them.</summary>
public static class WireCells
{
    /// <summary>A numeric cell for a wire decimal shown with <paramref name="places"/> decimals; null (an empty cell) when it is unset or not a number.</summary>
    public static XlsxCell? Number(ProtoDecimal? value, int places) =>
        value is not null && DecimalText.TryParse(value.Value, out var number) ? XlsxCell.Number(number, places) : null;
}
