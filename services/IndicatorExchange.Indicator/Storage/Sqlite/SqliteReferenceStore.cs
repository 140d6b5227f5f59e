using System.Globalization;
using Dapper;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Storage.Sqlite;

namespace IndicatorExchange.Indicator.Storage.Sqlite;

internal sealed class SqliteReferenceStore(SqliteDatabase database) : IReferenceStore
{
    private const string IndicatorColumns = """
        code, name_zh AS NameZh, name_en AS NameEn, unit, accumulation, aggregation, weight_indicator AS WeightIndicator,
        display_precision AS DisplayPrecision, description, periodicities, min_value AS MinValue, max_value AS MaxValue,
        max_yoy_change_pct AS MaxYoyChangePct, jan_feb_combined AS JanFebCombined, max_revision_change_pct AS MaxRevisionChangePct,
        report_order AS ReportOrder
        """;

    private const string InsertIndicatorSql = """
        INSERT INTO indicators (code, name_zh, name_en, unit, accumulation, aggregation, weight_indicator, display_precision,
                                description, periodicities, min_value, max_value, max_yoy_change_pct, jan_feb_combined, max_revision_change_pct,
                                report_order)
        VALUES (@Code, @NameZh, @NameEn, @Unit, @Accumulation, @Aggregation, @WeightIndicator, @DisplayPrecision,
                @Description, @Periodicities, @MinValue, @MaxValue, @MaxYoyChangePct, @JanFebCombined, @MaxRevisionChangePct,
                CASE WHEN @ReportOrder > 0 THEN @ReportOrder ELSE (SELECT COALESCE(MAX(report_order), 0) + 1 FROM indicators) END)
        """;

    private const string InsertOrgUnitSql = """
        INSERT INTO org_units (code, name_zh, name_en, level, parent_code, valid_from, closed_on, merged_into)
        VALUES (@Code, @NameZh, @NameEn, @Level, @ParentCode, @ValidFrom, @ClosedOn, @MergedInto)
        """;

    public async Task<IReadOnlyList<IndicatorDefinition>> ListIndicatorsAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            $"SELECT {IndicatorColumns} FROM indicators ORDER BY report_order, code", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<IReadOnlyList<OrgUnitDefinition>> ListOrgUnitsAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT code, name_zh AS NameZh, name_en AS NameEn, level, parent_code AS ParentCode,
                   valid_from AS ValidFrom, closed_on AS ClosedOn, merged_into AS MergedInto
            FROM org_units ORDER BY code
            """;
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<OrgUnitRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<IReadOnlyList<PeriodRecord>> ListPeriodsAsync(CancellationToken cancellationToken)
    {
        const string Sql = "SELECT code, state, deadline, opened_at AS OpenedAt, closed_at AS ClosedAt FROM periods ORDER BY code";
        await using var connection = database.Open();
        return (await connection.QueryAsync<PeriodRecord>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).AsList();
    }

    public Task UpsertIndicatorsAsync(IEnumerable<IndicatorDefinition> indicators, CancellationToken cancellationToken) =>
        ExecuteInTransactionAsync(InsertIndicatorSql + """
             ON CONFLICT (code) DO UPDATE SET
                name_zh = excluded.name_zh, name_en = excluded.name_en, unit = excluded.unit,
                accumulation = excluded.accumulation, aggregation = excluded.aggregation,
                weight_indicator = excluded.weight_indicator, display_precision = excluded.display_precision,
                description = excluded.description, periodicities = excluded.periodicities, min_value = excluded.min_value,
                max_value = excluded.max_value, max_yoy_change_pct = excluded.max_yoy_change_pct,
                jan_feb_combined = excluded.jan_feb_combined, max_revision_change_pct = excluded.max_revision_change_pct,
                report_order = excluded.report_order
            """, indicators.Select(IndicatorRow.From), cancellationToken);

    public Task UpsertOrgUnitsAsync(IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken) =>
        ExecuteInTransactionAsync(InsertOrgUnitSql + """
             ON CONFLICT (code) DO UPDATE SET
                name_zh = excluded.name_zh, name_en = excluded.name_en, level = excluded.level, parent_code = excluded.parent_code,
                valid_from = excluded.valid_from, closed_on = excluded.closed_on, merged_into = excluded.merged_into
            """, orgUnits.Select(OrgUnitRow.From), cancellationToken);

    public async Task<bool> TryCreateIndicatorAsync(IndicatorDefinition indicator, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            InsertIndicatorSql + " ON CONFLICT (code) DO NOTHING", IndicatorRow.From(indicator), cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlySet<string>> FindOrgUnitsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return new HashSet<string>();
        }
        await using var connection = database.Open();
        var found = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM org_units WHERE code IN @codes", new { codes }, cancellationToken: cancellationToken));
        return found.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> TryCreateOrgUnitAsync(OrgUnitDefinition orgUnit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            InsertOrgUnitSql + " ON CONFLICT (code) DO NOTHING", OrgUnitRow.From(orgUnit), cancellationToken: cancellationToken)) == 1;
    }

    public async Task UpsertPeriodAsync(PeriodRecord period, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO periods (code, state, deadline, opened_at, closed_at) VALUES (@Code, @State, @Deadline, @OpenedAt, @ClosedAt)
            ON CONFLICT (code) DO UPDATE SET state = excluded.state, deadline = excluded.deadline,
                opened_at = excluded.opened_at, closed_at = excluded.closed_at
            """;
        await using var connection = database.Open();
        await connection.ExecuteAsync(new CommandDefinition(Sql, period, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ValidationRule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT code, indicator, accumulation, left_expr AS LeftExpr, operator, right_expr AS RightExpr, tolerance, severity,
                   message_zh AS MessageZh, message_en AS MessageEn
            FROM validation_rules ORDER BY id
            """;
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<RuleRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<bool> SeedRulesAsync(IEnumerable<ValidationRule> rules, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO validation_rules (code, indicator, accumulation, left_expr, operator, right_expr, tolerance, severity, message_zh, message_en)
            VALUES (@Code, @Indicator, @Accumulation, @LeftExpr, @Operator, @RightExpr, @Tolerance, @Severity, @MessageZh, @MessageEn)
            """;
        await using var connection = database.Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
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
        await using var connection = database.Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class IndicatorRow
    {
        public string Code { get; init; } = "";
        public string NameZh { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string Unit { get; init; } = "";
        public string Accumulation { get; init; } = "";
        public string Aggregation { get; init; } = "";
        public string? WeightIndicator { get; init; }
        public int DisplayPrecision { get; init; }
        public string Description { get; init; } = "";
        public string Periodicities { get; init; } = "";
        public string? MinValue { get; init; }
        public string? MaxValue { get; init; }
        public string? MaxYoyChangePct { get; init; }
        public bool JanFebCombined { get; init; }
        public string? MaxRevisionChangePct { get; init; }
        public int ReportOrder { get; init; }

        public static IndicatorRow From(IndicatorDefinition i) => new()
        {
            Code = i.Code, NameZh = i.NameZh, NameEn = i.NameEn, Unit = i.Unit,
            Accumulation = CatalogText.Name(i.Accumulation), Aggregation = CatalogText.Name(i.Aggregation),
            WeightIndicator = i.WeightIndicator, DisplayPrecision = i.DisplayPrecision, Description = i.Description,
            Periodicities = CatalogFiles.FormatPeriodicities(i.Periodicities),
            MinValue = Text(i.MinValue), MaxValue = Text(i.MaxValue), MaxYoyChangePct = Text(i.MaxYoyChangePct),
            JanFebCombined = i.JanFebCombined, MaxRevisionChangePct = Text(i.MaxRevisionChangePct), ReportOrder = i.ReportOrder,
        };

        public IndicatorDefinition ToDomain() => new(Code, NameZh, NameEn, Unit,
            CatalogText.Parse<Accumulation>(Accumulation), CatalogText.Parse<AggregationRule>(Aggregation),
            WeightIndicator, DisplayPrecision, Description)
        {
            Periodicities = CatalogFiles.ParsePeriodicities(Periodicities),
            MinValue = Number(MinValue), MaxValue = Number(MaxValue), MaxYoyChangePct = Number(MaxYoyChangePct),
            JanFebCombined = JanFebCombined, MaxRevisionChangePct = Number(MaxRevisionChangePct), ReportOrder = ReportOrder,
        };
    }

    private sealed class OrgUnitRow
    {
        public string Code { get; init; } = "";
        public string NameZh { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string Level { get; init; } = "";
        public string? ParentCode { get; init; }
        public string? ValidFrom { get; init; }
        public string? ClosedOn { get; init; }
        public string? MergedInto { get; init; }

        public static OrgUnitRow From(OrgUnitDefinition u) => new()
        {
            Code = u.Code, NameZh = u.NameZh, NameEn = u.NameEn, Level = CatalogText.Name(u.Level), ParentCode = u.ParentCode,
            ValidFrom = Date(u.ValidFrom), ClosedOn = Date(u.ClosedOn), MergedInto = u.MergedInto,
        };

        public OrgUnitDefinition ToDomain() => new(Code, NameZh, NameEn, CatalogText.Parse<OrgUnitLevel>(Level), ParentCode)
        {
            ValidFrom = ParseDate(ValidFrom), ClosedOn = ParseDate(ClosedOn), MergedInto = MergedInto,
        };
    }

    private sealed class RuleRow
    {
        public string Code { get; init; } = "";
        public string Indicator { get; init; } = "";
        public string? Accumulation { get; init; }
        public string LeftExpr { get; init; } = "";
        public string Operator { get; init; } = "";
        public string RightExpr { get; init; } = "";
        public string Tolerance { get; init; } = "0";
        public string Severity { get; init; } = "";
        public string MessageZh { get; init; } = "";
        public string MessageEn { get; init; } = "";

        public static RuleRow From(ValidationRule r) => new()
        {
            Code = r.Code, Indicator = r.Indicator, Accumulation = r.Accumulation, LeftExpr = r.Left,
            Operator = r.Operator.ToText(), RightExpr = r.Right, Tolerance = DecimalText.Format(r.Tolerance),
            Severity = CatalogText.Name(r.Severity), MessageZh = r.MessageZh, MessageEn = r.MessageEn,
        };

        public ValidationRule ToDomain() => new()
        {
            Code = Code, Indicator = Indicator, Accumulation = Accumulation, Left = LeftExpr,
            Operator = ComparisonOperators.Parse(Operator), Right = RightExpr, Tolerance = Number(Tolerance) ?? 0m,
            Severity = CatalogText.Parse<RuleSeverity>(Severity), MessageZh = MessageZh, MessageEn = MessageEn,
        };
    }

    private static string? Text(decimal? value) => value is { } v ? DecimalText.Format(v) : null;

    private static decimal? Number(string? text) => text is not null && DecimalText.TryParse(text, out var value) ? value : null;

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
