namespace IndicatorExchange.Target.Storage;

/// <summary>One row of target_revisions. The threshold holds canonical decimal text; the kind its snake_case name.</summary>
internal sealed record StoredTarget
{
    public long Sequence { get; init; }
    public string OrgUnit { get; init; } = "";
    public string Indicator { get; init; } = "";
    public int Year { get; init; }
    public string Kind { get; init; } = "";
    public string Threshold { get; init; } = "";
    public string Unit { get; init; } = "";
    public string Note { get; init; } = "";
    public long Revision { get; init; }
    public string SetBy { get; init; } = "";
    public string RequestId { get; init; } = "";
    public string SetAt { get; init; } = "";
    public string? NormalisedThreshold { get; init; }
    public string? CanonicalUnit { get; init; }

    /// <summary>Quarterly milestones as comma-separated canonical decimals; empty for linear.</summary>
    public string Milestones { get; init; } = "";
    public string Reason { get; init; } = "";

    public TargetKey Key => new(OrgUnit, Indicator, Year, Kind);
}
