using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Domain.Validation;

/// <summary>A <see cref="ValidationRule"/> checked and parsed once, ready to evaluate against many figures.</summary>
public sealed class CompiledRule
{
    /// <summary>The <see cref="ValidationRule.Indicator"/> that matches every indicator.</summary>
    public const string AnyIndicator = "*";

    private CompiledRule(ValidationRule rule, RuleExpression left, RuleExpression right)
    {
        Rule = rule;
        Left = left;
        Right = right;
        Operands = left.Operands.Concat(right.Operands).Distinct().ToList();
    }

    public ValidationRule Rule { get; }

    public RuleExpression Left { get; }

    public RuleExpression Right { get; }

    /// <summary>The operands of both sides, each once: what the caller's <see cref="IOperandSource"/> will be asked for.</summary>
    public IReadOnlyList<OperandReference> Operands { get; }

    /// <exception cref="FormatException">
    /// The rule is malformed: code not UPPER_SNAKE_CASE, indicator neither "*" nor UPPER_SNAKE_CASE, unknown
    /// accumulation, undefined operator or severity, negative tolerance, or bad expression syntax. The message names the rule code.
    /// </exception>
    public static CompiledRule Compile(ValidationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var code = rule.Code;
        if (!SnakeCase.IsUpper(code ?? ""))
        {
            throw new FormatException($"Validation rule code '{code}' is not UPPER_SNAKE_CASE.");
        }
        if (rule.Indicator != AnyIndicator && !SnakeCase.IsUpper(rule.Indicator ?? ""))
        {
            throw new FormatException($"Validation rule {code}: indicator '{rule.Indicator}' is neither \"*\" nor an UPPER_SNAKE_CASE code.");
        }
        if (rule.Accumulation is { } accumulation && !CatalogText.TryParse<Accumulation>(accumulation, out _))
        {
            throw new FormatException($"Validation rule {code}: accumulation '{accumulation}' is not one of year_to_date, period, stock.");
        }
        if (!Enum.IsDefined(rule.Operator) || !Enum.IsDefined(rule.Severity))
        {
            throw new FormatException($"Validation rule {code}: operator {rule.Operator} or severity {rule.Severity} is not defined.");
        }
        if (rule.Tolerance < 0m)
        {
            throw new FormatException($"Validation rule {code}: the tolerance {rule.Tolerance} is negative.");
        }
        return new CompiledRule(rule, Side(code!, "left", rule.Left), Side(code!, "right", rule.Right));
    }

    /// <summary>Compiles every rule; the first malformed one throws.</summary>
    public static IReadOnlyList<CompiledRule> CompileAll(IEnumerable<ValidationRule> rules) => rules.Select(Compile).ToList();

    /// <summary>Whether the rule checks figures of this indicator, whose catalog accumulation is named e.g. "year_to_date".</summary>
    public bool AppliesTo(string indicatorCode, string accumulationName) =>
        (Rule.Indicator == AnyIndicator || string.Equals(Rule.Indicator, indicatorCode, StringComparison.Ordinal))
        && (Rule.Accumulation is null || string.Equals(Rule.Accumulation, accumulationName, StringComparison.OrdinalIgnoreCase));

    public bool AppliesTo(string indicatorCode, Accumulation accumulation) => AppliesTo(indicatorCode, CatalogText.Name(accumulation));

    /// <summary>
    /// Evaluates both sides against one figure's operands. Does not check <see cref="AppliesTo(string, string)"/>:
    /// the caller selects the rules for the figure first.
    /// </summary>
    public RuleOutcome Evaluate(IOperandSource source)
    {
        var left = Left.Evaluate(source);
        var right = Right.Evaluate(source);
        if (left is not { } l || right is not { } r)
        {
            return new RuleOutcome.NotApplicable(left, right);
        }
        if (Rule.Operator.Holds(l, r, Rule.Tolerance))
        {
            return new RuleOutcome.Passed(l, r);
        }
        return new RuleOutcome.Violated(l, Rule.Operator, r, Rule.Tolerance);
    }

    public override string ToString() => $"{Rule.Code} [{Rule.Indicator}]: {Left} {Rule.Operator.ToText()} {Right}";

    private static RuleExpression Side(string code, string side, string text)
    {
        try
        {
            return RuleExpression.Parse(text ?? "");
        }
        catch (RuleExpressionFormatException e)
        {
            throw new FormatException($"Validation rule {code}, {side} side: {e.Message}", e);
        }
    }
}
