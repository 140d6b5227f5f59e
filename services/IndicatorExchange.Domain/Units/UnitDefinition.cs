namespace IndicatorExchange.Domain.Units;

/// <summary>
/// A unit as reports write it: a dimension and a power of ten over the base unit
/// (万 = 4, 亿 = 8; SDMX UNIT_MULT).
/// </summary>
public sealed record UnitDefinition(string Symbol, Dimension Dimension, int Multiplier);
