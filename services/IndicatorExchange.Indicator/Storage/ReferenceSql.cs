namespace IndicatorExchange.Indicator.Storage;

/// <summary>The reference data's statements that read the same on SQLite and PostgreSQL (the rest differ in how decimals are cast).</summary>
internal static class ReferenceSql
{
    /// <summary>Follows an indicators INSERT: an existing code takes every new value.</summary>
    public const string IndicatorUpsert = """
        ON CONFLICT (code) DO UPDATE SET
            name_zh = excluded.name_zh, name_en = excluded.name_en, unit = excluded.unit,
            accumulation = excluded.accumulation, aggregation = excluded.aggregation,
            weight_indicator = excluded.weight_indicator, display_precision = excluded.display_precision,
            description = excluded.description, periodicities = excluded.periodicities, min_value = excluded.min_value,
            max_value = excluded.max_value, max_yoy_change_pct = excluded.max_yoy_change_pct,
            jan_feb_combined = excluded.jan_feb_combined, max_revision_change_pct = excluded.max_revision_change_pct,
            report_order = excluded.report_order
        """;

    /// <summary>Follows <see cref="InsertOrgUnit"/>: an existing code takes every new value.</summary>
    public const string OrgUnitUpsert = """
        ON CONFLICT (code) DO UPDATE SET
            name_zh = excluded.name_zh, name_en = excluded.name_en, level = excluded.level, parent_code = excluded.parent_code,
            valid_from = excluded.valid_from, closed_on = excluded.closed_on, merged_into = excluded.merged_into
        """;

    /// <summary>Inserts one org unit (a <see cref="OrgUnitRow"/>).</summary>
    public const string InsertOrgUnit = """
        INSERT INTO org_units (code, name_zh, name_en, level, parent_code, valid_from, closed_on, merged_into)
        VALUES (@Code, @NameZh, @NameEn, @Level, @ParentCode, @ValidFrom, @ClosedOn, @MergedInto)
        """;

    /// <summary>Every org unit, by code.</summary>
    public const string ListOrgUnits = """
        SELECT code, name_zh AS NameZh, name_en AS NameEn, level, parent_code AS ParentCode,
               valid_from AS ValidFrom, closed_on AS ClosedOn, merged_into AS MergedInto
        FROM org_units ORDER BY code
        """;

    /// <summary>Every period, by code.</summary>
    public const string ListPeriods = "SELECT code, state, deadline, opened_at AS OpenedAt, closed_at AS ClosedAt FROM periods ORDER BY code";

    /// <summary>Opens, closes or moves the deadline of a period (a <see cref="PeriodRecord"/>).</summary>
    public const string UpsertPeriod = """
        INSERT INTO periods (code, state, deadline, opened_at, closed_at) VALUES (@Code, @State, @Deadline, @OpenedAt, @ClosedAt)
        ON CONFLICT (code) DO UPDATE SET state = excluded.state, deadline = excluded.deadline,
            opened_at = excluded.opened_at, closed_at = excluded.closed_at
        """;
}
