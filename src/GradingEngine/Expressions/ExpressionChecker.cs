using GradingEngine.Diagnostics;
using GradingEngine.Expressions.Binding;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Expressions;

/// <summary>An expression that parsed and type-checked: the input of <see cref="LinqEmitter"/> and <see cref="Interpreter"/>.</summary>
/// <remarks>Immutable; safe to share between threads and to compile any number of times.</remarks>
internal sealed class CheckedExpression
{
    internal CheckedExpression(string text, BoundExpression bound, IReadOnlyList<Symbol> reads)
    {
        Text = text;
        Bound = bound;
        Reads = reads;
    }

    /// <summary>The original text, exactly as written in the scheme.</summary>
    public string Text { get; }

    /// <summary>The typed tree.</summary>
    public BoundExpression Bound { get; }

    /// <summary>The static type of the whole expression (never a list or a record).</summary>
    public ExprType Type => Bound.Type;

    /// <summary>
    /// The distinct symbols of the scope passed to <see cref="ExpressionChecker.Check"/> that the expression reads,
    /// in order of first occurrence: list symbols used by aggregations and record members (<c>政治素质好.自评</c>
    /// yields <c>自评</c>) included, fields of list children not.
    /// </summary>
    public IReadOnlyList<Symbol> Reads { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Text} : {Type}";
}

/// <summary>The entry point of the expression language: parse, then bind and type-check.</summary>
internal static class ExpressionChecker
{
    /// <summary>
    /// Parses and binds <paramref name="text"/> against <paramref name="scope"/>.
    /// </summary>
    /// <param name="text">The expression as written in the scheme.</param>
    /// <param name="scope">The names the expression may use; list children's fields are reached through aggregations.</param>
    /// <param name="expected">
    /// The type the caller needs, or null for any: number accepts integer; an enumeration also lets text literals
    /// in result position (<c>if … then '好' else '一般'</c>) stand for its values.
    /// </param>
    /// <param name="limits">Length and nesting limits (GE3005).</param>
    /// <param name="errors">Receives every problem found, with offsets into <paramref name="text"/>.</param>
    /// <returns>The checked expression, or null if any error was appended.</returns>
    public static CheckedExpression? Check(string text, ISymbolScope scope, ExprType? expected, ExpressionLimits limits, List<ExpressionError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);

        if (text.Length > limits.MaxLength)
        {
            errors.Add(new ExpressionError(
                DiagnosticCodes.ExpressionTooComplex,
                $"表达式过长：共 {text.Length} 个字符，上限为 {limits.MaxLength} (the expression is too long: {text.Length} characters, the limit is {limits.MaxLength})",
                limits.MaxLength,
                text.Length - limits.MaxLength));
            return null;
        }

        var syntax = Parser.Parse(text, limits, errors);
        if (syntax is null)
        {
            return null;
        }

        var bound = Binder.Bind(syntax, scope, expected, errors, out var reads);
        return bound is null ? null : new CheckedExpression(text, bound, reads);
    }
}
