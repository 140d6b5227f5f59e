namespace IndicatorExchange.Domain.Units;

/// <summary>What a unit measures. Values convert only within one dimension.</summary>
public enum Dimension
{
    Yuan,
    UsDollar,
    Person,
    PersonTime,
    Tonne,
    Mu,
    Head,
    Household,
    Enterprise,
    Percent,
}
