namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// Supplies the operands of rule expressions for the one figure being checked. The engine knows no operand names:
/// <see cref="OperandNames"/> lists the ones the default rules use.
/// </summary>
public interface IOperandSource
{
    /// <summary>
    /// The value of operand <paramref name="name"/> (lower_snake_case), for <paramref name="indicator"/> when the
    /// expression wrote one (<c>value(RETAIL_SALES)</c>), otherwise null. Returns null when the value is unknown or absent.
    /// </summary>
    decimal? Resolve(string name, string? indicator);
}
