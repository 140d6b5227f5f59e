namespace IndicatorExchange.Spreadsheets;

/// <summary>A rectangle of cells by zero-based row and column (inclusive), such as merged cells.</summary>
public sealed record XlsxRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn)
{
    /// <summary>"F1:J1".</summary>
    public override string ToString() =>
        $"{XlsxSheet.Reference(FirstRow, FirstColumn)}:{XlsxSheet.Reference(LastRow, LastColumn)}";
}
