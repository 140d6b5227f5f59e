using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Cli.Input;

/// <summary>A figure read from a row of a file, ready to send.</summary>
public sealed record FigureRow(int Row, string OrgUnit, string Period, FigureInput Figure);

/// <summary>A row that cannot be read, with why.</summary>
public sealed record RowProblem(int Row, string Message)
{
    public override string ToString() => $"row {Row}: {Message}";
}

/// <summary>
/// What reading a sheet gave: the figures, the rows that cannot be read, how many rows had no value, and, when
/// --org chose one unit of a sheet holding several, how many rows of each other unit were left out.
/// </summary>
public sealed record FigureRowsRead(IReadOnlyList<FigureRow> Figures, IReadOnlyList<RowProblem> Problems, int RowsWithoutValue,
    IReadOnlyDictionary<string, int> OtherUnits)
{
    public int OtherUnitRows => OtherUnits.Values.Sum();
}

/// <summary>
/// Interprets a figures sheet: indicator codes or names (through the catalog), exact numbers, statuses, and the
/// org unit and period from their columns or from --org / --period. With --org, rows whose org unit cell names
/// another unit are left out (counted per unit), so one workbook holding several counties' rows can be pushed
/// one county at a time.
/// </summary>
public static class FigureRows
{
    public static FigureRowsRead Read(FigureSheet sheet, IndicatorCatalog? catalog, string? org, string? period)
    {
        var figures = new List<FigureRow>();
        var problems = new List<RowProblem>();
        var seen = new Dictionary<(string, string, string), int>();
        var withoutValue = 0;
        var otherUnits = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows.Where(r => !r.IsBlank))
        {
            if (org is not null && row[FigureColumn.OrgCode] is { } cellOrg && !string.Equals(cellOrg, org, StringComparison.OrdinalIgnoreCase))
            {
                otherUnits[cellOrg] = otherUnits.GetValueOrDefault(cellOrg) + 1;
                continue;
            }
            if (row[FigureColumn.Value] is null)
            {
                withoutValue++;
                continue;
            }
            var before = problems.Count;
            var orgUnit = Pick(row, FigureColumn.OrgCode, org, ("行政区划代码", "org_code"), "--org", problems);
            var periodCode = Pick(row, FigureColumn.Period, period, ("报告期", "period"), "--period", problems)?.ToUpperInvariant();
            if (periodCode is not null && !Period.TryParse(periodCode, out _))
            {
                problems.Add(new RowProblem(row.Number, PeriodText.NotAPeriod("报告期", "period", periodCode)));
            }
            var code = Indicator(row, catalog, problems);
            var value = Number(row, FigureColumn.Value, ("数值", "value"), problems);
            var growth = row[FigureColumn.Growth] is null ? null : Number(row, FigureColumn.Growth, ("同比增长", "yoy_growth_pct"), problems);
            var unit = row[FigureColumn.Unit];
            if (unit is null)
            {
                problems.Add(new RowProblem(row.Number, "没有单位（单位列）/ no unit (单位 unit column)"));
            }
            var status = Status(row, problems);
            if (problems.Count > before)
            {
                continue;
            }
            var key = (orgUnit!, periodCode!, code!);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(new RowProblem(row.Number, $"{orgUnit} {periodCode} 的 {code} 已在第 {first} 行 / {code} for {orgUnit} {periodCode} is already on row {first}"));
                continue;
            }
            seen[key] = row.Number;
            figures.Add(new FigureRow(row.Number, orgUnit!, periodCode!, new FigureInput
            {
                Indicator = code!,
                Quantity = new Quantity { Value = new ProtoDecimal { Value = value! }, Unit = unit! },
                YoyGrowthPct = growth is null ? null : new ProtoDecimal { Value = growth },
                Status = status,
                Note = row[FigureColumn.Note] ?? "",
            }));
        }
        return new FigureRowsRead(figures, problems, withoutValue, otherUnits);
    }

    /// <summary>The cell, or the command-line value when the column is absent or the cell empty; both given and different is a problem.</summary>
    private static string? Pick(SheetRow row, FigureColumn column, string? option, (string Zh, string En) name, string optionName, List<RowProblem> problems)
    {
        var cell = row[column];
        if (cell is not null && option is not null && !string.Equals(cell, option, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new RowProblem(row.Number, $"{name.Zh} '{cell}' 与 {optionName} {option} 不同 / {name.En} '{cell}' differs from {optionName} {option}"));
            return null;
        }
        var value = cell ?? option;
        if (value is null)
        {
            problems.Add(new RowProblem(row.Number, $"没有{name.Zh}：请加{name.Zh}列或用 {optionName} / no {name.En}: add a {name.En} column or pass {optionName}"));
        }
        return value;
    }

    private static string? Indicator(SheetRow row, IndicatorCatalog? catalog, List<RowProblem> problems)
    {
        if (row[FigureColumn.Code] is { } code)
        {
            if (catalog is null)
            {
                return code.ToUpperInvariant();
            }
            if (catalog.ByCode(code) is { } byCode)
            {
                return byCode.Code;
            }
            problems.Add(new RowProblem(row.Number, $"指标代码 '{code}' 不在目录中 / indicator code '{code}' is not in the catalog (see ixc catalog)"));
            return null;
        }
        var name = row[FigureColumn.NameZh] ?? row[FigureColumn.NameEn];
        if (name is null)
        {
            problems.Add(new RowProblem(row.Number, "没有指标代码或名称 / no indicator code or name"));
            return null;
        }
        if (catalog is null)
        {
            problems.Add(new RowProblem(row.Number, $"服务不可达且没有缓存的目录，无法查找指标 '{name}' / indicator '{name}' cannot be looked up: the service is unreachable and no catalog is cached yet (use codes, or run ixc catalog once online)"));
            return null;
        }
        if (catalog.ByName(name) is { } byName)
        {
            return byName.Code;
        }
        problems.Add(new RowProblem(row.Number, $"指标 '{name}' 不在目录中 / indicator '{name}' is not in the catalog (see ixc catalog)"));
        return null;
    }

    private static string? Number(SheetRow row, FigureColumn column, (string Zh, string En) name, List<RowProblem> problems)
    {
        var text = row[column]!;
        if (DecimalText.TryParse(text, out var number))
        {
            return DecimalText.Format(number);
        }
        problems.Add(new RowProblem(row.Number, $"{name.Zh} '{text}' 不是数字（只用数字和一个小数点，不用分隔符或指数）/ {name.En} '{text}' is not a number (digits, one decimal point, no separators or exponent)"));
        return null;
    }

    private static FigureStatus Status(SheetRow row, List<RowProblem> problems)
    {
        var text = row[FigureColumn.Status];
        switch (text?.ToLowerInvariant())
        {
            case null or "reported" or "上报" or "快报" or "正式":
                return FigureStatus.Reported;
            case "estimated" or "preliminary" or "预计" or "初步":
                return FigureStatus.Preliminary;
            case "final" or "核定" or "最终":
                return FigureStatus.Final;
            default:
                problems.Add(new RowProblem(row.Number, $"状态 '{text}' 不是 上报、预计、核定 之一 / status '{text}' is not one of reported (上报), preliminary/estimated (预计), final (核定)"));
                return FigureStatus.Unspecified;
        }
    }
}
