namespace GradingEngine.Expressions.Binding;

/// <summary>
/// A node of the typed tree the binder produces; the emitter and the interpreter consume nothing else.
/// Every node is immutable and carries its static type and its span in the original text.
/// </summary>
/// <remarks>
/// Runtime representation: <see cref="ValueKind.Boolean"/> is a <see cref="bool"/>, <see cref="ValueKind.Text"/> a
/// <see cref="string"/>, everything else (number, integer, date as day number, enumeration as ordinal) a <see cref="double"/>.
/// </remarks>
internal abstract class BoundExpression
{
    protected BoundExpression(ExprType type, int start, int length)
    {
        Type = type;
        Start = start;
        Length = length;
    }

    /// <summary>The static type; never a list or a record.</summary>
    public ExprType Type { get; }

    /// <summary>0-based offset of the node in the expression text.</summary>
    public int Start { get; }

    /// <summary>Characters spanned by the node.</summary>
    public int Length { get; }
}

/// <summary>A constant: number, integer, date (day number), enumeration (ordinal), boolean or text.</summary>
internal sealed class BoundLiteral : BoundExpression
{
    public BoundLiteral(ExprType type, double number, int start, int length)
        : base(type, start, length) => Number = number;

    public BoundLiteral(bool value, int start, int length)
        : base(ExprType.Boolean, start, length) => Boolean = value;

    public BoundLiteral(string value, int start, int length)
        : base(ExprType.Text, start, length) => Text = value;

    /// <summary>The value of a number-represented constant.</summary>
    public double Number { get; }

    /// <summary>The value of a boolean constant.</summary>
    public bool Boolean { get; }

    /// <summary>The value of a text constant.</summary>
    public string? Text { get; }
}

/// <summary>Reads a symbol's slot from one of the frames in scope.</summary>
/// <param name="symbol">The symbol read (never a record; a list only as an aggregation's source).</param>
/// <param name="frameIndex">0 for the frame passed in, n for the child of the n-th enclosing aggregation.</param>
/// <param name="start">0-based offset in the expression text.</param>
/// <param name="length">Characters spanned.</param>
internal sealed class BoundSymbol(Symbol symbol, int frameIndex, int start, int length)
    : BoundExpression(symbol.Type, start, length)
{
    public Symbol Symbol { get; } = symbol;

    /// <summary>0 for the frame passed in, n for the current child of the n-th (outermost first) aggregation.</summary>
    public int FrameIndex { get; } = frameIndex;
}

/// <summary>The bound prefix operators.</summary>
internal enum BoundUnaryOperator
{
    /// <summary>Arithmetic negation of a number or integer.</summary>
    Negate,
    /// <summary>Logical negation.</summary>
    Not,
}

/// <summary><c>-x</c> or <c>not x</c>.</summary>
internal sealed class BoundUnary(BoundUnaryOperator op, BoundExpression operand, ExprType type, int start, int length)
    : BoundExpression(type, start, length)
{
    public BoundUnaryOperator Operator { get; } = op;

    public BoundExpression Operand { get; } = operand;
}

/// <summary>The bound arithmetic and logical infix operators.</summary>
internal enum BoundBinaryOperator
{
    Add,
    Subtract,
    Multiply,
    /// <summary>Division; a zero divisor gives 0.</summary>
    Divide,
    /// <summary>Short-circuit and.</summary>
    And,
    /// <summary>Short-circuit or.</summary>
    Or,
}

/// <summary>Arithmetic on numbers, or short-circuit logic on booleans.</summary>
internal sealed class BoundBinary(BoundBinaryOperator op, BoundExpression left, BoundExpression right, ExprType type, int start, int length)
    : BoundExpression(type, start, length)
{
    public BoundBinaryOperator Operator { get; } = op;

    public BoundExpression Left { get; } = left;

    public BoundExpression Right { get; } = right;
}

/// <summary>The comparison operators.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>How two values are compared, by their runtime representation.</summary>
internal enum ComparisonKind
{
    /// <summary>As doubles: numbers, integers, dates, enumeration ordinals.</summary>
    Number,
    /// <summary>As booleans (equality only).</summary>
    Boolean,
    /// <summary>As text, ordinal (equality only).</summary>
    Text,
}

/// <summary><c>a == b</c>, <c>a &lt; b</c> …; always boolean.</summary>
internal sealed class BoundComparison(ComparisonOperator op, ComparisonKind kind, BoundExpression left, BoundExpression right, int start, int length)
    : BoundExpression(ExprType.Boolean, start, length)
{
    public ComparisonOperator Operator { get; } = op;

    public ComparisonKind Kind { get; } = kind;

    public BoundExpression Left { get; } = left;

    public BoundExpression Right { get; } = right;
}

/// <summary><c>x in [a, b]</c> / <c>x not in [a, b]</c>: equality against each item, value evaluated once.</summary>
internal sealed class BoundIn(BoundExpression value, IReadOnlyList<BoundExpression> items, bool negated, ComparisonKind kind, int start, int length)
    : BoundExpression(ExprType.Boolean, start, length)
{
    public BoundExpression Value { get; } = value;

    /// <summary>At least one item.</summary>
    public IReadOnlyList<BoundExpression> Items { get; } = items;

    public bool Negated { get; } = negated;

    public ComparisonKind Kind { get; } = kind;
}

/// <summary><c>x between lo and hi</c>: <c>lo &lt;= x and x &lt;= hi</c> with x evaluated once.</summary>
internal sealed class BoundBetween(BoundExpression value, BoundExpression low, BoundExpression high, int start, int length)
    : BoundExpression(ExprType.Boolean, start, length)
{
    public BoundExpression Value { get; } = value;

    public BoundExpression Low { get; } = low;

    public BoundExpression High { get; } = high;
}

/// <summary><c>if c then a else b</c>, evaluating only the branch taken.</summary>
internal sealed class BoundConditional(BoundExpression condition, BoundExpression whenTrue, BoundExpression whenFalse, ExprType type, int start, int length)
    : BoundExpression(type, start, length)
{
    public BoundExpression Condition { get; } = condition;

    public BoundExpression WhenTrue { get; } = whenTrue;

    public BoundExpression WhenFalse { get; } = whenFalse;
}

/// <summary>The scalar built-in functions (<c>date</c> is folded to a constant by the binder).</summary>
internal enum BuiltinFunction
{
    /// <summary><c>min(a, b, …)</c>.</summary>
    Min,
    /// <summary><c>max(a, b, …)</c>.</summary>
    Max,
    /// <summary><c>clamp(x, lo, hi)</c>.</summary>
    Clamp,
    /// <summary><c>abs(x)</c>.</summary>
    Abs,
    /// <summary><c>round(x)</c> to an integer, half away from zero.</summary>
    Round,
    /// <summary><c>round(x, digits)</c>, half away from zero.</summary>
    RoundDigits,
    /// <summary><c>floor(x)</c>.</summary>
    Floor,
    /// <summary><c>ceil(x)</c>.</summary>
    Ceiling,
    /// <summary><c>daysBetween(a, b)</c> = b − a in days.</summary>
    DaysBetween,
    /// <summary><c>monthsBetween(a, b)</c>: whole calendar months from a to b.</summary>
    MonthsBetween,
    /// <summary><c>year(d)</c>.</summary>
    Year,
    /// <summary><c>month(d)</c>.</summary>
    Month,
}

/// <summary>A call of a scalar built-in function.</summary>
internal sealed class BoundCall(BuiltinFunction function, IReadOnlyList<BoundExpression> arguments, int digits, ExprType type, int start, int length)
    : BoundExpression(type, start, length)
{
    public BuiltinFunction Function { get; } = function;

    /// <summary>The arguments (for <see cref="BuiltinFunction.RoundDigits"/> only x; the digits are in <see cref="Digits"/>).</summary>
    public IReadOnlyList<BoundExpression> Arguments { get; } = arguments;

    /// <summary>For <see cref="BuiltinFunction.RoundDigits"/>: the number of decimals, 0..10.</summary>
    public int Digits { get; } = digits;
}

/// <summary>The aggregations over a list.</summary>
internal enum AggregateKind
{
    /// <summary><c>count(list)</c> or <c>count(list, condition)</c>.</summary>
    Count,
    /// <summary><c>sum(list, expr)</c>; 0 for an empty list.</summary>
    Sum,
    /// <summary><c>avg(list, expr)</c>; 0 for an empty list.</summary>
    Average,
    /// <summary><c>min(list, expr)</c>; 0 for an empty list.</summary>
    Min,
    /// <summary><c>max(list, expr)</c>; 0 for an empty list.</summary>
    Max,
    /// <summary><c>any(list, condition)</c>; false for an empty list.</summary>
    Any,
    /// <summary><c>all(list, condition)</c>; true for an empty list.</summary>
    All,
}

/// <summary>An aggregation: the body is evaluated with each child of the list as frame <see cref="ChildFrameIndex"/>.</summary>
internal sealed class BoundAggregate(AggregateKind kind, BoundSymbol list, int childFrameIndex, BoundExpression? body, ExprType type, int start, int length)
    : BoundExpression(type, start, length)
{
    public AggregateKind Kind { get; } = kind;

    /// <summary>The list read (a list-typed symbol, possibly of an enclosing frame).</summary>
    public BoundSymbol List { get; } = list;

    /// <summary>The frame index the body sees each child as; always one more than the enclosing depth.</summary>
    public int ChildFrameIndex { get; } = childFrameIndex;

    /// <summary>The per-child expression or condition; null only for <c>count(list)</c>.</summary>
    public BoundExpression? Body { get; } = body;
}
