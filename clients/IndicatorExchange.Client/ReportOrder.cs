using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Client;

/// <summary>
/// The order in which the prefecture's report lists indicators (GDP first), as the catalog carries it:
/// <see cref="Indicator.ReportOrder"/>, then the code for equal positions. The indicator service lists its catalog in that
/// order; summaries, targets and other answers keyed by indicator come by code, and clients sort them with the catalog
/// they already fetched. A caller's own list (<c>-i A B</c>) keeps the order it was given in.
/// </summary>
public static class ReportOrder
{
    /// <summary>The catalog's codes in report order: by <see cref="Indicator.ReportOrder"/>, then by code.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<Indicator> catalog) =>
        catalog.OrderBy(i => i.ReportOrder).ThenBy(i => i.Code, StringComparer.Ordinal).Select(i => i.Code).ToList();

    /// <summary>Sorts by the catalog's report order; codes the catalog does not hold come last, by code.</summary>
    public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, string> code, IEnumerable<Indicator> catalog) =>
        Sort(items, code, Of(catalog));

    /// <summary>
    /// Sorts by position in <paramref name="order"/> (codes in any case); codes not in it come last, by code. With no order
    /// (no catalog at hand), by code.
    /// </summary>
    public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, string> code, IReadOnlyList<string>? order)
    {
        var position = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, index) in (order ?? []).Select((c, i) => (c, i)))
        {
            position.TryAdd(item, index);
        }
        return items.OrderBy(item => position.TryGetValue(code(item), out var i) ? i : int.MaxValue).ThenBy(code, StringComparer.Ordinal);
    }
}
