namespace IndicatorExchange.Domain.Validation;

/// <summary>The parsed form of a rule expression. Internal: callers see <see cref="RuleExpression"/> only.</summary>
internal abstract record ExpressionNode;

internal sealed record NumberNode(decimal Value) : ExpressionNode;

internal sealed record OperandNode(OperandReference Operand) : ExpressionNode;

internal sealed record NegateNode(ExpressionNode Operand) : ExpressionNode;

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

internal sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;

internal enum ExpressionFunction
{
    Abs,
    Min,
    Max,
}

internal sealed record FunctionNode(ExpressionFunction Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode;
