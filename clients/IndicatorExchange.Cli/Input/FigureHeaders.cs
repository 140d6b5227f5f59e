namespace IndicatorExchange.Cli.Input;

/// <summary>
/// Header names: the template writes "中文 english" (e.g. "数值 value"); a sheet may use either word alone, the
/// template's pair, or the column names of seed-figures-2022.csv (org_code, indicator_name_zh, value, remark...).
/// </summary>
public static class FigureHeaders
{
    /// <summary>The template's columns, in order.</summary>
    public static readonly IReadOnlyList<(FigureColumn Column, string Header)> Template =
    [
        (FigureColumn.OrgCode, "行政区划代码 org_code"),
        (FigureColumn.OrgName, "地区 org_name"),
        (FigureColumn.Period, "报告期 period"),
        (FigureColumn.Code, "指标代码 code"),
        (FigureColumn.NameZh, "指标名称 name"),
        (FigureColumn.NameEn, "英文名称 name_en"),
        (FigureColumn.Unit, "单位 unit"),
        (FigureColumn.Value, "数值 value"),
        (FigureColumn.Growth, "同比增长% yoy_growth_pct"),
        (FigureColumn.Status, "状态 status"),
        (FigureColumn.Note, "备注 note"),
        (FigureColumn.AcceptedUnits, "可选单位 accepted_units"),
    ];

    public static string HeaderOf(FigureColumn column) => Template.First(t => t.Column == column).Header;

    private static readonly Dictionary<string, FigureColumn> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["org_code"] = FigureColumn.OrgCode, ["org_unit"] = FigureColumn.OrgCode, ["org"] = FigureColumn.OrgCode,
        ["行政区划代码"] = FigureColumn.OrgCode, ["区划代码"] = FigureColumn.OrgCode, ["单位代码"] = FigureColumn.OrgCode,
        ["org_name"] = FigureColumn.OrgName, ["地区"] = FigureColumn.OrgName, ["单位名称"] = FigureColumn.OrgName,
        ["period"] = FigureColumn.Period, ["报告期"] = FigureColumn.Period, ["时期"] = FigureColumn.Period,
        ["code"] = FigureColumn.Code, ["indicator"] = FigureColumn.Code, ["indicator_code"] = FigureColumn.Code, ["指标代码"] = FigureColumn.Code,
        ["name"] = FigureColumn.NameZh, ["name_zh"] = FigureColumn.NameZh, ["indicator_name_zh"] = FigureColumn.NameZh,
        ["indicator_name"] = FigureColumn.NameZh, ["指标名称"] = FigureColumn.NameZh, ["指标"] = FigureColumn.NameZh,
        ["name_en"] = FigureColumn.NameEn, ["indicator_name_en"] = FigureColumn.NameEn, ["英文名称"] = FigureColumn.NameEn,
        ["unit"] = FigureColumn.Unit, ["单位"] = FigureColumn.Unit, ["计量单位"] = FigureColumn.Unit,
        ["value"] = FigureColumn.Value, ["数值"] = FigureColumn.Value, ["本期数"] = FigureColumn.Value,
        ["yoy_growth_pct"] = FigureColumn.Growth, ["growth"] = FigureColumn.Growth, ["yoy"] = FigureColumn.Growth,
        ["同比增长%"] = FigureColumn.Growth, ["同比增长"] = FigureColumn.Growth, ["同比增长(%)"] = FigureColumn.Growth,
        ["同比增长（%）"] = FigureColumn.Growth, ["同比%"] = FigureColumn.Growth, ["增长%"] = FigureColumn.Growth,
        ["status"] = FigureColumn.Status, ["状态"] = FigureColumn.Status,
        ["note"] = FigureColumn.Note, ["remark"] = FigureColumn.Note, ["备注"] = FigureColumn.Note,
        ["accepted_units"] = FigureColumn.AcceptedUnits, ["可选单位"] = FigureColumn.AcceptedUnits,
    };

    /// <summary>The column a header names: the whole text, or any of its space-separated words.</summary>
    public static FigureColumn? Match(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var text = header.Trim();
        if (Aliases.TryGetValue(text, out var whole))
        {
            return whole;
        }
        foreach (var word in text.Split([' ', '\t', '\n', '\r', '\u3000'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Aliases.TryGetValue(word, out var column))
            {
                return column;
            }
        }
        return null;
    }

    /// <summary>Column positions of a header row (first header wins when two name the same column).</summary>
    public static Dictionary<FigureColumn, TKey> Map<TKey>(IEnumerable<(TKey Key, string? Header)> headers)
    {
        var map = new Dictionary<FigureColumn, TKey>();
        foreach (var (key, header) in headers)
        {
            if (Match(header) is { } column)
            {
                map.TryAdd(column, key);
            }
        }
        return map;
    }

    /// <summary>Whether a header row has what figures need: a value and an indicator (code or name).</summary>
    public static bool IsFigureHeader<TKey>(IReadOnlyDictionary<FigureColumn, TKey> map) =>
        map.ContainsKey(FigureColumn.Value)
        && (map.ContainsKey(FigureColumn.Code) || map.ContainsKey(FigureColumn.NameZh) || map.ContainsKey(FigureColumn.NameEn));

    public const string Expected =
        "a value column (数值 value) and an indicator column (指标代码 code, 指标名称 name or indicator_name_zh)";
}
