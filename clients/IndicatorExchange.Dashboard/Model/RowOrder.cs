namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// The order of the rows: the order of the prefecture's main-indicator report (economy, industry, investment, consumption,
/// finance, trade, innovation, incomes, agriculture, tourism, employment, social), as in the demo catalog. The service lists
/// its catalog by code, which is no order a statistician reads in. <c>Dashboard:Indicators</c> replaces it when set.
/// </summary>
public static class RowOrder
{
    public static readonly IReadOnlyList<string> Report =
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

    /// <summary>Sorts by position in <paramref name="order"/>; codes not in it come last, by code.</summary>
    public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, string> code, IReadOnlyList<string> order)
    {
        var position = order.Select((c, i) => (c, i)).GroupBy(p => p.c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return items.OrderBy(item => position.TryGetValue(code(item), out var i) ? i : int.MaxValue).ThenBy(code, StringComparer.Ordinal);
    }
}
