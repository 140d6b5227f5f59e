namespace IndicatorExchange.Domain.Validation;

/// <summary>How a violated rule is treated: both are shown to a person to confirm (domain.md §9), neither rejects silently.</summary>
public enum RuleSeverity
{
    Error,
    Warning,
}
