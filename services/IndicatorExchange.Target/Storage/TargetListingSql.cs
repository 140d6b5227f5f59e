using System.Text;

namespace IndicatorExchange.Target.Storage;

/// <summary>
/// The ListTargets statement, the same on both engines (only the selected columns differ): current targets, or with
/// as_of the newest revision of each set by then, filtered, after a keyset position, in key order (byte order on both).
/// </summary>
internal static class TargetListingSql
{
    /// <summary>The statement selecting <paramref name="columns"/> (of revisions aliased <c>r</c>) and its parameters.</summary>
    public static (string Sql, object Parameters) For(TargetQuery query, string columns)
    {
        var (source, key) = query.AsOf is null
            ? ($"SELECT {columns} FROM current_targets c JOIN target_revisions r ON r.sequence = c.sequence WHERE 1 = 1", "c")
            : ($"""
               SELECT {columns} FROM (
                   SELECT r.*, row_number() OVER (PARTITION BY r.org_unit, r.indicator, r.year, r.kind ORDER BY r.sequence DESC) AS newest
                   FROM target_revisions r WHERE r.set_at <= @AsOf) r
               WHERE r.newest = 1
               """, "r");
        var sql = new StringBuilder(source);
        if (query.OrgUnit is not null) { sql.Append($" AND {key}.org_unit = @OrgUnit"); }
        if (query.Indicator is not null) { sql.Append($" AND {key}.indicator = @Indicator"); }
        if (query.Year is not null) { sql.Append($" AND {key}.year = @Year"); }
        if (query.After is not null)
        {
            sql.Append($" AND ({key}.org_unit, {key}.indicator, {key}.year, {key}.kind) > (@AfterOrgUnit, @AfterIndicator, @AfterYear, @AfterKind)");
        }
        sql.Append($" ORDER BY {key}.org_unit, {key}.indicator, {key}.year, {key}.kind LIMIT @Limit");
        return (sql.ToString(), new
        {
            query.OrgUnit,
            query.Indicator,
            query.Year,
            query.AsOf,
            AfterOrgUnit = query.After?.OrgUnit,
            AfterIndicator = query.After?.Indicator,
            AfterYear = query.After?.Year,
            AfterKind = query.After?.Kind,
            query.Limit,
        });
    }
}
