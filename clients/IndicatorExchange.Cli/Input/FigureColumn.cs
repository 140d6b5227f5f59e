namespace IndicatorExchange.Cli.Input;

/// <summary>The columns ixc reads from a figures sheet, whatever language its headers are in.</summary>
public enum FigureColumn
{
    OrgCode,
    OrgName,
    Period,
    Code,
    NameZh,
    NameEn,
    Unit,
    Value,
    Growth,
    Status,
    Note,
    AcceptedUnits,
}
