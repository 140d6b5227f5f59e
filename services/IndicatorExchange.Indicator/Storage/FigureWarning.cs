using System.Text.Json;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>A quality warning kept with a revision: the rule that raised it, what it found, and whether the submitter confirmed it.</summary>
public sealed record FigureWarning(string Rule, string Message, bool Confirmed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<FigureWarning> warnings) => warnings.Count == 0 ? "[]" : JsonSerializer.Serialize(warnings, Json);

    public static IReadOnlyList<FigureWarning> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) || json == "[]" ? [] : JsonSerializer.Deserialize<List<FigureWarning>>(json, Json) ?? [];
}
