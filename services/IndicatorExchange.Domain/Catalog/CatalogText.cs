using System.Text;

namespace IndicatorExchange.Domain.Catalog;

/// <summary>The snake_case names of catalog enums, as catalog files and databases write them ("year_to_date", "weighted_mean").</summary>
public static class CatalogText
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var pascal = value.ToString();
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }
        return builder.ToString();
    }

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(v => Name(v)))}.");
}
