namespace IndicatorExchange.Domain.Rollup;

/// <summary>A reported figure in decimal form, with when it first arrived and whether it has open quality warnings.</summary>
public sealed record LeafFigure(decimal Value, decimal? GrowthPct, int Status, DateTimeOffset? FirstReceivedAt = null, bool HasOpenWarnings = false);
