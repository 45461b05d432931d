namespace GradingEngine.Expressions;

/// <summary>
/// How large an expression may be. Exceeding either limit is error <c>GE3005</c>; nothing is ever parsed,
/// bound or compiled past these limits, which keeps every recursive pass of the language stack-safe.
/// </summary>
/// <param name="MaxLength">The longest expression text accepted, in UTF-16 characters (at least 1).</param>
/// <param name="MaxDepth">
/// How deeply operations, function calls and parentheses may nest (1 to <see cref="HardMaxDepth"/>).
/// A left-associative chain such as <c>a + a + a</c> counts one level per operator.
/// </param>
internal sealed record ExpressionLimits(int MaxLength = 2000, int MaxDepth = 48)
{
    /// <summary>The largest <see cref="MaxDepth"/> accepted; deeper trees could threaten the stack.</summary>
    public const int HardMaxDepth = 256;

    private readonly int _maxLength = ValidateLength(MaxLength);
    private readonly int _maxDepth = ValidateDepth(MaxDepth);

    /// <summary>The limits used unless a scheme says otherwise: 2000 characters, 48 levels.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>The longest expression text accepted, in UTF-16 characters.</summary>
    public int MaxLength
    {
        get => _maxLength;
        init => _maxLength = ValidateLength(value);
    }

    /// <summary>How deeply operations, calls and parentheses may nest.</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = ValidateDepth(value);
    }

    private static int ValidateLength(int value) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxLength must be at least 1.");

    private static int ValidateDepth(int value) =>
        value is >= 1 and <= HardMaxDepth
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxDepth must be between 1 and {HardMaxDepth}.");
}
