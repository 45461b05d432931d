using GradingEngine.Diagnostics;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Expressions.Binding;

/// <summary>
/// Resolves names and checks types, turning a <see cref="SyntaxNode"/> tree into a <see cref="BoundExpression"/>
/// tree. It keeps going after an error so that independent problems are all reported in one pass; a subtree with
/// an error binds to null and its parents stay silent about it.
/// </summary>
/// <remarks>
/// Recursion is bounded by the tree depth the parser enforces (<see cref="ExpressionLimits.MaxDepth"/>).
/// </remarks>
internal sealed partial class Binder
{
    private readonly List<ExpressionError> _errors;
    private readonly List<(ISymbolScope Scope, int Frame)> _scopes = [];
    private readonly List<(Symbol Symbol, int Start)> _reads = [];

    private Binder(ISymbolScope scope, List<ExpressionError> errors)
    {
        _errors = errors;
        _scopes.Add((scope, 0));
    }

    /// <summary>
    /// Binds a parsed expression against <paramref name="scope"/>. <paramref name="expected"/> (null for any)
    /// is the type the caller needs: number accepts integer, and when it is an enumeration, text literals in
    /// result position are read as its values. Returns null after appending errors.
    /// </summary>
    /// <param name="node">The parsed expression.</param>
    /// <param name="scope">The top scope: frame 0.</param>
    /// <param name="expected">The type needed, or null.</param>
    /// <param name="errors">Receives the problems found.</param>
    /// <param name="reads">
    /// The distinct symbols of <paramref name="scope"/> read by the expression, in order of first occurrence.
    /// </param>
    public static BoundExpression? Bind(
        SyntaxNode node,
        ISymbolScope scope,
        ExprType? expected,
        List<ExpressionError> errors,
        out IReadOnlyList<Symbol> reads)
    {
        var binder = new Binder(scope, errors);
        var before = errors.Count;
        var bound = binder.BindTop(node, expected);
        reads = binder.DistinctReads();
        return errors.Count > before ? null : bound;
    }

    private int CurrentFrame => _scopes[^1].Frame;

    private BoundExpression? BindTop(SyntaxNode node, ExprType? expected)
    {
        var bound = BindBranch(node, expected is { Kind: ValueKind.Enumeration } ? expected : null);
        if (bound is null || expected is null || Accepts(expected, bound.Type))
        {
            return bound;
        }

        return Error(
            DiagnosticCodes.TypeMismatch,
            $"表达式的类型应为 {expected.Name}，实际为 {bound.Type.Name} (expected a {expected.Name} expression, but this is {bound.Type.Name})",
            node.Start,
            node.Length);
    }

    /// <summary>Whether a value of type <paramref name="actual"/> may be used where <paramref name="expected"/> is needed.</summary>
    public static bool Accepts(ExprType expected, ExprType actual) =>
        ReferenceEquals(expected, actual) || (ReferenceEquals(expected, ExprType.Number) && ReferenceEquals(actual, ExprType.Integer));

    // ---------------------------------------------------------------- values

    private BoundExpression? BindValue(SyntaxNode node) => node switch
    {
        NumberLiteralSyntax n => new BoundLiteral(n.IsInteger ? ExprType.Integer : ExprType.Number, n.Value, n.Start, n.Length),
        TextLiteralSyntax t => new BoundLiteral(t.Value, t.Start, t.Length),
        BooleanLiteralSyntax b => new BoundLiteral(b.Value, b.Start, b.Length),
        NameSyntax or MemberAccessSyntax => BindRead(node),
        UnarySyntax u => BindUnary(u),
        BinarySyntax b when b.IsComparison => BindComparison(b),
        BinarySyntax b => BindBinary(b),
        InSyntax i => BindIn(i),
        BetweenSyntax b => BindBetween(b),
        ConditionalSyntax c => BindConditional(c, null),
        CallSyntax c => BindCall(c),
        _ => throw new InvalidOperationException($"Unknown syntax node {node.GetType().Name}."),
    };

    /// <summary>Binds a value; a text literal is read as a value of <paramref name="targetEnum"/> when given.</summary>
    private BoundExpression? BindBranch(SyntaxNode node, ExprType? targetEnum) => node switch
    {
        TextLiteralSyntax t when targetEnum is not null => EnumLiteral(t, targetEnum),
        ConditionalSyntax c => BindConditional(c, targetEnum),
        _ => BindValue(node),
    };

    private BoundExpression? BindRead(SyntaxNode node)
    {
        var symbol = ResolvePath(node, out var frame);
        if (symbol is null)
        {
            return null;
        }

        switch (symbol.Type.Kind)
        {
            case ValueKind.Record:
            {
                var members = MemberList(symbol.Type);
                return Error(
                    DiagnosticCodes.TypeMismatch,
                    $"“{symbol.Name}”是一组值，不能直接使用，请使用其成员：{members.Chinese} ('{symbol.Name}' is a group of values and cannot be used directly; use one of its members: {members.English})",
                    node.Start,
                    node.Length);
            }

            case ValueKind.List:
                return Error(
                    DiagnosticCodes.TypeMismatch,
                    $"“{symbol.Name}”是列表，只能用于 count、sum、avg、min、max、any、all 的第一个参数，例如 {AggregateExample(symbol)} ('{symbol.Name}' is a list; it can only be the first argument of count, sum, avg, min, max, any or all, e.g. {AggregateExample(symbol)})",
                    node.Start,
                    node.Length);
            default:
                return Read(symbol, frame, node);
        }
    }

    private BoundSymbol Read(Symbol symbol, int frame, SyntaxNode node)
    {
        if (frame == 0)
        {
            _reads.Add((symbol, node.Start));
        }

        return new BoundSymbol(symbol, frame, node.Start, node.Length);
    }

    // ---------------------------------------------------------------- helpers

    private BoundExpression? Error(string code, string message, int start, int length)
    {
        _errors.Add(new ExpressionError(code, message, start, length));
        return null;
    }

    private List<Symbol> DistinctReads()
    {
        var seen = new HashSet<Symbol>(ReferenceEqualityComparer.Instance);
        var result = new List<Symbol>();
        foreach (var (symbol, _) in _reads.OrderBy(r => r.Start))
        {
            if (seen.Add(symbol))
            {
                result.Add(symbol);
            }
        }

        return result;
    }
}
