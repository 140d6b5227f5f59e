using IndicatorExchange.Client;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// The order of the rows: the order of the prefecture's main-indicator report (economy, industry, investment, consumption,
/// finance, trade, innovation, incomes, agriculture, tourism, employment, social), as in the demo catalog; the client
/// library's <see cref="ReportOrder"/>, which ixc follows too. The service lists its catalog by code, which is no order a
/// statistician reads in. <c>Dashboard:Indicators</c> replaces it when set.
/// </summary>
public static class RowOrder
{
    public static readonly IReadOnlyList<string> Report = ReportOrder.Codes;

    /// <summary>Sorts by position in <paramref name="order"/>; codes not in it come last, by code.</summary>
    public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, string> code, IReadOnlyList<string> order) => ReportOrder.Sort(items, code, order);
}
