using System.Globalization;
using System.Text;
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
internal sealed class Binder
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

    // ---------------------------------------------------------------- names

    /// <summary>Resolves a name or a member-access chain to a symbol, reporting what is wrong.</summary>
    private Symbol? ResolvePath(SyntaxNode node, out int frame)
    {
        frame = 0;
        switch (node)
        {
            case NameSyntax name:
            {
                if (Lookup(name.Name, out frame) is { } found)
                {
                    return found;
                }

                var suggestion = Suggestions.Closest(name.Name, VisibleNames());
                Error(
                    DiagnosticCodes.UndefinedName,
                    suggestion is null
                        ? $"未定义的名称“{name.Name}” (undefined name '{name.Name}')"
                        : $"未定义的名称“{name.Name}”，是否应为“{suggestion}”？ (undefined name '{name.Name}'; did you mean '{suggestion}'?)",
                    name.Start,
                    name.Length);
                return null;
            }

            case MemberAccessSyntax member:
                return ResolveMember(member, out frame);
            default:
                return null;
        }
    }

    private Symbol? ResolveMember(MemberAccessSyntax node, out int frame)
    {
        frame = 0;
        if (node.Target is not (NameSyntax or MemberAccessSyntax))
        {
            var target = BindValue(node.Target);
            if (target is not null)
            {
                Error(
                    DiagnosticCodes.TypeMismatch,
                    $"只有一组值才能用“.”访问成员，此处的类型是 {target.Type.Name} (member access needs a group of values; this is {target.Type.Name})",
                    node.Start,
                    node.Length);
            }

            return null;
        }

        var owner = ResolvePath(node.Target, out frame);
        if (owner is null)
        {
            return null;
        }

        if (MembersOf(owner) is { } shape)
        {
            if (shape.Lookup(node.Member) is { } member)
            {
                return member;
            }

            var suggestion = Suggestions.Closest(node.Member, shape.Names);
            Error(
                DiagnosticCodes.UndefinedName,
                suggestion is null
                    ? $"“{owner.Name}”没有成员“{node.Member}”，其成员为：{MemberList(shape).Chinese} ('{owner.Name}' has no member '{node.Member}'; its members are: {MemberList(shape).English})"
                    : $"“{owner.Name}”没有成员“{node.Member}”，是否应为“{suggestion}”？ ('{owner.Name}' has no member '{node.Member}'; did you mean '{suggestion}'?)",
                node.MemberStart,
                node.MemberLength);
            return null;
        }

        if (owner.Type.Kind == ValueKind.List)
        {
            Error(
                DiagnosticCodes.TypeMismatch,
                $"“{owner.Name}”是列表，不能用“.”访问成员，请使用聚合函数，例如 {AggregateExample(owner)} ('{owner.Name}' is a list and has no members; use an aggregation such as {AggregateExample(owner)})",
                node.Start,
                node.Length);
            return null;
        }

        Error(
            DiagnosticCodes.TypeMismatch,
            $"“{owner.Name}”的类型是 {owner.Type.Name}，没有成员“{node.Member}” ('{owner.Name}' is {owner.Type.Name}; it has no member '{node.Member}')",
            node.MemberStart,
            node.MemberLength);
        return null;
    }

    private Symbol? Lookup(string name, out int frame)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Scope.Lookup(name) is { } symbol)
            {
                frame = _scopes[i].Frame;
                return symbol;
            }
        }

        frame = 0;
        return null;
    }

    /// <summary>Silently resolves a name or member chain (no errors), for deciding how to bind a call.</summary>
    private Symbol? Peek(SyntaxNode node) => node switch
    {
        NameSyntax n => Lookup(n.Name, out _),
        MemberAccessSyntax m when Peek(m.Target) is { } owner && MembersOf(owner) is { } shape => shape.Lookup(m.Member),
        _ => null,
    };

    private IEnumerable<string> VisibleNames()
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            foreach (var name in _scopes[i].Scope.Names)
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// The members reached with <c>.</c>: those of a record, or those of a value that also has parts
    /// (<see cref="Symbol.Members"/>, e.g. a rating usable as its composite score); null if there are none.
    /// </summary>
    private static IRecordShape? MembersOf(Symbol symbol) =>
        symbol.Type.Kind == ValueKind.Record ? symbol.Type.Shape : symbol.Members;

    private static (string Chinese, string English) MemberList(ExprType record) => MemberList(record.Shape);

    private static (string Chinese, string English) MemberList(IRecordShape? shape)
    {
        var names = shape?.Names.ToList() ?? [];
        return (string.Join("、", names), string.Join(", ", names));
    }

    private static string AggregateExample(Symbol list)
    {
        var first = list.Type.Shape?.Names.FirstOrDefault();
        return first is null ? $"count({list.Name})" : $"sum({list.Name}, {first})";
    }

    // ---------------------------------------------------------------- operators

    private BoundExpression? BindUnary(UnarySyntax node)
    {
        var operand = BindValue(node.Operand);
        if (operand is null)
        {
            return null;
        }

        if (node.Operator == UnaryOperator.Negate)
        {
            return operand.Type.IsNumeric
                ? new BoundUnary(BoundUnaryOperator.Negate, operand, operand.Type, node.Start, node.Length)
                : Error(
                    DiagnosticCodes.TypeMismatch,
                    $"类型不匹配：“-”只能用于数值，此处的类型是 {operand.Type.Name} (type mismatch: '-' needs a number, but this is {operand.Type.Name})",
                    node.Operand.Start,
                    node.Operand.Length);
        }

        return operand.Type.Kind == ValueKind.Boolean
            ? new BoundUnary(BoundUnaryOperator.Not, operand, ExprType.Boolean, node.Start, node.Length)
            : NeedsBoolean(node.OperatorText, node.Operand, operand.Type);
    }

    private BoundExpression? BindBinary(BinarySyntax node)
    {
        var left = BindValue(node.Left);
        var right = BindValue(node.Right);
        if (left is null || right is null)
        {
            return null;
        }

        if (node.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            var ok = true;
            if (left.Type.Kind != ValueKind.Boolean)
            {
                NeedsBoolean(node.OperatorText, node.Left, left.Type);
                ok = false;
            }

            if (right.Type.Kind != ValueKind.Boolean)
            {
                NeedsBoolean(node.OperatorText, node.Right, right.Type);
                ok = false;
            }

            var logical = node.Operator == BinaryOperator.And ? BoundBinaryOperator.And : BoundBinaryOperator.Or;
            return ok ? new BoundBinary(logical, left, right, ExprType.Boolean, node.Start, node.Length) : null;
        }

        if (!left.Type.IsNumeric || !right.Type.IsNumeric)
        {
            var (start, length) = !left.Type.IsNumeric && !right.Type.IsNumeric
                ? (node.OperatorStart, node.OperatorLength)
                : !left.Type.IsNumeric ? (node.Left.Start, node.Left.Length) : (node.Right.Start, node.Right.Length);
            var hint = node.Operator == BinaryOperator.Subtract && left.Type.Kind == ValueKind.Date && right.Type.Kind == ValueKind.Date
                ? "；日期相减请用 daysBetween(a, b) 或 monthsBetween(a, b)"
                : string.Empty;
            var englishHint = hint.Length > 0 ? "; to subtract dates use daysBetween(a, b) or monthsBetween(a, b)" : string.Empty;
            return Error(
                DiagnosticCodes.TypeMismatch,
                $"类型不匹配：“{node.OperatorText}”不能用于 {left.Type.Name} 和 {right.Type.Name}{hint} (type mismatch: '{node.OperatorText}' cannot combine {left.Type.Name} and {right.Type.Name}{englishHint})",
                start,
                length);
        }

        var (op, type) = node.Operator switch
        {
            BinaryOperator.Add => (BoundBinaryOperator.Add, NumericResult(left.Type, right.Type)),
            BinaryOperator.Subtract => (BoundBinaryOperator.Subtract, NumericResult(left.Type, right.Type)),
            BinaryOperator.Multiply => (BoundBinaryOperator.Multiply, NumericResult(left.Type, right.Type)),
            _ => (BoundBinaryOperator.Divide, ExprType.Number),
        };
        return new BoundBinary(op, left, right, type, node.Start, node.Length);
    }

    private static ExprType NumericResult(ExprType a, ExprType b) =>
        a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer ? ExprType.Integer : ExprType.Number;

    private BoundExpression? NeedsBoolean(string operatorText, SyntaxNode operand, ExprType actual) => Error(
        DiagnosticCodes.TypeMismatch,
        $"类型不匹配：“{operatorText}”需要 boolean，此处的类型是 {actual.Name} (type mismatch: '{operatorText}' needs a boolean, but this is {actual.Name})",
        operand.Start,
        operand.Length);

    private BoundComparison? BindComparison(BinarySyntax node)
    {
        var op = node.Operator switch
        {
            BinaryOperator.Equal => ComparisonOperator.Equal,
            BinaryOperator.NotEqual => ComparisonOperator.NotEqual,
            BinaryOperator.Less => ComparisonOperator.Less,
            BinaryOperator.LessOrEqual => ComparisonOperator.LessOrEqual,
            BinaryOperator.Greater => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
        var ordering = op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual);
        var leftLiteral = node.Left as TextLiteralSyntax;
        var rightLiteral = node.Right as TextLiteralSyntax;
        var left = leftLiteral is null ? BindValue(node.Left) : null;
        var right = rightLiteral is null ? BindValue(node.Right) : null;
        var operatorSpan = (node.OperatorStart, node.OperatorLength);
        if (leftLiteral is not null)
        {
            left = Counterpart(leftLiteral, right, rightLiteral is not null, node.OperatorText, operatorSpan, ordering);
        }

        if (rightLiteral is not null)
        {
            right = Counterpart(rightLiteral, left, leftLiteral is not null, node.OperatorText, operatorSpan, ordering);
        }

        if (left is null || right is null)
        {
            return null;
        }

        var kind = Comparable(left, right, node.OperatorText, operatorSpan, ordering);
        return kind is null ? null : new BoundComparison(op, kind.Value, left, right, node.Start, node.Length);
    }

    /// <summary>
    /// Binds a text literal compared with <paramref name="other"/>: against an enumeration it becomes the value's
    /// ordinal (GE3006 if it is not a value), otherwise it stays text.
    /// </summary>
    private BoundExpression? Counterpart(TextLiteralSyntax literal, BoundExpression? other, bool otherIsLiteral, string operatorText, (int Start, int Length) operatorSpan, bool ordering)
    {
        if (otherIsLiteral)
        {
            return new BoundLiteral(literal.Value, literal.Start, literal.Length);
        }

        if (other is null)
        {
            return null;
        }

        if (other.Type.Kind != ValueKind.Enumeration)
        {
            return new BoundLiteral(literal.Value, literal.Start, literal.Length);
        }

        return ordering ? OrderingNotAllowed(operatorText, operatorSpan, other.Type) : EnumLiteral(literal, other.Type);
    }

    private BoundExpression? EnumLiteral(TextLiteralSyntax literal, ExprType enumType)
    {
        var ordinal = enumType.OrdinalOf(literal.Value);
        if (ordinal >= 0)
        {
            return new BoundLiteral(enumType, ordinal, literal.Start, literal.Length);
        }

        var suggestion = Suggestions.Closest(literal.Value, enumType.EnumValues);
        var chinese = string.Join("、", enumType.EnumValues);
        var english = string.Join(", ", enumType.EnumValues);
        var enumName = EnumName(enumType);
        return Error(
            DiagnosticCodes.UnknownEnumValue,
            suggestion is null
                ? $"“{literal.Value}”不是{enumName}的取值，可选值：{chinese} ('{literal.Value}' is not a value of {enumName}; the values are: {english})"
                : $"“{literal.Value}”不是{enumName}的取值，是否应为“{suggestion}”？可选值：{chinese} ('{literal.Value}' is not a value of {enumName}; did you mean '{suggestion}'? the values are: {english})",
            literal.Start,
            literal.Length);
    }

    private static string EnumName(ExprType enumType) =>
        enumType.Name.StartsWith("enumeration ", StringComparison.Ordinal) ? enumType.Name["enumeration ".Length..] : enumType.Name;

    private BoundExpression? OrderingNotAllowed(string operatorText, (int Start, int Length) span, ExprType type)
    {
        Error(
            DiagnosticCodes.TypeMismatch,
            $"类型不匹配：“{operatorText}”不能用于 {type.Name}，只能用 ==、!= 或 in 比较 (type mismatch: '{operatorText}' cannot order {type.Name}; use ==, != or in)",
            span.Start,
            span.Length);
        return null;
    }

    /// <summary>How two bound values compare, or null after reporting why they cannot.</summary>
    private ComparisonKind? Comparable(BoundExpression left, BoundExpression right, string operatorText, (int Start, int Length) span, bool ordering)
    {
        var l = left.Type;
        var r = right.Type;
        if (l.IsNumeric && r.IsNumeric)
        {
            return ComparisonKind.Number;
        }

        if (l.Kind == r.Kind && l.Kind is ValueKind.Date)
        {
            return ComparisonKind.Number;
        }

        if (l.Kind == r.Kind && l.Kind is ValueKind.Text or ValueKind.Boolean or ValueKind.Enumeration)
        {
            if (l.Kind == ValueKind.Enumeration && !ReferenceEquals(l, r))
            {
                Error(
                    DiagnosticCodes.TypeMismatch,
                    $"类型不匹配：“{operatorText}”不能比较两个不同的枚举“{EnumName(l)}”和“{EnumName(r)}” (type mismatch: '{operatorText}' cannot compare different enumerations '{EnumName(l)}' and '{EnumName(r)}')",
                    span.Start,
                    span.Length);
                return null;
            }

            if (ordering)
            {
                OrderingNotAllowed(operatorText, span, l);
                return null;
            }

            return l.Kind switch
            {
                ValueKind.Text => ComparisonKind.Text,
                ValueKind.Boolean => ComparisonKind.Boolean,
                _ => ComparisonKind.Number,
            };
        }

        var (hint, englishHint) = (l.Kind, r.Kind) switch
        {
            (ValueKind.Date, ValueKind.Text) or (ValueKind.Text, ValueKind.Date) =>
                ("；日期常量请写作 date('yyyy-MM-dd')", "; write a date constant as date('yyyy-MM-dd')"),
            (ValueKind.Enumeration, ValueKind.Text) or (ValueKind.Text, ValueKind.Enumeration) =>
                ("；枚举只能与其取值的文本常量比较", "; an enumeration can only be compared with a text literal naming one of its values"),
            _ => (string.Empty, string.Empty),
        };
        Error(
            DiagnosticCodes.TypeMismatch,
            $"类型不匹配：“{operatorText}”不能比较 {l.Name} 和 {r.Name}{hint} (type mismatch: '{operatorText}' cannot compare {l.Name} and {r.Name}{englishHint})",
            span.Start,
            span.Length);
        return null;
    }

    private BoundIn? BindIn(InSyntax node)
    {
        var operatorText = node.Negated ? "not in" : "in";
        var span = (node.OperatorStart, node.OperatorLength);
        var value = BindValue(node.Value);
        var items = new List<BoundExpression>(node.Items.Count);
        ComparisonKind? kind = null;
        var ok = value is not null;
        foreach (var itemSyntax in node.Items)
        {
            BoundExpression? item;
            if (itemSyntax is TextLiteralSyntax literal && node.Value is not TextLiteralSyntax)
            {
                item = Counterpart(literal, value, false, operatorText, span, false);
            }
            else
            {
                item = BindValue(itemSyntax);
            }

            if (item is null || value is null)
            {
                ok = false;
                continue;
            }

            var itemKind = Comparable(value, item, operatorText, (itemSyntax.Start, itemSyntax.Length), false);
            if (itemKind is null)
            {
                ok = false;
                continue;
            }

            kind = itemKind;
            items.Add(item);
        }

        return ok && kind is { } k ? new BoundIn(value!, items, node.Negated, k, node.Start, node.Length) : null;
    }

    private BoundExpression? BindBetween(BetweenSyntax node)
    {
        var value = BindValue(node.Value);
        var low = BindValue(node.Low);
        var high = BindValue(node.High);
        if (value is null || low is null || high is null)
        {
            return null;
        }

        var date = value.Type.Kind == ValueKind.Date;
        if (!date && !value.Type.IsNumeric)
        {
            return BetweenMismatch(node.Value, value.Type);
        }

        var ok = true;
        foreach (var (syntax, bound) in new[] { (node.Low, low), (node.High, high) })
        {
            var fits = date ? bound.Type.Kind == ValueKind.Date : bound.Type.IsNumeric;
            if (!fits)
            {
                ok = false;
                Error(
                    DiagnosticCodes.TypeMismatch,
                    $"类型不匹配：“between”的范围需要 {(date ? "date" : "number")}，此处的类型是 {bound.Type.Name} (type mismatch: 'between' needs {(date ? "date" : "number")} bounds here, but this is {bound.Type.Name})",
                    syntax.Start,
                    syntax.Length);
            }
        }

        return ok ? new BoundBetween(value, low, high, node.Start, node.Length) : null;
    }

    private BoundExpression? BetweenMismatch(SyntaxNode syntax, ExprType type) => Error(
        DiagnosticCodes.TypeMismatch,
        $"类型不匹配：“between”需要数值或日期，此处的类型是 {type.Name} (type mismatch: 'between' needs numbers or dates, but this is {type.Name})",
        syntax.Start,
        syntax.Length);

    private BoundExpression? BindConditional(ConditionalSyntax node, ExprType? targetEnum)
    {
        var condition = BindValue(node.Condition);
        if (condition is not null && condition.Type.Kind != ValueKind.Boolean)
        {
            Error(
                DiagnosticCodes.TypeMismatch,
                $"“if”的条件必须是 boolean，此处的类型是 {condition.Type.Name} ('if' needs a boolean condition, but this is {condition.Type.Name})",
                node.Condition.Start,
                node.Condition.Length);
            condition = null;
        }

        BoundExpression? whenTrue;
        BoundExpression? whenFalse;
        if (targetEnum is null && IsTextLiteralTree(node.WhenTrue) && !IsTextLiteralTree(node.WhenFalse))
        {
            whenFalse = BindBranch(node.WhenFalse, null);
            whenTrue = BindBranch(node.WhenTrue, whenFalse?.Type is { Kind: ValueKind.Enumeration } e ? e : null);
        }
        else if (targetEnum is null && IsTextLiteralTree(node.WhenFalse) && !IsTextLiteralTree(node.WhenTrue))
        {
            whenTrue = BindBranch(node.WhenTrue, null);
            whenFalse = BindBranch(node.WhenFalse, whenTrue?.Type is { Kind: ValueKind.Enumeration } e ? e : null);
        }
        else
        {
            whenTrue = BindBranch(node.WhenTrue, targetEnum);
            whenFalse = BindBranch(node.WhenFalse, targetEnum);
        }

        if (condition is null || whenTrue is null || whenFalse is null)
        {
            return null;
        }

        var type = Unify(whenTrue.Type, whenFalse.Type);
        if (type is null)
        {
            return Error(
                DiagnosticCodes.TypeMismatch,
                $"“if”的两个分支类型不一致：{whenTrue.Type.Name} 和 {whenFalse.Type.Name} (the branches of 'if' have different types: {whenTrue.Type.Name} and {whenFalse.Type.Name})",
                node.WhenFalse.Start,
                node.WhenFalse.Length);
        }

        return new BoundConditional(condition, whenTrue, whenFalse, type, node.Start, node.Length);
    }

    /// <summary>A text literal, or a conditional whose every result is one.</summary>
    private static bool IsTextLiteralTree(SyntaxNode node) => node switch
    {
        TextLiteralSyntax => true,
        ConditionalSyntax c => IsTextLiteralTree(c.WhenTrue) && IsTextLiteralTree(c.WhenFalse),
        _ => false,
    };

    /// <summary>The common type of two branches: equal types, or integer with number giving number.</summary>
    public static ExprType? Unify(ExprType a, ExprType b)
    {
        if (ReferenceEquals(a, b))
        {
            return a;
        }

        return a.IsNumeric && b.IsNumeric ? ExprType.Number : null;
    }

    // ---------------------------------------------------------------- functions

    private BoundExpression? BindCall(CallSyntax node)
    {
        var entry = FunctionTable.Find(node.Name);
        if (entry is null)
        {
            var suggestion = Suggestions.Closest(node.Name, FunctionTable.Names, ignoreCase: true);
            return Error(
                DiagnosticCodes.BadFunctionCall,
                suggestion is null
                    ? $"未知的函数“{node.Name}”，可用的函数：{string.Join("、", FunctionTable.Names)} (unknown function '{node.Name}'; the functions are: {string.Join(", ", FunctionTable.Names)})"
                    : $"未知的函数“{node.Name}”，是否应为“{suggestion}”？ (unknown function '{node.Name}'; did you mean '{suggestion}'?)",
                node.Start,
                node.NameLength);
        }

        var args = node.Arguments;
        var name = entry.Name;
        if (name is "min" or "max" && args.Count == 1 && Peek(args[0]) is { Type.Kind: ValueKind.List } list)
        {
            var example = list.Type.Shape?.Names.FirstOrDefault() ?? "expr";
            return Error(
                DiagnosticCodes.BadFunctionCall,
                $"对列表求{(name == "min" ? "最小值" : "最大值")}需要第二个参数，例如 {name}({list.Name}, {example}) ({name} over a list needs an expression, e.g. {name}({list.Name}, {example}))",
                node.Start,
                node.NameLength);
        }

        if (args.Count < entry.MinArguments || args.Count > entry.MaxArguments)
        {
            var (chinese, english) = entry switch
            {
                { MaxArguments: int.MaxValue } => ($"至少 {entry.MinArguments} 个参数", $"at least {entry.MinArguments} arguments"),
                _ when entry.MinArguments == entry.MaxArguments =>
                    ($" {entry.MinArguments} 个参数", entry.MinArguments == 1 ? "1 argument" : $"{entry.MinArguments} arguments"),
                _ => ($" {entry.MinArguments} 或 {entry.MaxArguments} 个参数", $"{entry.MinArguments} or {entry.MaxArguments} arguments"),
            };
            return Error(
                DiagnosticCodes.BadFunctionCall,
                $"函数“{name}”需要{chinese}，实际为 {args.Count} 个，用法：{entry.Usage} (function '{name}' takes {english} but was given {args.Count}; usage: {entry.Usage})",
                node.Start,
                node.NameLength);
        }

        switch (name)
        {
            case "min" or "max" when args.Count == 2 && Peek(args[0]) is { Type.Kind: ValueKind.List }:
                return BindAggregate(node, name == "min" ? AggregateKind.Min : AggregateKind.Max);
            case "min" or "max":
                return BindMinMax(node, name == "min" ? BuiltinFunction.Min : BuiltinFunction.Max);
            case "clamp":
                return BindNumeric(node, BuiltinFunction.Clamp, integerIfAll: true);
            case "abs":
                return BindNumeric(node, BuiltinFunction.Abs, integerIfAll: true);
            case "floor":
                return BindNumeric(node, BuiltinFunction.Floor, integerIfAll: false, ExprType.Integer);
            case "ceil":
                return BindNumeric(node, BuiltinFunction.Ceiling, integerIfAll: false, ExprType.Integer);
            case "round":
                return BindRound(node);
            case "date":
                return BindDate(node);
            case "daysBetween":
                return BindDates(node, BuiltinFunction.DaysBetween);
            case "monthsBetween":
                return BindDates(node, BuiltinFunction.MonthsBetween);
            case "year":
                return BindDates(node, BuiltinFunction.Year);
            case "month":
                return BindDates(node, BuiltinFunction.Month);
            case "count":
                return BindAggregate(node, AggregateKind.Count);
            case "sum":
                return BindAggregate(node, AggregateKind.Sum);
            case "avg":
                return BindAggregate(node, AggregateKind.Average);
            case "any":
                return BindAggregate(node, AggregateKind.Any);
            default:
                return BindAggregate(node, AggregateKind.All);
        }
    }

    private List<BoundExpression>? BindArguments(CallSyntax node, int count)
    {
        var bound = new List<BoundExpression>(count);
        var ok = true;
        for (var i = 0; i < count; i++)
        {
            var argument = BindValue(node.Arguments[i]);
            if (argument is null)
            {
                ok = false;
            }
            else
            {
                bound.Add(argument);
            }
        }

        return ok ? bound : null;
    }

    private BoundExpression? ArgumentMismatch(CallSyntax node, int index, string needChinese, string needEnglish, ExprType actual) => Error(
        DiagnosticCodes.TypeMismatch,
        $"类型不匹配：函数“{FunctionTable.Find(node.Name)?.Name ?? node.Name}”的参数需要{needChinese}，此处的类型是 {actual.Name} (type mismatch: '{FunctionTable.Find(node.Name)?.Name ?? node.Name}' needs {needEnglish} here, but this is {actual.Name})",
        node.Arguments[index].Start,
        node.Arguments[index].Length);

    private BoundCall? BindNumeric(CallSyntax node, BuiltinFunction function, bool integerIfAll, ExprType? result = null)
    {
        var args = BindArguments(node, node.Arguments.Count);
        if (args is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].Type.IsNumeric)
            {
                ArgumentMismatch(node, i, "数值", "a number", args[i].Type);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var type = result ?? (integerIfAll && args.TrueForAll(a => a.Type.Kind == ValueKind.Integer) ? ExprType.Integer : ExprType.Number);
        return new BoundCall(function, args, 0, type, node.Start, node.Length);
    }

    private BoundCall? BindMinMax(CallSyntax node, BuiltinFunction function)
    {
        var args = BindArguments(node, node.Arguments.Count);
        if (args is null)
        {
            return null;
        }

        var dates = args[0].Type.Kind == ValueKind.Date;
        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            var fits = dates ? args[i].Type.Kind == ValueKind.Date : args[i].Type.IsNumeric;
            if (!fits)
            {
                ArgumentMismatch(node, i, dates ? "日期（与第一个参数一致）" : "数值", dates ? "a date (like the first argument)" : "a number", args[i].Type);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var type = dates ? ExprType.Date
            : args.TrueForAll(a => a.Type.Kind == ValueKind.Integer) ? ExprType.Integer : ExprType.Number;
        return new BoundCall(function, args, 0, type, node.Start, node.Length);
    }

    private BoundCall? BindRound(CallSyntax node)
    {
        var x = BindValue(node.Arguments[0]);
        var digits = 0;
        var ok = x is not null;
        if (x is not null && !x.Type.IsNumeric)
        {
            ArgumentMismatch(node, 0, "数值", "a number", x.Type);
            ok = false;
        }

        if (node.Arguments.Count == 2)
        {
            if (node.Arguments[1] is NumberLiteralSyntax { IsInteger: true, Value: >= 0 and <= 10 } literal)
            {
                digits = (int)literal.Value;
            }
            else
            {
                var arg = node.Arguments[1];
                Error(
                    DiagnosticCodes.TypeMismatch,
                    "函数“round”的小数位数必须是 0 到 10 的整数常量 ('round' needs a whole-number literal from 0 to 10 as its number of decimals)",
                    arg.Start,
                    arg.Length);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        return node.Arguments.Count == 1
            ? new BoundCall(BuiltinFunction.Round, [x!], 0, ExprType.Integer, node.Start, node.Length)
            : new BoundCall(BuiltinFunction.RoundDigits, [x!], digits, ExprType.Number, node.Start, node.Length);
    }

    private BoundExpression? BindDate(CallSyntax node)
    {
        var arg = node.Arguments[0];
        if (arg is not TextLiteralSyntax literal)
        {
            var bound = BindValue(arg);
            return bound is null ? null : Error(
                DiagnosticCodes.TypeMismatch,
                "函数“date”的参数必须是形如 '2024-06-30' 的文本常量 ('date' needs a text literal such as '2024-06-30')",
                arg.Start,
                arg.Length);
        }

        var normalized = new StringBuilder(literal.Value.Length);
        foreach (var c in literal.Value)
        {
            normalized.Append(Lexer.Normalize(c));
        }

        if (DateOnly.TryParseExact(normalized.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new BoundLiteral(ExprType.Date, date.DayNumber, node.Start, node.Length);
        }

        return Error(
            DiagnosticCodes.TypeMismatch,
            $"“{literal.Value}”不是有效日期，应写作 yyyy-MM-dd，例如 '2024-06-30' ('{literal.Value}' is not a valid date; write yyyy-MM-dd, e.g. '2024-06-30')",
            arg.Start,
            arg.Length);
    }

    private BoundCall? BindDates(CallSyntax node, BuiltinFunction function)
    {
        var args = BindArguments(node, node.Arguments.Count);
        if (args is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Type.Kind != ValueKind.Date)
            {
                var hint = args[i] is BoundLiteral { Type.Kind: ValueKind.Text } ? "; write date('yyyy-MM-dd')" : string.Empty;
                ArgumentMismatch(node, i, "日期", "a date" + hint, args[i].Type);
                ok = false;
            }
        }

        return ok ? new BoundCall(function, args, 0, ExprType.Integer, node.Start, node.Length) : null;
    }

    // ---------------------------------------------------------------- aggregations

    private BoundExpression? BindAggregate(CallSyntax node, AggregateKind kind)
    {
        var name = FunctionTable.Find(node.Name)!.Name;
        var listSyntax = node.Arguments[0];
        Symbol? list;
        int frame;
        if (listSyntax is NameSyntax or MemberAccessSyntax)
        {
            list = ResolvePath(listSyntax, out frame);
            if (list is not null && list.Type.Kind != ValueKind.List)
            {
                NotAList(name, listSyntax, list.Type);
                list = null;
            }
        }
        else
        {
            frame = 0;
            list = null;
            if (BindValue(listSyntax) is { } other)
            {
                NotAList(name, listSyntax, other.Type);
            }
        }

        if (list is null || list.Type.Shape is not { } shape)
        {
            return null;
        }

        var listRead = Read(list, frame, listSyntax);
        if (node.Arguments.Count == 1)
        {
            return new BoundAggregate(AggregateKind.Count, listRead, CurrentFrame + 1, null, ExprType.Integer, node.Start, node.Length);
        }

        var childFrame = CurrentFrame + 1;
        _scopes.Add((shape, childFrame));
        var body = BindValue(node.Arguments[1]);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (body is null)
        {
            return null;
        }

        ExprType? type = kind switch
        {
            AggregateKind.Count when body.Type.Kind == ValueKind.Boolean => ExprType.Integer,
            AggregateKind.Any or AggregateKind.All when body.Type.Kind == ValueKind.Boolean => ExprType.Boolean,
            AggregateKind.Sum when body.Type.IsNumeric => body.Type,
            AggregateKind.Average when body.Type.IsNumeric => ExprType.Number,
            AggregateKind.Min or AggregateKind.Max when body.Type.IsNumeric || body.Type.Kind == ValueKind.Date => body.Type,
            _ => null,
        };
        if (type is null)
        {
            var (chinese, english) = kind switch
            {
                AggregateKind.Count or AggregateKind.Any or AggregateKind.All => ("条件（boolean）", "a condition (boolean)"),
                AggregateKind.Min or AggregateKind.Max => ("数值或日期", "a number or a date"),
                _ => ("数值", "a number"),
            };
            return ArgumentMismatch(node, 1, chinese, english, body.Type);
        }

        return new BoundAggregate(kind, listRead, childFrame, body, type, node.Start, node.Length);
    }

    private void NotAList(string function, SyntaxNode syntax, ExprType actual) => Error(
        DiagnosticCodes.TypeMismatch,
        $"类型不匹配：函数“{function}”的第一个参数必须是列表，此处的类型是 {actual.Name} (type mismatch: '{function}' needs a list as its first argument, but this is {actual.Name})",
        syntax.Start,
        syntax.Length);

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
