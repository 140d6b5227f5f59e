namespace IndicatorExchange.Contracts.Mapping;

/// <summary>The error of a mapping given a value it has no counterpart for (UNSPECIFIED, or a number the enum does not define).</summary>
internal static class UnknownValue
{
    public static ArgumentOutOfRangeException Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new(typeof(TEnum).Name, value, $"{typeof(TEnum).FullName} {value} ({Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}) has no counterpart.");
}
