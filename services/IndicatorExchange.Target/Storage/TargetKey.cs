namespace IndicatorExchange.Target.Storage;

/// <summary>What identifies a target: whose, for which indicator and year, and of which kind (snake_case, as stored).</summary>
internal readonly record struct TargetKey(string OrgUnit, string Indicator, int Year, string Kind);
