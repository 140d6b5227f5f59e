namespace IndicatorExchange.Domain.Targets;

/// <summary>
/// Where a unit stands against an annual target in a period, with the measures that decided it.
/// Measures that do not apply to the target's kind are null; all are rounded to 10 places.
/// </summary>
/// <param name="Target">The target evaluated.</param>
/// <param name="Status">The verdict.</param>
/// <param name="CompletionPct">Value / threshold × 100, for value kinds (null when the threshold is not positive).</param>
/// <param name="MilestonePct">The share of the annual target expected by this period, in percent, for value kinds (100 for stocks).</param>
/// <param name="GapPoints">Growth − threshold in percentage points for growth kinds; value − threshold for rate kinds.</param>
/// <param name="Margin">
/// Room left under a ceiling in the value's unit (allowance − value for <see cref="TargetKind.ValueAtMost"/>,
/// threshold − value for <see cref="TargetKind.RateAtMost"/>; negative when exceeded), and value − threshold for
/// <see cref="TargetKind.RateAtLeast"/>.
/// </param>
/// <param name="Rule">A short English sentence stating the rule that decided the status.</param>
public sealed record TargetProgress(
    AnnualTarget Target,
    ProgressStatus Status,
    decimal? CompletionPct,
    decimal? MilestonePct,
    decimal? GapPoints,
    decimal? Margin,
    string Rule);
