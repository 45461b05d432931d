using System.Runtime.CompilerServices;
using GradingEngine.Diagnostics;

namespace GradingEngine.Expressions.Syntax;

/// <summary>
/// A recursive-descent parser for the expression language. It stops at the first syntax error (later ones are
/// usually consequences of it) and never recurses or builds a tree deeper than <see cref="ExpressionLimits.MaxDepth"/>.
/// </summary>
/// <remarks>
/// Precedence, loosest first: <c>or</c>; <c>and</c>; <c>not</c>; comparisons, <c>in</c>, <c>between</c>
/// (not chainable); <c>+ -</c>; <c>* /</c>; unary <c>-</c>; member access <c>.</c>; primaries
/// (literals, names, calls, parentheses, <c>if … then … else …</c>).
/// </remarks>
internal sealed class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly ExpressionLimits _limits;
    private readonly List<ExpressionError> _errors;
    private int _position;
    private int _nesting;

    private Parser(string text, List<Token> tokens, ExpressionLimits limits, List<ExpressionError> errors)
    {
        _text = text;
        _tokens = tokens;
        _limits = limits;
        _errors = errors;
    }

    /// <summary>Parses a token list produced by <see cref="Lexer"/>; returns null after appending an error.</summary>
    public static SyntaxNode? Parse(string text, List<Token> tokens, ExpressionLimits limits, List<ExpressionError> errors)
    {
        var parser = new Parser(text, tokens, limits, errors);
        try
        {
            return parser.ParseWhole();
        }
        catch (AbortParseException)
        {
            return null;
        }
    }

    /// <summary>Parses the text (lexing it first); returns null after appending errors.</summary>
    public static SyntaxNode? Parse(string text, ExpressionLimits limits, List<ExpressionError> errors)
    {
        var before = errors.Count;
        var tokens = Lexer.Tokenize(text, errors);
        return errors.Count > before ? null : Parse(text, tokens, limits, errors);
    }

    private Token Current => _tokens[_position];

    private Token PeekAt(int offset) => _tokens[Math.Min(_position + offset, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = _tokens[_position];
        if (token.Kind != TokenKind.End)
        {
            _position++;
        }

        return token;
    }

    private SyntaxNode ParseWhole()
    {
        if (Current.Kind == TokenKind.End)
        {
            throw Fail("表达式为空 (the expression is empty)", 0, _text.Length);
        }

        var node = ParseExpression();
        if (Current.Kind != TokenKind.End)
        {
            var t = Current;
            var shown = Show(t);
            if (t.Kind == TokenKind.CloseParen)
            {
                throw Fail($"多余的“{shown}”，没有与之配对的“(” (unmatched '{shown}')", t.Start, t.Length);
            }

            throw Fail($"表达式在此处应已结束，却出现了“{shown}” (unexpected '{shown}' after the end of the expression)", t.Start, t.Length);
        }

        return node;
    }

    private SyntaxNode ParseExpression()
    {
        Enter();
        var node = ParseOr();
        _nesting--;
        return node;
    }

    private SyntaxNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            var right = ParseAnd();
            left = Checked(new BinarySyntax(BinaryOperator.Or, op.Text, op.Start, left, right));
        }

        return left;
    }

    private SyntaxNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            var right = ParseNot();
            left = Checked(new BinarySyntax(BinaryOperator.And, op.Text, op.Start, left, right));
        }

        return left;
    }

    private SyntaxNode ParseNot()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var op = Advance();
        Enter();
        var operand = ParseNot();
        _nesting--;
        return Checked(new UnarySyntax(UnaryOperator.Not, op.Text, op.Start, operand));
    }

    private SyntaxNode ParseComparison()
    {
        var left = ParseAdditive();
        SyntaxNode result;
        var t = Current;
        if (ComparisonOperator(t.Kind) is { } op)
        {
            Advance();
            var right = ParseAdditive();
            result = Checked(new BinarySyntax(op, t.Text, t.Start, left, right));
        }
        else if (t.Kind == TokenKind.In || (t.Kind == TokenKind.Not && PeekAt(1).Kind == TokenKind.In))
        {
            var negated = t.Kind == TokenKind.Not;
            Advance();
            var inToken = negated ? Advance() : t;
            result = ParseInList(left, negated, t.Start, inToken.End - t.Start);
        }
        else if (t.Kind == TokenKind.Between)
        {
            Advance();
            var low = ParseAdditive();
            if (Current.Kind != TokenKind.And)
            {
                throw Expected("and", t);
            }

            Advance();
            var high = ParseAdditive();
            result = Checked(new BetweenSyntax(left, low, high, t.Start, t.Length));
        }
        else
        {
            return left;
        }

        var next = Current;
        if (ComparisonOperator(next.Kind) is not null || next.Kind is TokenKind.In or TokenKind.Between
            || (next.Kind == TokenKind.Not && PeekAt(1).Kind == TokenKind.In))
        {
            throw Fail(
                $"比较不能连写，请用 and 连接或使用 between (comparisons cannot be chained; join them with 'and' or use 'between')",
                next.Start,
                next.Length);
        }

        return result;
    }

    private SyntaxNode ParseInList(SyntaxNode value, bool negated, int operatorStart, int operatorLength)
    {
        if (Current.Kind != TokenKind.OpenBracket)
        {
            throw Expected("[", _tokens[_position - 1]);
        }

        var open = Advance();
        var items = new List<SyntaxNode>();
        if (Current.Kind == TokenKind.CloseBracket)
        {
            var close = Advance();
            throw Fail("“in”后的列表为空 (the list after 'in' is empty)", open.Start, close.End - open.Start);
        }

        while (true)
        {
            items.Add(ParseExpression());
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind == TokenKind.CloseBracket)
            {
                var close = Advance();
                return Checked(new InSyntax(value, items, negated, operatorStart, operatorLength, close.End));
            }

            if (Current.Kind == TokenKind.End)
            {
                throw Fail("方括号“[”没有闭合 (unclosed '[')", open.Start, open.Length);
            }

            var found = Show(Current);
            throw Fail($"此处应为“,”或“]”，却出现了“{found}” (expected ',' or ']' but found '{found}')", Current.Start, Current.Length);
        }
    }

    private static BinaryOperator? ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterEqual => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private SyntaxNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            var right = ParseMultiplicative();
            var kind = op.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = Checked(new BinarySyntax(kind, op.Text, op.Start, left, right));
        }

        return left;
    }

    private SyntaxNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance();
            var right = ParseUnary();
            var kind = op.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            left = Checked(new BinarySyntax(kind, op.Text, op.Start, left, right));
        }

        return left;
    }

    private SyntaxNode ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePostfix();
        }

        var op = Advance();
        Enter();
        var operand = ParseUnary();
        _nesting--;
        return Checked(new UnarySyntax(UnaryOperator.Negate, op.Text, op.Start, operand));
    }

    private SyntaxNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (Current.Kind == TokenKind.Dot)
        {
            var dot = Advance();
            if (Current.Kind != TokenKind.Identifier)
            {
                var shown = Show(Current);
                throw Current.Kind == TokenKind.End
                    ? Fail("“.”之后缺少成员名称 (a member name must follow '.')", dot.Start, dot.Length)
                    : Fail($"“.”之后应为成员名称，却出现了“{shown}” (a member name must follow '.', found '{shown}')", Current.Start, Current.Length);
            }

            var member = Advance();
            node = Checked(new MemberAccessSyntax(node, member.Text, member.Start, member.Length));
        }

        return node;
    }

    private SyntaxNode ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteralSyntax(t.Start, t.Length, t.Number, t.IsInteger);
            case TokenKind.Text:
                Advance();
                return new TextLiteralSyntax(t.Start, t.Length, t.Text);
            case TokenKind.True:
            case TokenKind.False:
                Advance();
                return new BooleanLiteralSyntax(t.Start, t.Length, t.Kind == TokenKind.True);
            case TokenKind.Identifier:
                Advance();
                return Current.Kind == TokenKind.OpenParen ? ParseCall(t) : new NameSyntax(t.Start, t.Length, t.Text);
            case TokenKind.OpenParen:
            {
                Advance();
                var inner = ParseExpression();
                if (Current.Kind == TokenKind.CloseParen)
                {
                    Advance();
                    return inner;
                }

                if (Current.Kind == TokenKind.End)
                {
                    throw Fail("括号“(”没有闭合 (unclosed '(')", t.Start, t.Length);
                }

                throw Expected(")", t);
            }

            case TokenKind.If:
                return ParseConditional();
            case TokenKind.End:
                throw Incomplete();
            default:
            {
                var shown = Show(t);
                throw Fail($"此处应为一个值，却出现了“{shown}” (expected a value but found '{shown}')", t.Start, t.Length);
            }
        }
    }

    private SyntaxNode ParseCall(Token name)
    {
        var open = Advance();
        var arguments = new List<SyntaxNode>();
        if (Current.Kind == TokenKind.CloseParen)
        {
            var close = Advance();
            return Checked(new CallSyntax(name.Text, name.Start, name.Length, arguments, close.End));
        }

        while (true)
        {
            arguments.Add(ParseExpression());
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind == TokenKind.CloseParen)
            {
                var close = Advance();
                return Checked(new CallSyntax(name.Text, name.Start, name.Length, arguments, close.End));
            }

            if (Current.Kind == TokenKind.End)
            {
                throw Fail($"函数“{name.Text}”的括号“(”没有闭合 (unclosed '(' of '{name.Text}')", open.Start, open.Length);
            }

            var found = Show(Current);
            throw Fail($"此处应为“,”或“)”，却出现了“{found}” (expected ',' or ')' but found '{found}')", Current.Start, Current.Length);
        }
    }

    private SyntaxNode ParseConditional()
    {
        var ifToken = Advance();
        var condition = ParseExpression();
        if (Current.Kind != TokenKind.Then)
        {
            throw Expected("then", ifToken);
        }

        Advance();
        var whenTrue = ParseExpression();
        if (Current.Kind != TokenKind.Else)
        {
            throw Expected("else", ifToken);
        }

        Advance();
        var whenFalse = ParseExpression();
        return Checked(new ConditionalSyntax(ifToken.Start, condition, whenTrue, whenFalse));
    }

    /// <summary>Guards recursion: nesting past the limit (or a nearly exhausted stack) is GE3005.</summary>
    private void Enter()
    {
        _nesting++;
        if (_nesting > _limits.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            var t = Current;
            throw TooDeep(t.Start, Math.Max(t.Length, t.Kind == TokenKind.End ? 0 : 1));
        }
    }

    /// <summary>Guards tree depth: a long left-associative chain deepens the tree without deep recursion.</summary>
    private SyntaxNode Checked(SyntaxNode node) =>
        node.Depth > _limits.MaxDepth ? throw TooDeep(node.Start, node.Length) : node;

    private AbortParseException TooDeep(int start, int length) => Fail(
        DiagnosticCodes.ExpressionTooComplex,
        $"表达式嵌套过深，上限为 {_limits.MaxDepth} 层 (the expression is nested too deeply; the limit is {_limits.MaxDepth} levels)",
        start,
        length);

    /// <summary>
    /// A required token (<paramref name="what"/>, e.g. <c>then</c>) is missing: at the end of the text the error
    /// points at <paramref name="owner"/> (the construct that needs it), otherwise at the token found instead.
    /// </summary>
    private AbortParseException Expected(string what, Token owner)
    {
        var t = Current;
        if (t.Kind == TokenKind.End)
        {
            var shownOwner = Show(owner);
            return Fail($"表达式不完整：“{shownOwner}”缺少“{what}” (incomplete expression: '{shownOwner}' needs '{what}')", owner.Start, owner.Length);
        }

        var shown = Show(t);
        return Fail($"此处应为“{what}”，却出现了“{shown}” (expected '{what}' but found '{shown}')", t.Start, t.Length);
    }

    private AbortParseException Incomplete()
    {
        if (_position == 0)
        {
            return Fail("表达式为空 (the expression is empty)", 0, _text.Length);
        }

        var previous = _tokens[_position - 1];
        var shown = Show(previous);
        return Fail(
            $"表达式不完整：“{shown}”之后缺少内容 (incomplete expression: something is missing after '{shown}')",
            previous.Start,
            previous.Length);
    }

    private string Show(Token t) => t.Kind == TokenKind.End ? "end" : Lexer.Describe(_text, t.Start, t.Length);

    private AbortParseException Fail(string message, int start, int length) =>
        Fail(DiagnosticCodes.ExpressionSyntax, message, start, length);

    private AbortParseException Fail(string code, string message, int start, int length)
    {
        _errors.Add(new ExpressionError(code, message, start, length));
        return new AbortParseException();
    }

    /// <summary>Unwinds the parser after its single error has been recorded.</summary>
    private sealed class AbortParseException : Exception
    {
    }
}
