using Dapper;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Storage.Postgres;

namespace IndicatorExchange.Indicator.Storage.Postgres;

/// <summary>
/// The catalog, the org-unit tree, the periods and the validation rules in PostgreSQL, with the same behaviour as the
/// SQLite store. Bounds and tolerances are numeric; replicas starting at once seed the rules once (an advisory lock).
/// </summary>
internal sealed class PostgresReferenceStore(PostgresDatabase database) : IReferenceStore
{
    /// <summary>The advisory lock key of seeding the rules (any fixed 64-bit number; "IXRULES" in ASCII).</summary>
    private const long SeedLock = 0x4958_5255_4C45_53;

    private const string IndicatorColumns = """
        code, name_zh AS NameZh, name_en AS NameEn, unit, accumulation, aggregation, weight_indicator AS WeightIndicator,
        display_precision AS DisplayPrecision, description, periodicities, min_value::text AS MinValue, max_value::text AS MaxValue,
        max_yoy_change_pct::text AS MaxYoyChangePct, jan_feb_combined AS JanFebCombined, max_revision_change_pct::text AS MaxRevisionChangePct,
        report_order AS ReportOrder
        """;

    private const string InsertIndicatorSql = """
        INSERT INTO indicators (code, name_zh, name_en, unit, accumulation, aggregation, weight_indicator, display_precision,
                                description, periodicities, min_value, max_value, max_yoy_change_pct, jan_feb_combined, max_revision_change_pct,
                                report_order)
        VALUES (@Code, @NameZh, @NameEn, @Unit, @Accumulation, @Aggregation, @WeightIndicator, @DisplayPrecision,
                @Description, @Periodicities, CAST(@MinValue AS numeric), CAST(@MaxValue AS numeric), CAST(@MaxYoyChangePct AS numeric),
                @JanFebCombined, CAST(@MaxRevisionChangePct AS numeric),
                CASE WHEN @ReportOrder > 0 THEN @ReportOrder ELSE (SELECT COALESCE(MAX(report_order), 0) + 1 FROM indicators) END)
        """;

    public async Task<IReadOnlyList<IndicatorDefinition>> ListIndicatorsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            $"SELECT {IndicatorColumns} FROM indicators ORDER BY report_order, code", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<IReadOnlyList<OrgUnitDefinition>> ListOrgUnitsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrgUnitRow>(new CommandDefinition(ReferenceSql.ListOrgUnits, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<IReadOnlyList<PeriodRecord>> ListPeriodsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PeriodRecord>(new CommandDefinition(ReferenceSql.ListPeriods, cancellationToken: cancellationToken))).AsList();
    }

    public Task UpsertIndicatorsAsync(IEnumerable<IndicatorDefinition> indicators, CancellationToken cancellationToken) =>
        ExecuteInTransactionAsync(InsertIndicatorSql + "\n" + ReferenceSql.IndicatorUpsert, indicators.Select(IndicatorRow.From), cancellationToken);

    public Task UpsertOrgUnitsAsync(IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken) =>
        ExecuteInTransactionAsync(ReferenceSql.InsertOrgUnit + "\n" + ReferenceSql.OrgUnitUpsert, orgUnits.Select(OrgUnitRow.From), cancellationToken);

    public async Task<bool> TryCreateIndicatorAsync(IndicatorDefinition indicator, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            InsertIndicatorSql + " ON CONFLICT (code) DO NOTHING", IndicatorRow.From(indicator), cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlySet<string>> FindOrgUnitsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return new HashSet<string>();
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM org_units WHERE code = ANY(@codes)", new { codes = codes.ToArray() }, cancellationToken: cancellationToken));
        return found.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> TryCreateOrgUnitAsync(OrgUnitDefinition orgUnit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            ReferenceSql.InsertOrgUnit + " ON CONFLICT (code) DO NOTHING", OrgUnitRow.From(orgUnit), cancellationToken: cancellationToken)) == 1;
    }

    public async Task UpsertPeriodAsync(PeriodRecord period, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReferenceSql.UpsertPeriod, period, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ValidationRule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT code, indicator, accumulation, left_expr AS LeftExpr, operator, right_expr AS RightExpr, tolerance::text AS Tolerance, severity,
                   message_zh AS MessageZh, message_en AS MessageEn
            FROM validation_rules ORDER BY id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RuleRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<bool> SeedRulesAsync(IEnumerable<ValidationRule> rules, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO validation_rules (code, indicator, accumulation, left_expr, operator, right_expr, tolerance, severity, message_zh, message_en)
            VALUES (@Code, @Indicator, @Accumulation, @LeftExpr, @Operator, @RightExpr, CAST(@Tolerance AS numeric), @Severity, @MessageZh, @MessageEn)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Replicas starting at once: the second waits here and then finds the first's rules.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@SeedLock)", new { SeedLock }, transaction);
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM validation_rules", transaction: transaction) > 0)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(Sql, rules.Select(RuleRow.From), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task ExecuteInTransactionAsync(string sql, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
