using GradingEngine.Diagnostics;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Expressions.Binding;

/// <summary>The binder's operators: unary, arithmetic, logical, comparisons (with text literals as enumeration values), <c>in</c>, <c>between</c> and conditionals.</summary>
internal sealed partial class Binder
{
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
}
