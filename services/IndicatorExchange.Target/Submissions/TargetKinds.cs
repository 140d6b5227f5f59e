using IndicatorExchange.Contracts.Target.V1;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// The snake_case names of target kinds, as the database and the demo files write them
/// ("growth_at_least"), and what each kind's threshold is measured in.
/// </summary>
internal static class TargetKinds
{
    private static readonly Dictionary<TargetKind, string> Names = new()
    {
        [TargetKind.GrowthAtLeast] = "growth_at_least",
        [TargetKind.ValueAtLeast] = "value_at_least",
        [TargetKind.ValueAtMost] = "value_at_most",
        [TargetKind.RateAtLeast] = "rate_at_least",
        [TargetKind.RateAtMost] = "rate_at_most",
    };

    private static readonly Dictionary<string, TargetKind> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>A kind a target may have: defined and not UNSPECIFIED.</summary>
    public static bool IsKnown(TargetKind kind) => Names.ContainsKey(kind);

    public static string Name(TargetKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a target kind.");

    public static bool TryParse(string? name, out TargetKind kind) => ByName.TryGetValue(name?.Trim() ?? "", out kind);

    public static TargetKind Parse(string name) =>
        TryParse(name, out var kind) ? kind : throw new FormatException($"'{name}' is not one of: {string.Join(", ", ByName.Keys)}.");

    public static bool IsGrowth(TargetKind kind) => kind == TargetKind.GrowthAtLeast;

    public static bool IsRate(TargetKind kind) => kind is TargetKind.RateAtLeast or TargetKind.RateAtMost;

    /// <summary>Growth and rate thresholds are in percent; value thresholds in a unit of the indicator.</summary>
    public static bool IsInPercent(TargetKind kind) => IsGrowth(kind) || IsRate(kind);
}
