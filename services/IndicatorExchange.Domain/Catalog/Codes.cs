namespace IndicatorExchange.Domain.Catalog;

/// <summary>The shapes of the codes the catalog uses, checked the same way by every service.</summary>
public static class Codes
{
    public const int MaxIndicatorCodeLength = 64;

    /// <summary>UPPER_SNAKE_CASE, starting with a letter, at most 64 characters: "GDP", "RETAIL_SALES_ABOVE_SIZE".</summary>
    public static bool IsIndicatorCode(string? code) =>
        code is { Length: > 0 and <= MaxIndicatorCodeLength } && SnakeCase.IsUpper(code);

    /// <summary>A GB/T 2260 administrative division code: six digits, "654025".</summary>
    public static bool IsOrgUnitCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
