namespace IndicatorExchange.Domain.Units;

/// <summary>
/// Units in English for ixc's English exports and the dashboard's English page and export: the unit's dimension and its
/// multiplier (万 = 10,000, 亿 = 100 million), from the same unit table the services normalise with: 亿元 → "100 million
/// yuan", 万人次 → "10,000 person-times". An unknown unit is shown as sent.
/// </summary>
public static class EnglishUnits
{
    /// <summary>The English name of <paramref name="unit"/>, or the unit itself when the table does not know it.</summary>
    public static string Of(string unit)
    {
        if (!UnitTable.TryGet(unit, out var definition))
        {
            return unit;
        }
        var name = definition.Dimension switch
        {
            Dimension.Yuan => "yuan",
            Dimension.UsDollar => "US dollars",
            Dimension.Person => "persons",
            Dimension.PersonTime => "person-times",
            Dimension.Tonne => "tonnes",
            Dimension.Mu => "mu",
            Dimension.Head => "head",
            Dimension.Household => "households",
            Dimension.Enterprise => "enterprises",
            _ => "",
        };
        return definition.Dimension == Dimension.Percent ? "%" : definition.Multiplier switch
        {
            0 => name,
            4 => "10,000 " + name,
            8 => "100 million " + name,
            var power => $"10^{power} {name}",
        };
    }
}
