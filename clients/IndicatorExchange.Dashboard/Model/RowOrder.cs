using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// The order of the rows: the catalog's report order (GDP first; <see cref="Indicator.ReportOrder"/>, then code), the
/// client library's <see cref="ReportOrder"/>, which ixc follows too. Summaries and figures come from the services by code.
/// <c>Dashboard:Indicators</c> replaces it when set.
/// </summary>
public static class RowOrder
{
    /// <summary>No order known (no catalog read yet): rows by code.</summary>
    public static readonly IReadOnlyList<string> None = [];

    /// <summary>The catalog's codes in report order.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<Indicator> catalog) => ReportOrder.Of(catalog);

    /// <summary>Sorts by position in <paramref name="order"/>; codes not in it come last, by code.</summary>
    public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, string> code, IReadOnlyList<string> order) => ReportOrder.Sort(items, code, order);
}
