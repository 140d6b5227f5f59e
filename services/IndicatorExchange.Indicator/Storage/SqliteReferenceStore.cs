using Dapper;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Sqlite;

namespace IndicatorExchange.Indicator.Storage;

public sealed class SqliteReferenceStore(SqliteDatabase database) : IReferenceStore
{
    public async Task<IReadOnlyList<IndicatorDefinition>> ListIndicatorsAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT code, name_zh AS NameZh, name_en AS NameEn, unit, accumulation, aggregation,
                   weight_indicator AS WeightIndicator, display_precision AS DisplayPrecision, description
            FROM indicators ORDER BY code
            """;
        using var connection = database.Open();
        var rows = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return rows.Select(r => new IndicatorDefinition(r.Code, r.NameZh, r.NameEn, r.Unit,
            CatalogText.Parse<Accumulation>(r.Accumulation), CatalogText.Parse<AggregationRule>(r.Aggregation),
            r.WeightIndicator, r.DisplayPrecision, r.Description)).ToList();
    }

    public async Task<IReadOnlyList<OrgUnitDefinition>> ListOrgUnitsAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT code, name_zh AS NameZh, name_en AS NameEn, level, parent_code AS ParentCode
            FROM org_units ORDER BY code
            """;
        using var connection = database.Open();
        var rows = await connection.QueryAsync<OrgUnitRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return rows.Select(r => new OrgUnitDefinition(r.Code, r.NameZh, r.NameEn, CatalogText.Parse<OrgUnitLevel>(r.Level), r.ParentCode)).ToList();
    }

    public async Task UpsertIndicatorsAsync(IEnumerable<IndicatorDefinition> indicators, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO indicators (code, name_zh, name_en, unit, accumulation, aggregation, weight_indicator, display_precision, description)
            VALUES (@Code, @NameZh, @NameEn, @Unit, @Accumulation, @Aggregation, @WeightIndicator, @DisplayPrecision, @Description)
            ON CONFLICT (code) DO UPDATE SET
                name_zh = excluded.name_zh, name_en = excluded.name_en, unit = excluded.unit,
                accumulation = excluded.accumulation, aggregation = excluded.aggregation,
                weight_indicator = excluded.weight_indicator, display_precision = excluded.display_precision,
                description = excluded.description
            """;
        var rows = indicators.Select(i => new
        {
            i.Code, i.NameZh, i.NameEn, i.Unit,
            Accumulation = CatalogText.Name(i.Accumulation),
            Aggregation = CatalogText.Name(i.Aggregation),
            i.WeightIndicator, i.DisplayPrecision, i.Description,
        });
        await ExecuteInTransactionAsync(Sql, rows, cancellationToken);
    }

    public async Task UpsertOrgUnitsAsync(IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO org_units (code, name_zh, name_en, level, parent_code)
            VALUES (@Code, @NameZh, @NameEn, @Level, @ParentCode)
            ON CONFLICT (code) DO UPDATE SET
                name_zh = excluded.name_zh, name_en = excluded.name_en, level = excluded.level, parent_code = excluded.parent_code
            """;
        var rows = orgUnits.Select(u => new { u.Code, u.NameZh, u.NameEn, Level = CatalogText.Name(u.Level), u.ParentCode });
        await ExecuteInTransactionAsync(Sql, rows, cancellationToken);
    }

    private async Task ExecuteInTransactionAsync(string sql, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        transaction.Commit();
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
    }

    private sealed class OrgUnitRow
    {
        public string Code { get; init; } = "";
        public string NameZh { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string Level { get; init; } = "";
        public string? ParentCode { get; init; }
    }
}
