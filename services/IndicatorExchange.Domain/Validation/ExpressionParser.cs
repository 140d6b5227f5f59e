using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// Recursive descent over the grammar
/// <code>
/// sum     = product (("+" | "-") product)*
/// product = unary (("*" | "/") unary)*
/// unary   = "-" unary | primary
/// primary = number | "(" sum ")" | function "(" sum ("," sum)* ")" | operand ["(" INDICATOR_CODE ")"]
/// </code>
/// where function is abs (one argument), min or max (two or more), and operand a lower_snake_case name.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly List<ExpressionToken> _tokens;
    private int _next;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = ExpressionTokenizer.Tokenize(text);
    }

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(text);
        var node = parser.Sum();
        var rest = parser.Peek;
        if (rest.Kind != TokenKind.End)
        {
            throw parser.Error(rest, "expected an operator or the end of the text");
        }
        return node;
    }

    private ExpressionToken Peek => _tokens[_next];

    /// <summary>The next token; the end token stays the next one once reached.</summary>
    private ExpressionToken Take()
    {
        var token = _tokens[_next];
        if (token.Kind != TokenKind.End)
        {
            _next++;
        }
        return token;
    }

    private ExpressionNode Sum()
    {
        var node = Product();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Take().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            node = new BinaryNode(op, node, Product());
        }
        return node;
    }

    private ExpressionNode Product()
    {
        var node = Unary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Take().Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            node = new BinaryNode(op, node, Unary());
        }
        return node;
    }

    private ExpressionNode Unary()
    {
        if (Peek.Kind == TokenKind.Minus)
        {
            Take();
            return new NegateNode(Unary());
        }
        return Primary();
    }

    private ExpressionNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                DecimalText.TryParse(token.Text, out var value);
                return new NumberNode(value);
            case TokenKind.LeftParen:
                var inner = Sum();
                Expect(TokenKind.RightParen, "expected ')'");
                return inner;
            case TokenKind.Identifier:
                return FunctionOrOperand(token);
            default:
                throw Error(token, "expected a number, an operand, a function or '('");
        }
    }

    private ExpressionNode FunctionOrOperand(ExpressionToken name)
    {
        if (FunctionOf(name.Text) is { } function)
        {
            return Call(name, function);
        }
        if (!SnakeCase.IsLower(name.Text))
        {
            throw Error(name, "an operand name must be lower_snake_case");
        }
        if (Peek.Kind != TokenKind.LeftParen)
        {
            return new OperandNode(new OperandReference(name.Text, null));
        }
        Take();
        var indicator = Take();
        if (indicator.Kind != TokenKind.Identifier || !SnakeCase.IsUpper(indicator.Text))
        {
            throw Error(indicator, $"expected an indicator code in UPPER_SNAKE_CASE as the argument of '{name.Text}'");
        }
        Expect(TokenKind.RightParen, $"expected ')' after the indicator code of '{name.Text}'");
        return new OperandNode(new OperandReference(name.Text, indicator.Text));
    }

    private FunctionNode Call(ExpressionToken name, ExpressionFunction function)
    {
        Expect(TokenKind.LeftParen, $"expected '(' after the function '{name.Text}'");
        var arguments = new List<ExpressionNode> { Sum() };
        while (Peek.Kind == TokenKind.Comma)
        {
            Take();
            arguments.Add(Sum());
        }
        var close = Peek;
        Expect(TokenKind.RightParen, "expected ',' or ')'");
        var (least, most) = function == ExpressionFunction.Abs ? (1, 1) : (2, int.MaxValue);
        if (arguments.Count < least || arguments.Count > most)
        {
            var wanted = function == ExpressionFunction.Abs ? "one argument" : "two or more arguments";
            throw Error(close, $"the function '{name.Text}' takes {wanted}, not {arguments.Count}");
        }
        return new FunctionNode(function, arguments);
    }

    private static ExpressionFunction? FunctionOf(string name) => name switch
    {
        "abs" => ExpressionFunction.Abs,
        "min" => ExpressionFunction.Min,
        "max" => ExpressionFunction.Max,
        _ => null,
    };

    private void Expect(TokenKind kind, string problem)
    {
        var token = Take();
        if (token.Kind != kind)
        {
            throw Error(token, problem);
        }
    }

    private RuleExpressionFormatException Error(ExpressionToken found, string problem) =>
        new(_text, found.Position, $"{problem}, found {found.Describe()}");
}
