namespace IndicatorExchange.Domain.Validation;

/// <summary>An operand an expression uses: <c>value</c> is ("value", null), <c>value(RETAIL_SALES)</c> is ("value", "RETAIL_SALES").</summary>
public readonly record struct OperandReference(string Name, string? Indicator)
{
    public override string ToString() => Indicator is null ? Name : $"{Name}({Indicator})";
}
