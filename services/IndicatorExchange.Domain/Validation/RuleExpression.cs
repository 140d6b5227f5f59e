namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// One side of a validation rule, parsed once: decimal literals, unary minus, + − × ÷ with the usual precedence,
/// parentheses, <c>abs(x)</c>, <c>min(a, b)</c>, <c>max(a, b)</c>, and operands such as <c>value</c> or
/// <c>value(RETAIL_SALES)</c> whose values an <see cref="IOperandSource"/> supplies at evaluation time.
/// </summary>
public sealed class RuleExpression
{
    private readonly ExpressionNode _root;

    private RuleExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
        var operands = new List<OperandReference>();
        Collect(root, operands);
        Operands = operands;
    }

    /// <summary>The text the expression was parsed from.</summary>
    public string Text { get; }

    /// <summary>The operands the expression uses, each once, in order of first appearance: what a caller must be able to resolve.</summary>
    public IReadOnlyList<OperandReference> Operands { get; }

    /// <exception cref="RuleExpressionFormatException">Bad syntax; the message names the text and the 1-based position.</exception>
    public static RuleExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RuleExpression(text, ExpressionParser.Parse(text));
    }

    /// <summary>
    /// The value, or null when it cannot be known: an operand resolved to null, a division by zero, or a result
    /// beyond what a decimal holds. Such a rule says nothing rather than something wrong.
    /// </summary>
    public decimal? Evaluate(IOperandSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return Evaluate(_root, source);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public override string ToString() => Text;

    private static decimal? Evaluate(ExpressionNode node, IOperandSource source) => node switch
    {
        NumberNode number => number.Value,
        OperandNode operand => source.Resolve(operand.Operand.Name, operand.Operand.Indicator),
        NegateNode negate => -Evaluate(negate.Operand, source),
        BinaryNode binary => Apply(binary.Operator, Evaluate(binary.Left, source), Evaluate(binary.Right, source)),
        FunctionNode function => Apply(function, source),
        _ => throw new InvalidOperationException($"Unknown expression node {node.GetType().Name}."),
    };

    private static decimal? Apply(BinaryOperator op, decimal? left, decimal? right)
    {
        if (left is not { } l || right is not { } r)
        {
            return null;
        }
        return op switch
        {
            BinaryOperator.Add => l + r,
            BinaryOperator.Subtract => l - r,
            BinaryOperator.Multiply => l * r,
            BinaryOperator.Divide => r == 0m ? null : l / r,
            _ => throw new InvalidOperationException($"Unknown operator {op}."),
        };
    }

    /// <summary>
    /// Evaluates every argument in order, then answers null if any is missing. A loop rather than LINQ: rules run for
    /// every figure of an upload. The parser guarantees at least one argument (abs exactly one).
    /// </summary>
    private static decimal? Apply(FunctionNode function, IOperandSource source)
    {
        var arguments = function.Arguments;
        decimal result = 0m;
        var missing = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (Evaluate(arguments[i], source) is not { } value)
            {
                missing = true;
            }
            else if (i == 0)
            {
                result = value;
            }
            else if (function.Function == ExpressionFunction.Min ? value < result : function.Function == ExpressionFunction.Max && value > result)
            {
                result = value;
            }
        }
        if (missing)
        {
            return null;
        }
        return function.Function switch
        {
            ExpressionFunction.Abs => Math.Abs(result),
            ExpressionFunction.Min or ExpressionFunction.Max => result,
            _ => throw new InvalidOperationException($"Unknown function {function.Function}."),
        };
    }

    private static void Collect(ExpressionNode node, List<OperandReference> operands)
    {
        switch (node)
        {
            case OperandNode operand when !operands.Contains(operand.Operand):
                operands.Add(operand.Operand);
                break;
            case NegateNode negate:
                Collect(negate.Operand, operands);
                break;
            case BinaryNode binary:
                Collect(binary.Left, operands);
                Collect(binary.Right, operands);
                break;
            case FunctionNode function:
                foreach (var argument in function.Arguments)
                {
                    Collect(argument, operands);
                }
                break;
        }
    }
}
