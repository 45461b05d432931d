namespace GradingEngine.Expressions.Syntax;

/// <summary>
/// A node of the parsed (untyped) expression. Every node knows its span in the original text and the depth of
/// the tree below it, which the parser keeps within <see cref="ExpressionLimits.MaxDepth"/>.
/// </summary>
internal abstract class SyntaxNode
{
    protected SyntaxNode(int start, int length, int depth)
    {
        Start = start;
        Length = length;
        Depth = depth;
    }

    /// <summary>0-based offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Characters spanned, parentheses around the node excluded.</summary>
    public int Length { get; }

    /// <summary>Offset just after the node.</summary>
    public int End => Start + Length;

    /// <summary>1 for a leaf, otherwise one more than the deepest child.</summary>
    public int Depth { get; }
}

/// <summary><c>12</c>, <c>12.5</c>, <c>90%</c>.</summary>
internal sealed class NumberLiteralSyntax(int start, int length, double value, bool isInteger)
    : SyntaxNode(start, length, 1)
{
    public double Value { get; } = value;

    /// <summary>Written as a whole number without <c>.</c> or <c>%</c>.</summary>
    public bool IsInteger { get; } = isInteger;
}

/// <summary><c>'好'</c>, <c>"好"</c>, <c>“好”</c>, <c>‘好’</c>.</summary>
internal sealed class TextLiteralSyntax(int start, int length, string value) : SyntaxNode(start, length, 1)
{
    public string Value { get; } = value;
}

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed class BooleanLiteralSyntax(int start, int length, bool value) : SyntaxNode(start, length, 1)
{
    public bool Value { get; } = value;
}

/// <summary>A name: <c>三会一课次数</c> or <c>`any name`</c>.</summary>
internal sealed class NameSyntax(int start, int length, string name) : SyntaxNode(start, length, 1)
{
    public string Name { get; } = name;
}

/// <summary><c>target.member</c>.</summary>
internal sealed class MemberAccessSyntax(SyntaxNode target, string member, int memberStart, int memberLength)
    : SyntaxNode(target.Start, memberStart + memberLength - target.Start, target.Depth + 1)
{
    public SyntaxNode Target { get; } = target;

    public string Member { get; } = member;

    public int MemberStart { get; } = memberStart;

    public int MemberLength { get; } = memberLength;
}

/// <summary>The prefix operators.</summary>
internal enum UnaryOperator
{
    /// <summary><c>-x</c>.</summary>
    Negate,
    /// <summary><c>not x</c> or <c>!x</c>.</summary>
    Not,
}

/// <summary><c>-x</c>, <c>not x</c>.</summary>
internal sealed class UnarySyntax(UnaryOperator op, string operatorText, int start, SyntaxNode operand)
    : SyntaxNode(start, operand.End - start, operand.Depth + 1)
{
    public UnaryOperator Operator { get; } = op;

    public string OperatorText { get; } = operatorText;

    public SyntaxNode Operand { get; } = operand;
}

/// <summary>The infix operators.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary><c>a op b</c>.</summary>
internal sealed class BinarySyntax(BinaryOperator op, string operatorText, int operatorStart, SyntaxNode left, SyntaxNode right)
    : SyntaxNode(left.Start, right.End - left.Start, Math.Max(left.Depth, right.Depth) + 1)
{
    public BinaryOperator Operator { get; } = op;

    /// <summary>The operator as written (normalised), for messages: <c>+</c>, <c>==</c>, <c>=</c>, <c>and</c> …</summary>
    public string OperatorText { get; } = operatorText;

    public int OperatorStart { get; } = operatorStart;

    public int OperatorLength => OperatorText.Length;

    public SyntaxNode Left { get; } = left;

    public SyntaxNode Right { get; } = right;

    /// <summary>True for the six comparison operators.</summary>
    public bool IsComparison => Operator is >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual;
}

/// <summary><c>x in [a, b]</c> or <c>x not in [a, b]</c>.</summary>
internal sealed class InSyntax(SyntaxNode value, IReadOnlyList<SyntaxNode> items, bool negated, int operatorStart, int operatorLength, int end)
    : SyntaxNode(value.Start, end - value.Start, Math.Max(value.Depth, items.Max(i => i.Depth)) + 1)
{
    public SyntaxNode Value { get; } = value;

    public IReadOnlyList<SyntaxNode> Items { get; } = items;

    public bool Negated { get; } = negated;

    public int OperatorStart { get; } = operatorStart;

    public int OperatorLength { get; } = operatorLength;
}

/// <summary><c>x between lo and hi</c>.</summary>
internal sealed class BetweenSyntax(SyntaxNode value, SyntaxNode low, SyntaxNode high, int operatorStart, int operatorLength)
    : SyntaxNode(value.Start, high.End - value.Start, Math.Max(value.Depth, Math.Max(low.Depth, high.Depth)) + 1)
{
    public SyntaxNode Value { get; } = value;

    public SyntaxNode Low { get; } = low;

    public SyntaxNode High { get; } = high;

    public int OperatorStart { get; } = operatorStart;

    public int OperatorLength { get; } = operatorLength;
}

/// <summary><c>if c then a else b</c>.</summary>
internal sealed class ConditionalSyntax(int start, SyntaxNode condition, SyntaxNode whenTrue, SyntaxNode whenFalse)
    : SyntaxNode(start, whenFalse.End - start, Math.Max(condition.Depth, Math.Max(whenTrue.Depth, whenFalse.Depth)) + 1)
{
    public SyntaxNode Condition { get; } = condition;

    public SyntaxNode WhenTrue { get; } = whenTrue;

    public SyntaxNode WhenFalse { get; } = whenFalse;
}

/// <summary><c>name(arg, …)</c>.</summary>
internal sealed class CallSyntax(string name, int start, int nameLength, IReadOnlyList<SyntaxNode> arguments, int end)
    : SyntaxNode(start, end - start, (arguments.Count == 0 ? 0 : arguments.Max(a => a.Depth)) + 1)
{
    /// <summary>The function name as written.</summary>
    public string Name { get; } = name;

    public int NameLength { get; } = nameLength;

    public IReadOnlyList<SyntaxNode> Arguments { get; } = arguments;
}
