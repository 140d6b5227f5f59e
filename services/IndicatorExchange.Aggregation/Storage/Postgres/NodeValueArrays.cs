namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// Node values as column arrays, for one statement that upserts or deletes them all. The arrays are unnested side by side in
/// a select list, not with <c>FROM unnest(a, b, …)</c>, which fills a tuple store per array (see PostgresRollupSession).
/// </summary>
internal sealed class NodeValueArrays
{
    public const string UpsertSql = """
        INSERT INTO node_values (period, indicator, org_unit, value)
        SELECT unnest(@periods), unnest(@indicators), unnest(@orgUnits), unnest(@values)
        ON CONFLICT (period, indicator, org_unit) DO UPDATE SET value = excluded.value
        """;

    public const string DeleteSql = """
        DELETE FROM node_values v USING (SELECT unnest(@periods) AS period, unnest(@indicators) AS indicator, unnest(@orgUnits) AS org_unit) k
        WHERE v.period = k.period AND v.indicator = k.indicator AND v.org_unit = k.org_unit
        """;

    private readonly List<string> _periods = [];
    private readonly List<string> _indicators = [];
    private readonly List<string> _orgUnits = [];
    private readonly List<byte[]> _values = [];

    public int Count => _periods.Count;

    public void Add(string period, string indicator, string orgUnit, byte[] value)
    {
        _periods.Add(period);
        _indicators.Add(indicator);
        _orgUnits.Add(orgUnit);
        _values.Add(value);
    }

    /// <summary>The arrays as Dapper parameters (<c>@values</c> is left out of a delete's statement).</summary>
    public object Parameters() => new
    {
        periods = _periods.ToArray(),
        indicators = _indicators.ToArray(),
        orgUnits = _orgUnits.ToArray(),
        values = _values.ToArray(),
    };
}
