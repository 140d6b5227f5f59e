namespace IndicatorExchange.Domain.Units;

/// <summary>The units counties may write, and exact conversion between them.</summary>
public static class UnitTable
{
    private static readonly UnitDefinition[] All =
    [
        new("元", Dimension.Yuan, 0),
        new("万元", Dimension.Yuan, 4),
        new("亿元", Dimension.Yuan, 8),
        new("美元", Dimension.UsDollar, 0),
        new("万美元", Dimension.UsDollar, 4),
        new("亿美元", Dimension.UsDollar, 8),
        new("人", Dimension.Person, 0),
        new("万人", Dimension.Person, 4),
        new("人次", Dimension.PersonTime, 0),
        new("万人次", Dimension.PersonTime, 4),
        new("吨", Dimension.Tonne, 0),
        new("万吨", Dimension.Tonne, 4),
        new("亩", Dimension.Mu, 0),
        new("万亩", Dimension.Mu, 4),
        new("头(只)", Dimension.Head, 0),
        new("万头(只)", Dimension.Head, 4),
        new("户", Dimension.Household, 0),
        new("万户", Dimension.Household, 4),
        new("家", Dimension.Enterprise, 0),
        new("%", Dimension.Percent, 0),
    ];

    private static readonly Dictionary<string, UnitDefinition> BySymbol =
        All.ToDictionary(u => u.Symbol, StringComparer.Ordinal);

    /// <summary>Finds a unit; full-width brackets and surrounding blanks are tolerated ("万头（只）").</summary>
    public static bool TryGet(string? symbol, out UnitDefinition unit)
    {
        unit = null!;
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return false;
        }
        var cleaned = symbol.Trim().Replace('（', '(').Replace('）', ')').Replace('％', '%');
        if (!BySymbol.TryGetValue(cleaned, out var found))
        {
            return false;
        }
        unit = found;
        return true;
    }

    /// <summary>Every unit of the dimension of <paramref name="unit"/>, smallest first.</summary>
    public static IReadOnlyList<string> SameDimension(UnitDefinition unit) =>
        All.Where(u => u.Dimension == unit.Dimension).OrderBy(u => u.Multiplier).Select(u => u.Symbol).ToArray();

    /// <summary>
    /// Converts exactly between units of one dimension: 1920 万美元 → 0.192 亿美元.
    /// Fails for units of different dimensions (an error, never a conversion), and when the result cannot be
    /// held exactly (too large, or more than 28 significant digits): it is never rounded.
    /// </summary>
    public static bool TryConvert(decimal value, UnitDefinition from, UnitDefinition to, out decimal converted)
    {
        converted = 0m;
        if (from.Dimension != to.Dimension)
        {
            return false;
        }
        var shift = from.Multiplier - to.Multiplier;
        var factor = PowerOfTen(Math.Abs(shift));
        try
        {
            converted = shift >= 0 ? value * factor : value / factor;
            // Decimal division rounds beyond 28 digits: a result that does not multiply back is not exact.
            if (shift < 0 && converted * factor != value)
            {
                converted = 0m;
                return false;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        converted = Numbers.DecimalText.Canonical(converted);
        return true;
    }

    private static decimal PowerOfTen(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }
        return result;
    }
}
