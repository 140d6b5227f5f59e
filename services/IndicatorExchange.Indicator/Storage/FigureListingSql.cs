using System.Text;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>
/// The statement of a ListFigures page, the same on both engines but for how a column is matched against a list
/// parameter (<c>IN @list</c> on SQLite, <c>= ANY(@list)</c> on PostgreSQL). Parameters: <c>@OrgUnit, @Period, @Periods,
/// @Indicators, @AsOf, @AfterOrgUnit, @AfterPeriod, @AfterIndicator, @Limit</c>.
/// </summary>
internal static class FigureListingSql
{
    /// <param name="columns">The select list, over figure_revisions aliased <c>r</c>.</param>
    /// <param name="inList">The condition that a column (first) holds one of the values of a list parameter (second).</param>
    public static string For(FigureQuery query, string columns, Func<string, string, string> inList)
    {
        // Current values: filter on current_figures (its key is org unit, period, indicator) and join each to its
        // revision. With as_of: the newest revision of each figure received by then.
        var (source, key) = query.AsOf is null
            ? ($"SELECT {columns} FROM current_figures c JOIN figure_revisions r ON r.sequence = c.sequence WHERE 1 = 1", "c")
            : ($"""
               SELECT {columns} FROM (
                   SELECT r.*, row_number() OVER (PARTITION BY r.org_unit, r.period, r.indicator ORDER BY r.sequence DESC) AS newest
                   FROM figure_revisions r WHERE r.received_at <= @AsOf) r
               WHERE r.newest = 1
               """, "r");
        var sql = new StringBuilder(source);
        if (query.OrgUnit is not null) { sql.Append($" AND {key}.org_unit = @OrgUnit"); }
        if (query.Period is not null) { sql.Append($" AND {key}.period = @Period"); }
        if (query.Periods is not null) { sql.Append(" AND ").Append(inList($"{key}.period", "@Periods")); }
        if (query.Indicators.Count > 0) { sql.Append(" AND ").Append(inList($"{key}.indicator", "@Indicators")); }
        if (query.After is not null) { sql.Append($" AND ({key}.org_unit, {key}.period, {key}.indicator) > (@AfterOrgUnit, @AfterPeriod, @AfterIndicator)"); }
        // Keys compare byte by byte on both engines (BINARY on SQLite, COLLATE "C" on PostgreSQL): the same order and page tokens.
        sql.Append($" ORDER BY {key}.org_unit, {key}.period, {key}.indicator LIMIT @Limit");
        return sql.ToString();
    }
}
