using System.Text;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Binding;

namespace GradingEngine.RuleBook;

/// <summary>
/// Renders a checked expression tree in plain Chinese for a rule book: labels instead of ids, comparisons in words
/// with units (<c>支部委员会次数 &lt; 12</c> → <c>支部委员会召开次数少于 12 次</c>), <c>and</c>/<c>or</c>/<c>not</c> as
/// 且/或/不, functions and aggregations named in words, and parentheses （） wherever the reading would otherwise be
/// ambiguous (且 inside 或 included, although the language binds it tighter). Never copies the expression's text.
/// </summary>
internal sealed class ExpressionWords(SymbolWords names)
{
    /// <summary>Every kind of bound node the renderer handles; any other kind is refused.</summary>
    public static readonly IReadOnlyList<Type> NodeKinds =
    [
        typeof(BoundLiteral), typeof(BoundSymbol), typeof(BoundUnary), typeof(BoundBinary), typeof(BoundComparison),
        typeof(BoundIn), typeof(BoundBetween), typeof(BoundConditional), typeof(BoundCall), typeof(BoundAggregate),
    ];

    /// <summary>How tightly a rendered phrase holds together, loosest first.</summary>
    private enum Rank
    {
        Conditional,
        Or,
        And,
        Not,
        Comparison,
        Phrase,
        Additive,
        Multiplicative,
        Unary,
        Atom,
    }

    private readonly record struct Rendered(string Text, Rank Rank);

    /// <summary>The expression in words.</summary>
    /// <exception cref="NotSupportedException">The tree holds a kind of node the renderer does not know.</exception>
    public string Render(CheckedExpression expression) => Render(expression.Bound, expression.Text).Text;

    /// <summary>A message template: its text, with each <c>{expression}</c> in words between 〔 〕.</summary>
    public string Render(CheckedTemplate template)
    {
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            text.Append(part.Expression is { } expression ? $"〔{Render(expression)}〕" : part.Literal);
        }

        return text.ToString();
    }

    /// <summary>The unit of what the expression gives (次, 人, 分 …), or null.</summary>
    public string? Unit(CheckedExpression expression) => Unit(expression.Bound);

    /// <summary>When the expression is only a policy constant's name: the constant in words (<c>10 分</c>) and the name.</summary>
    public (string Value, string Name)? Constant(CheckedExpression expression) =>
        expression.Bound is BoundSymbol { FrameIndex: 0 } symbol && names.Constant(symbol.Symbol) is { } value
            ? (value, SymbolWords.Name(symbol.Symbol))
            : null;

    private Rendered Render(BoundExpression node, string source) => node switch
    {
        BoundLiteral literal => new(Literal(literal, source, null), Rank.Atom),
        BoundSymbol symbol => new(symbol.FrameIndex == 0 ? names.NameWithValue(symbol.Symbol) : SymbolWords.Name(symbol.Symbol), Rank.Atom),
        BoundUnary { Operator: BoundUnaryOperator.Not } not => Not(not.Operand, source),
        BoundUnary negate => new("−" + Operand(negate.Operand, source, Rank.Unary), Rank.Unary),
        BoundBinary binary => Binary(binary, source),
        BoundComparison comparison => Comparison(comparison, source, negated: false),
        BoundIn @in => In(@in, source, @in.Negated),
        BoundBetween between => Between(between, source, negated: false),
        BoundConditional conditional => Conditional(conditional, source),
        BoundCall call => Call(call, source),
        BoundAggregate aggregate => Aggregate(aggregate, source),
        _ => throw new NotSupportedException($"规则手册无法描述表达式节点“{node.GetType().Name}” (the rule book cannot describe a {node.GetType().Name} node)"),
    };

    /// <summary>The node in words, in parentheses when it holds together less tightly than <paramref name="needed"/>.</summary>
    private string Operand(BoundExpression node, string source, Rank needed)
    {
        var rendered = Render(node, source);
        return rendered.Rank < needed ? $"（{rendered.Text}）" : rendered.Text;
    }

    private static string Literal(BoundLiteral literal, string source, string? unit)
    {
        switch (literal.Type.Kind)
        {
            case ValueKind.Boolean:
                return Words.Quote(literal.Boolean ? "是" : "否");
            case ValueKind.Text:
                return Words.Quote(literal.Text ?? string.Empty);
            case ValueKind.Enumeration:
                return Words.Quote(ValueFormatter.FormatEnumeration(literal.Number, literal.Type.EnumValues));
            case ValueKind.Date:
                return ValueFormatter.FormatDate(literal.Number);
            default:
                var written = literal.Start >= 0 && literal.Length > 0 && literal.Start + literal.Length <= source.Length
                    ? source.Substring(literal.Start, literal.Length).TrimEnd()
                    : string.Empty;
                return written.EndsWith('%') || written.EndsWith('％')
                    ? Words.Percent(literal.Number)
                    : unit is null ? Words.Number(literal.Number) : Words.Join(Words.Number(literal.Number), unit);
        }
    }

    /// <summary>A side of a comparison: a number written in the scheme takes the unit of what it is compared with.</summary>
    private string Side(BoundExpression node, string source, string? unit) =>
        node is BoundLiteral literal ? Literal(literal, source, unit) : Operand(node, source, Rank.Phrase);

    private Rendered Not(BoundExpression operand, string source) => operand switch
    {
        BoundComparison comparison => Comparison(comparison, source, negated: true),
        BoundIn @in => In(@in, source, !@in.Negated),
        BoundBetween between => Between(between, source, negated: true),
        BoundUnary { Operator: BoundUnaryOperator.Not } twice => Render(twice.Operand, source),
        _ => Render(operand, source) is var inner && inner.Rank == Rank.Atom
            ? new("不满足" + Words.Quote(inner.Text), Rank.Not)
            : new($"不满足（{inner.Text}）", Rank.Not),
    };

    private Rendered Binary(BoundBinary binary, string source)
    {
        switch (binary.Operator)
        {
            case BoundBinaryOperator.And or BoundBinaryOperator.Or:
                var (rank, word) = binary.Operator == BoundBinaryOperator.And ? (Rank.And, " 且 ") : (Rank.Or, " 或 ");
                return new(Logical(binary.Left, binary.Operator, source) + word + Logical(binary.Right, binary.Operator, source), rank);
            default:
                var (own, symbol, rightNeeds) = binary.Operator switch
                {
                    BoundBinaryOperator.Add => (Rank.Additive, "+", Rank.Additive),
                    BoundBinaryOperator.Subtract => (Rank.Additive, "−", Rank.Multiplicative),
                    BoundBinaryOperator.Multiply => (Rank.Multiplicative, "×", Rank.Multiplicative),
                    _ => (Rank.Multiplicative, "÷", Rank.Unary),
                };
                return new(Words.Join(Operand(binary.Left, source, own), symbol, Operand(binary.Right, source, rightNeeds)), own);
        }
    }

    /// <summary>An operand of 且/或: a chain of the same word reads without parentheses, a mix of 且 and 或 with them.</summary>
    private string Logical(BoundExpression node, BoundBinaryOperator op, string source)
    {
        var rendered = Render(node, source);
        var same = node is BoundBinary b && b.Operator == op;
        return same || rendered.Rank > Rank.And ? rendered.Text : $"（{rendered.Text}）";
    }

    private Rendered Comparison(BoundComparison comparison, string source, bool negated)
    {
        var op = negated ? Negate(comparison.Operator) : comparison.Operator;
        var left = Side(comparison.Left, source, Unit(comparison.Right));
        var right = Side(comparison.Right, source, Unit(comparison.Left));
        return new(Words.Join(left, ComparisonWord(op, comparison.Left.Type), right), Rank.Comparison);
    }

    private static ComparisonOperator Negate(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.Less => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.LessOrEqual => ComparisonOperator.Greater,
        ComparisonOperator.Greater => ComparisonOperator.LessOrEqual,
        _ => ComparisonOperator.Less,
    };

    private static string ComparisonWord(ComparisonOperator op, ExprType type) => (type.Kind, op) switch
    {
        (ValueKind.Date, ComparisonOperator.Less) => "早于",
        (ValueKind.Date, ComparisonOperator.LessOrEqual) => "不晚于",
        (ValueKind.Date, ComparisonOperator.Greater) => "晚于",
        (ValueKind.Date, ComparisonOperator.GreaterOrEqual) => "不早于",
        (ValueKind.Integer, ComparisonOperator.Less) => "少于",
        (ValueKind.Integer, ComparisonOperator.GreaterOrEqual) => "不少于",
        (_, ComparisonOperator.Less) => "低于",
        (_, ComparisonOperator.GreaterOrEqual) => "不低于",
        (_, ComparisonOperator.LessOrEqual) => "不超过",
        (_, ComparisonOperator.Greater) => "超过",
        (ValueKind.Number or ValueKind.Integer, ComparisonOperator.Equal) => "等于",
        (ValueKind.Number or ValueKind.Integer, ComparisonOperator.NotEqual) => "不等于",
        (_, ComparisonOperator.Equal) => "为",
        _ => "不为",
    };

    private Rendered In(BoundIn @in, string source, bool negated)
    {
        var unit = Unit(@in.Value);
        var value = Operand(@in.Value, source, Rank.Phrase);
        var items = string.Join("、", @in.Items.Select(i => Side(i, source, null)));
        var word = negated ? "不为" : "为";
        return @in.Items.Count == 1
            ? new(Words.Join(value, word, Side(@in.Items[0], source, unit)), Rank.Comparison)
            : new(Words.Join(value, word, items, unit ?? string.Empty, "之一"), Rank.Comparison);
    }

    private Rendered Between(BoundBetween between, string source, bool negated)
    {
        var unit = Unit(between.Value);
        var value = Operand(between.Value, source, Rank.Phrase);
        var low = Side(between.Low, source, null);
        var high = Side(between.High, source, unit);
        return new(negated
            ? Words.Join(value, "不在", low, "至", high, "之间")
            : Words.Join(value, "在", low, "至", high, "之间（含两端）"), Rank.Comparison);
    }

    private Rendered Conditional(BoundConditional conditional, string source)
    {
        var text = new StringBuilder();
        BoundExpression node = conditional;
        var first = true;
        while (node is BoundConditional c)
        {
            text.Append(first ? "若 " : "；否则若 ")
                .Append(Operand(c.Condition, source, Rank.Or))
                .Append("，则 ")
                .Append(Operand(c.WhenTrue, source, Rank.Or));
            first = false;
            node = c.WhenFalse;
        }

        text.Append("；否则 ").Append(Operand(node, source, Rank.Or));
        return new(text.ToString(), Rank.Conditional);
    }

    private Rendered Call(BoundCall call, string source)
    {
        var args = call.Arguments.Select(a => Operand(a, source, Rank.Unary)).ToList();
        var text = call.Function switch
        {
            BuiltinFunction.Min or BuiltinFunction.Max => Extreme(args, call.Function == BuiltinFunction.Min),
            BuiltinFunction.Clamp => Words.Join(args[0], "限定在", args[1], "至", args[2], "之间"),
            BuiltinFunction.Abs => Words.Join(args[0], "的绝对值"),
            BuiltinFunction.Round => Words.Join(args[0], "四舍五入取整"),
            BuiltinFunction.RoundDigits => Words.Join(args[0], "四舍五入保留", call.Digits.ToString(System.Globalization.CultureInfo.InvariantCulture), "位小数"),
            BuiltinFunction.Floor => Words.Join(args[0], "向下取整"),
            BuiltinFunction.Ceiling => Words.Join(args[0], "向上取整"),
            BuiltinFunction.DaysBetween => Words.Join("从", args[0], "到", args[1], "的天数"),
            BuiltinFunction.MonthsBetween => Words.Join("从", args[0], "到", args[1], "的整月数"),
            BuiltinFunction.Year => Words.Join(args[0], "的年份"),
            BuiltinFunction.Month => Words.Join(args[0], "的月份"),
            _ => throw new NotSupportedException($"规则手册无法描述函数“{call.Function}” (the rule book cannot describe function {call.Function})"),
        };
        return new(text, Rank.Phrase);
    }

    private static string Extreme(List<string> args, bool smallest) =>
        args.Count == 2
            ? Words.Join(args[0], "与", args[1], smallest ? "中的较小者" : "中的较大者")
            : Words.Join(string.Join("、", args), smallest ? "中的最小者" : "中的最大者");

    private Rendered Aggregate(BoundAggregate aggregate, string source)
    {
        var list = SymbolWords.Name(aggregate.List.Symbol);
        var members = names.IsMemberList(aggregate.List.Symbol);
        var body = aggregate.Body is null ? string.Empty : Operand(aggregate.Body, source, aggregate.Kind is AggregateKind.Count or AggregateKind.Any or AggregateKind.All ? Rank.Not : Rank.Unary);
        var text = aggregate.Kind switch
        {
            AggregateKind.Count when aggregate.Body is null => Words.Join(list, members ? "的人数" : "的个数"),
            AggregateKind.Count => Words.Join(list, "中", body, members ? "的人数" : "的个数"),
            AggregateKind.Sum => Words.Join(list, "的", body, "之和"),
            AggregateKind.Average => Words.Join(list, "的", body, "平均值"),
            AggregateKind.Min => Words.Join(list, "中", body, "的最小值"),
            AggregateKind.Max => Words.Join(list, "中", body, "的最大值"),
            AggregateKind.Any => Words.Join(list, members ? "中至少有一人" : "中至少有一个", body),
            _ => Words.Join(list, "全部", body),
        };
        return new(text, Rank.Phrase);
    }

    private string? Unit(BoundExpression node) => node switch
    {
        BoundSymbol symbol => names.Unit(symbol.Symbol),
        BoundBinary { Operator: BoundBinaryOperator.Add or BoundBinaryOperator.Subtract } b => Unit(b.Left) ?? Unit(b.Right),
        BoundCall { Function: BuiltinFunction.DaysBetween } => "天",
        BoundCall { Function: BuiltinFunction.MonthsBetween } => "个月",
        BoundCall { Function: BuiltinFunction.Year or BuiltinFunction.Month } => null,
        BoundCall call => call.Arguments.Select(Unit).FirstOrDefault(u => u is not null),
        BoundAggregate { Kind: AggregateKind.Count } a => names.IsMemberList(a.List.Symbol) ? "人" : "个",
        BoundAggregate { Kind: AggregateKind.Sum or AggregateKind.Average or AggregateKind.Min or AggregateKind.Max, Body: { } body } => Unit(body),
        BoundConditional c => Unit(c.WhenTrue) ?? Unit(c.WhenFalse),
        _ => null,
    };
}
