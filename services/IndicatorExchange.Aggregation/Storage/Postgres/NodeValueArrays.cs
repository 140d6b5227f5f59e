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

    /// <summary>A value to upsert.</summary>
    public void Add(string period, string indicator, string orgUnit, byte[] value)
    {
        AddKey(period, indicator, orgUnit);
        _values.Add(value);
    }

    /// <summary>A key to delete (no value).</summary>
    public void AddKey(string period, string indicator, string orgUnit)
    {
        _periods.Add(period);
        _indicators.Add(indicator);
        _orgUnits.Add(orgUnit);
    }

    /// <summary>The arrays as Dapper parameters: with <c>@values</c> for <see cref="UpsertSql"/>, without for <see cref="DeleteSql"/>.</summary>
    public object Parameters() => _values.Count == 0
        ? new { periods = _periods.ToArray(), indicators = _indicators.ToArray(), orgUnits = _orgUnits.ToArray() }
        : _values.Count == Count
            ? new { periods = _periods.ToArray(), indicators = _indicators.ToArray(), orgUnits = _orgUnits.ToArray(), values = _values.ToArray() }
            : throw new InvalidOperationException("Values and keys mixed in one set of node value arrays.");
}
