namespace IndicatorExchange.Client;

/// <summary>
/// The order in which the prefecture's main-indicator report lists indicators (economy, industry, investment,
/// consumption, finance, trade, innovation, incomes, agriculture, tourism, employment, social): the order of the demo
/// catalog (<c>DemoData/catalog.csv</c>), GDP first. The indicator service lists its catalog by code, which is no order
/// a statistician reads in, and carries no position of its own; clients sort with this list.
/// </summary>
public static class ReportOrder
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "GDP", "INDUSTRY_VALUE_ADDED_ABOVE_SIZE", "GROSS_INDUSTRIAL_OUTPUT", "NEW_ENERGY_OUTPUT", "FIXED_ASSET_INVESTMENT",
        "RETAIL_SALES", "RETAIL_SALES_ABOVE_SIZE", "ONLINE_SALES", "PUBLIC_BUDGET_REVENUE", "FOREIGN_TRADE",
        "INVESTMENT_ATTRACTED", "LOANS_OUTSTANDING", "RD_SPENDING", "SCIENCE_TECH_SPENDING", "TECH_CONTRACT_VALUE",
        "URBAN_DISPOSABLE_INCOME_PER_CAPITA", "RURAL_DISPOSABLE_INCOME_PER_CAPITA", "URBAN_POPULATION", "RURAL_POPULATION",
        "CROP_SOWN_AREA", "GRAIN_SOWN_AREA", "SPECIALTY_CROP_AREA", "GRAIN_OUTPUT", "MEAT_OUTPUT", "MILK_OUTPUT", "EGG_OUTPUT",
        "VEGETABLE_OUTPUT", "FRUIT_OUTPUT", "LIVESTOCK_ON_HAND", "LIVESTOCK_SLAUGHTERED", "TOURIST_VISITS", "TOURISM_REVENUE",
        "NEW_URBAN_JOBS", "RURAL_LABOUR_MIGRANT", "RURAL_LABOUR_TRANSFERRED", "VOCATIONAL_TRAINING",
        "SURVEYED_UNEMPLOYMENT_RATE", "PRESCHOOL_INCLUSIVE_RATE", "COMPULSORY_EDUCATION_RETENTION_RATE",
        "MEDICAL_INSURANCE_INSURED", "NEW_MARKET_ENTITIES", "NEW_INDUSTRIAL_ENTERPRISES_ABOVE_SIZE",
        "INDUSTRIAL_ENTERPRISES_ABOVE_SIZE", "FOREST_COVERAGE",
    ];

    /// <summary>
    /// Sorts by position in <paramref name="order"/> (the report order when null); codes not in it come last, by code.
    /// A caller's own list (<c>-i A B</c>) keeps the order it was given in.
    /// </summary>
    public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, string> code, IReadOnlyList<string>? order = null)
    {
        var position = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, index) in (order ?? Codes).Select((c, i) => (c, i)))
        {
            position.TryAdd(item, index);
        }
        return items.OrderBy(item => position.TryGetValue(code(item), out var i) ? i : int.MaxValue).ThenBy(code, StringComparer.Ordinal);
    }
}
