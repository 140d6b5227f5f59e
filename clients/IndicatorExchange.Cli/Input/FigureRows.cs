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

/// <summary>What reading a sheet gave: the figures, the rows that cannot be read, and how many rows had no value.</summary>
public sealed record FigureRowsRead(IReadOnlyList<FigureRow> Figures, IReadOnlyList<RowProblem> Problems, int RowsWithoutValue);

/// <summary>
/// Interprets a figures sheet: indicator codes or names (through the catalog), exact numbers, statuses, and the
/// org unit and period from their columns or from --org / --period.
/// </summary>
public static class FigureRows
{
    public static FigureRowsRead Read(FigureSheet sheet, IndicatorCatalog? catalog, string? org, string? period)
    {
        var figures = new List<FigureRow>();
        var problems = new List<RowProblem>();
        var seen = new Dictionary<(string, string, string), int>();
        var withoutValue = 0;
        foreach (var row in sheet.Rows.Where(r => !r.IsBlank))
        {
            if (row[FigureColumn.Value] is null)
            {
                withoutValue++;
                continue;
            }
            var before = problems.Count;
            var orgUnit = Pick(row, FigureColumn.OrgCode, org, "org_code", "--org", problems);
            var periodCode = Pick(row, FigureColumn.Period, period, "period", "--period", problems)?.ToUpperInvariant();
            if (periodCode is not null && !Period.TryParse(periodCode, out _))
            {
                problems.Add(new RowProblem(row.Number, $"报告期 period '{periodCode}' is not a period code such as 2023, 2023Q3 or 2023M09"));
            }
            var code = Indicator(row, catalog, problems);
            var value = Number(row, FigureColumn.Value, "数值 value", problems);
            var growth = row[FigureColumn.Growth] is null ? null : Number(row, FigureColumn.Growth, "同比增长 yoy_growth_pct", problems);
            var unit = row[FigureColumn.Unit];
            if (unit is null)
            {
                problems.Add(new RowProblem(row.Number, "没有单位 no unit (单位 unit column)"));
            }
            var status = Status(row, problems);
            if (problems.Count > before)
            {
                continue;
            }
            var key = (orgUnit!, periodCode!, code!);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(new RowProblem(row.Number, $"重复 {code} for {orgUnit} {periodCode} is already on row {first}"));
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
        return new FigureRowsRead(figures, problems, withoutValue);
    }

    /// <summary>The cell, or the command-line value when the column is absent or the cell empty; both given and different is a problem.</summary>
    private static string? Pick(SheetRow row, FigureColumn column, string? option, string name, string optionName, List<RowProblem> problems)
    {
        var cell = row[column];
        if (cell is not null && option is not null && !string.Equals(cell, option, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new RowProblem(row.Number, $"{name} '{cell}' differs from {optionName} {option}"));
            return null;
        }
        var value = cell ?? option;
        if (value is null)
        {
            problems.Add(new RowProblem(row.Number, $"没有 no {name}: add a {name} column or pass {optionName}"));
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
            problems.Add(new RowProblem(row.Number, $"未知指标 indicator code '{code}' is not in the catalog (see ixc catalog)"));
            return null;
        }
        var name = row[FigureColumn.NameZh] ?? row[FigureColumn.NameEn];
        if (name is null)
        {
            problems.Add(new RowProblem(row.Number, "没有指标 no indicator code or name"));
            return null;
        }
        if (catalog is null)
        {
            problems.Add(new RowProblem(row.Number, $"indicator '{name}' cannot be looked up: the service is unreachable and no catalog is cached yet (use codes, or run ixc catalog once online)"));
            return null;
        }
        if (catalog.ByName(name) is { } byName)
        {
            return byName.Code;
        }
        problems.Add(new RowProblem(row.Number, $"未知指标 indicator '{name}' is not in the catalog (see ixc catalog)"));
        return null;
    }

    private static string? Number(SheetRow row, FigureColumn column, string name, List<RowProblem> problems)
    {
        var text = row[column]!;
        if (DecimalText.TryParse(text, out var number))
        {
            return DecimalText.Format(number);
        }
        problems.Add(new RowProblem(row.Number, $"{name} '{text}' is not a number (digits, one decimal point, no separators or exponent)"));
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
                problems.Add(new RowProblem(row.Number, $"状态 status '{text}' is not one of reported (上报), preliminary/estimated (预计), final (核定)"));
                return FigureStatus.Unspecified;
        }
    }
}
