namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// Units in English for the English page and export: 亿元 is "100 million yuan", 万人次 "10,000 visits". The services
/// send the catalog's Chinese unit symbols (those of Domain/Units/UnitTable); an unknown symbol is shown as sent.
/// </summary>
public static class UnitNames
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["元"] = "yuan", ["万元"] = "10,000 yuan", ["亿元"] = "100 million yuan",
        ["美元"] = "USD", ["万美元"] = "10,000 USD", ["亿美元"] = "100 million USD",
        ["人"] = "persons", ["万人"] = "10,000 persons",
        ["人次"] = "visits", ["万人次"] = "10,000 visits",
        ["吨"] = "tonnes", ["万吨"] = "10,000 tonnes",
        ["亩"] = "mu", ["万亩"] = "10,000 mu",
        ["头(只)"] = "head", ["万头(只)"] = "10,000 head",
        ["户"] = "households", ["万户"] = "10,000 households",
        ["家"] = "entities", ["%"] = "%",
    };

    /// <summary>The unit as the page's language writes it.</summary>
    public static string For(string unit, UiText text) =>
        string.Equals(text.Code, "en", StringComparison.Ordinal) && English.TryGetValue(unit.Replace('（', '(').Replace('）', ')'), out var name)
            ? name
            : unit;
}
