using System.Linq.Expressions;
using System.Reflection;
using GradingEngine.Expressions.Binding;
using GradingEngine.Facts;

namespace GradingEngine.Expressions;

/// <summary>
/// Translates checked expressions into LINQ expression trees over a <see cref="FactFrame"/> parameter.
/// </summary>
/// <remarks>
/// The code produced reads the frame's arrays by constant index, runs aggregations as loops over
/// <see cref="FactFrame.Lists"/> and calls only the static methods of <see cref="Semantics"/> (and
/// <see cref="ValueFormatter"/> when formatting), all resolved once when this class is initialised. It allocates
/// nothing unless it produces text. CLR types: <see cref="double"/> for number, integer, date and enumeration,
/// <see cref="bool"/> for boolean, <see cref="string"/> for text.
/// </remarks>
internal static class LinqEmitter
{
    private static readonly FieldInfo NumbersField = Field(FactFrame.NumbersField);
    private static readonly FieldInfo BooleansField = Field(FactFrame.BooleansField);
    private static readonly FieldInfo TextsField = Field(FactFrame.TextsField);
    private static readonly FieldInfo ListsField = Field(FactFrame.ListsField);

    private static readonly MethodInfo DivideMethod = SemanticsMethod(nameof(Semantics.Divide), typeof(double), typeof(double));
    private static readonly MethodInfo RoundMethod = SemanticsMethod(nameof(Semantics.Round), typeof(double));
    private static readonly MethodInfo RoundDigitsMethod = SemanticsMethod(nameof(Semantics.Round), typeof(double), typeof(int));
    private static readonly MethodInfo FloorMethod = SemanticsMethod(nameof(Semantics.Floor), typeof(double));
    private static readonly MethodInfo CeilingMethod = SemanticsMethod(nameof(Semantics.Ceiling), typeof(double));
    private static readonly MethodInfo AbsMethod = SemanticsMethod(nameof(Semantics.Abs), typeof(double));
    private static readonly MethodInfo MinMethod = SemanticsMethod(nameof(Semantics.Min), typeof(double), typeof(double));
    private static readonly MethodInfo MaxMethod = SemanticsMethod(nameof(Semantics.Max), typeof(double), typeof(double));
    private static readonly MethodInfo ClampMethod = SemanticsMethod(nameof(Semantics.Clamp), typeof(double), typeof(double), typeof(double));
    private static readonly MethodInfo TextEqualsMethod = SemanticsMethod(nameof(Semantics.TextEquals), typeof(string), typeof(string));
    private static readonly MethodInfo DaysBetweenMethod = SemanticsMethod(nameof(Semantics.DaysBetween), typeof(double), typeof(double));
    private static readonly MethodInfo MonthsBetweenMethod = SemanticsMethod(nameof(Semantics.MonthsBetween), typeof(double), typeof(double));
    private static readonly MethodInfo YearMethod = SemanticsMethod(nameof(Semantics.Year), typeof(double));
    private static readonly MethodInfo MonthMethod = SemanticsMethod(nameof(Semantics.Month), typeof(double));

    private static readonly MethodInfo FormatNumberMethod = FormatterMethod(nameof(ValueFormatter.FormatNumber), typeof(double));
    private static readonly MethodInfo FormatIntegerMethod = FormatterMethod(nameof(ValueFormatter.FormatInteger), typeof(double));
    private static readonly MethodInfo FormatDateMethod = FormatterMethod(nameof(ValueFormatter.FormatDate), typeof(double));
    private static readonly MethodInfo FormatBooleanMethod = FormatterMethod(nameof(ValueFormatter.FormatBoolean), typeof(bool));
    private static readonly MethodInfo FormatEnumerationMethod =
        FormatterMethod(nameof(ValueFormatter.FormatEnumeration), typeof(double), typeof(IReadOnlyList<string>));

    /// <summary>
    /// The expression's value, read from <paramref name="frame"/> (a parameter of type <see cref="FactFrame"/>,
    /// the frame of the scope the expression was checked against).
    /// </summary>
    public static Expression Emit(CheckedExpression e, Expression frame) => Emit(e, frame, null);

    /// <summary>
    /// Emits <paramref name="e"/>, reading the aggregations in <paramref name="precomputed"/> from the slots a fused
    /// loop (<see cref="EmitFused"/>) filled, instead of looping again.
    /// </summary>
    public static Expression Emit(CheckedExpression e, Expression frame, IReadOnlyDictionary<BoundAggregate, Slot>? precomputed)
    {
        ArgumentNullException.ThrowIfNull(e);
        CheckFrame(frame);
        return new Emitter(frame, precomputed).Emit(e.Bound);
    }

    /// <summary>
    /// One loop over a list computing several aggregations of it at once, each stored in its slot (a number slot, or
    /// a boolean slot for <c>any</c>/<c>all</c>). Every body must read only the child (no outer names, no nested
    /// lists); the results are those of the separate loops.
    /// </summary>
    public static Expression EmitFused(BoundSymbol list, IReadOnlyList<(BoundAggregate Aggregate, Slot Target)> aggregates, Expression frame)
    {
        CheckFrame(frame);
        return new Emitter(frame, null).Fused(list, aggregates);
    }

    /// <summary>The expression's value as display text (see <see cref="ValueFormatter"/>); a string-typed expression.</summary>
    public static Expression EmitFormatted(CheckedExpression e, Expression frame)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Format(Emit(e, frame), e.Type);
    }

    /// <summary>Wraps an emitted value of the given type in the call that formats it.</summary>
    internal static Expression Format(Expression value, ExprType type) => type.Kind switch
    {
        ValueKind.Text => value,
        ValueKind.Boolean => Expression.Call(FormatBooleanMethod, value),
        ValueKind.Date => Expression.Call(FormatDateMethod, value),
        ValueKind.Integer => Expression.Call(FormatIntegerMethod, value),
        ValueKind.Enumeration => Expression.Call(FormatEnumerationMethod, value, Expression.Constant(type.EnumValues, typeof(IReadOnlyList<string>))),
        _ => Expression.Call(FormatNumberMethod, value),
    };

    /// <summary>Compiles a number-represented expression (number, integer, date, enumeration) to a delegate.</summary>
    public static Func<FactFrame, double> CompileNumber(CheckedExpression e) => Compile<double>(e);

    /// <summary>Compiles a boolean expression to a delegate.</summary>
    public static Func<FactFrame, bool> CompileBoolean(CheckedExpression e) => Compile<bool>(e);

    /// <summary>Compiles a text expression to a delegate.</summary>
    public static Func<FactFrame, string> CompileText(CheckedExpression e) => Compile<string>(e);

    /// <summary>The CLR type values of <paramref name="type"/> have in emitted code.</summary>
    public static Type ClrType(ExprType type) => type.Kind switch
    {
        ValueKind.Boolean => typeof(bool),
        ValueKind.Text => typeof(string),
        ValueKind.List or ValueKind.Record => throw new ArgumentException($"A {type.Kind} has no value of its own.", nameof(type)),
        _ => typeof(double),
    };

    private static Func<FactFrame, T> Compile<T>(CheckedExpression e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (ClrType(e.Type) != typeof(T))
        {
            throw new InvalidOperationException($"The expression '{e.Text}' is {e.Type}, not a {typeof(T).Name} expression.");
        }

        var frame = Expression.Parameter(typeof(FactFrame), "frame");
        return Expression.Lambda<Func<FactFrame, T>>(Emit(e, frame), frame).Compile();
    }

    private static void CheckFrame(Expression frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Type != typeof(FactFrame))
        {
            throw new ArgumentException("The frame parameter must be of type FactFrame.", nameof(frame));
        }
    }

    private static FieldInfo Field(string name) =>
        typeof(FactFrame).GetField(name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new MissingFieldException(nameof(FactFrame), name);

    private static MethodInfo SemanticsMethod(string name, params Type[] parameters) =>
        typeof(Semantics).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new MissingMethodException(nameof(Semantics), name);

    private static MethodInfo FormatterMethod(string name, params Type[] parameters) =>
        typeof(ValueFormatter).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new MissingMethodException(nameof(ValueFormatter), name);

    /// <summary>One translation; holds the frame in scope at each aggregation depth.</summary>
    private sealed class Emitter(Expression frame, IReadOnlyDictionary<BoundAggregate, Slot>? precomputed)
    {
        private readonly List<Expression> _frames = [frame];

        public Expression Emit(BoundExpression node) => node switch
        {
            BoundLiteral literal => Literal(literal),
            BoundSymbol symbol => Read(symbol),
            BoundUnary unary => unary.Operator == BoundUnaryOperator.Negate
                ? Expression.Negate(Emit(unary.Operand))
                : Expression.Not(Emit(unary.Operand)),
            BoundBinary binary => Binary(binary),
            BoundComparison comparison => Comparison(comparison.Operator, comparison.Kind, Emit(comparison.Left), Emit(comparison.Right)),
            BoundIn membership => In(membership),
            BoundBetween between => Between(between),
            BoundConditional conditional => Expression.Condition(
                Emit(conditional.Condition),
                Emit(conditional.WhenTrue),
                Emit(conditional.WhenFalse),
                ClrType(conditional.Type)),
            BoundCall call => Call(call),
            BoundAggregate aggregate when precomputed is not null && precomputed.TryGetValue(aggregate, out var slot) => SlotRead(slot),
            BoundAggregate aggregate => Aggregate(aggregate),
            _ => throw new InvalidOperationException($"Cannot emit {node.GetType().Name}."),
        };

        private static ConstantExpression Literal(BoundLiteral literal) => literal.Type.Kind switch
        {
            ValueKind.Boolean => Expression.Constant(literal.Boolean),
            ValueKind.Text => Expression.Constant(literal.Text ?? string.Empty, typeof(string)),
            _ => Expression.Constant(literal.Number),
        };

        private BinaryExpression Read(BoundSymbol symbol)
        {
            var field = symbol.Type.Kind switch
            {
                ValueKind.Boolean => BooleansField,
                ValueKind.Text => TextsField,
                ValueKind.List => ListsField,
                _ => NumbersField,
            };
            return Expression.ArrayIndex(Expression.Field(_frames[symbol.FrameIndex], field), Expression.Constant(symbol.Symbol.Slot.Index));
        }

        private Expression Binary(BoundBinary binary)
        {
            var left = Emit(binary.Left);
            var right = Emit(binary.Right);
            return binary.Operator switch
            {
                BoundBinaryOperator.Add => Expression.Add(left, right),
                BoundBinaryOperator.Subtract => Expression.Subtract(left, right),
                BoundBinaryOperator.Multiply => Expression.Multiply(left, right),
                BoundBinaryOperator.Divide => Expression.Call(DivideMethod, left, right),
                BoundBinaryOperator.And => Expression.AndAlso(left, right),
                _ => Expression.OrElse(left, right),
            };
        }

        private static Expression Comparison(ComparisonOperator op, ComparisonKind kind, Expression left, Expression right)
        {
            if (kind == ComparisonKind.Text)
            {
                var equal = Expression.Call(TextEqualsMethod, left, right);
                return op == ComparisonOperator.Equal ? equal : Expression.Not(equal);
            }

            return op switch
            {
                ComparisonOperator.Equal => Expression.Equal(left, right),
                ComparisonOperator.NotEqual => Expression.NotEqual(left, right),
                ComparisonOperator.Less => Expression.LessThan(left, right),
                ComparisonOperator.LessOrEqual => Expression.LessThanOrEqual(left, right),
                ComparisonOperator.Greater => Expression.GreaterThan(left, right),
                _ => Expression.GreaterThanOrEqual(left, right),
            };
        }

        private BlockExpression In(BoundIn membership)
        {
            var value = Expression.Variable(ClrType(membership.Value.Type), "value");
            Expression? test = null;
            foreach (var item in membership.Items)
            {
                var equal = Comparison(ComparisonOperator.Equal, membership.Kind, value, Emit(item));
                test = test is null ? equal : Expression.OrElse(test, equal);
            }

            var result = membership.Negated ? Expression.Not(test!) : test!;
            return Expression.Block([value], Expression.Assign(value, Emit(membership.Value)), result);
        }

        private BlockExpression Between(BoundBetween between)
        {
            var value = Expression.Variable(typeof(double), "value");
            return Expression.Block(
                [value],
                Expression.Assign(value, Emit(between.Value)),
                Expression.AndAlso(
                    Expression.LessThanOrEqual(Emit(between.Low), value),
                    Expression.LessThanOrEqual(value, Emit(between.High))));
        }

        private Expression Call(BoundCall call)
        {
            var args = call.Arguments;
            switch (call.Function)
            {
                case BuiltinFunction.Min:
                case BuiltinFunction.Max:
                {
                    var method = call.Function == BuiltinFunction.Min ? MinMethod : MaxMethod;
                    var result = Emit(args[0]);
                    for (var i = 1; i < args.Count; i++)
                    {
                        result = Expression.Call(method, result, Emit(args[i]));
                    }

                    return result;
                }

                case BuiltinFunction.Clamp:
                    return Expression.Call(ClampMethod, Emit(args[0]), Emit(args[1]), Emit(args[2]));
                case BuiltinFunction.Round:
                    return Expression.Call(RoundMethod, Emit(args[0]));
                case BuiltinFunction.RoundDigits:
                    return Expression.Call(RoundDigitsMethod, Emit(args[0]), Expression.Constant(call.Digits));
                default:
                {
                    var method = call.Function switch
                    {
                        BuiltinFunction.Abs => AbsMethod,
                        BuiltinFunction.Floor => FloorMethod,
                        BuiltinFunction.Ceiling => CeilingMethod,
                        BuiltinFunction.DaysBetween => DaysBetweenMethod,
                        BuiltinFunction.MonthsBetween => MonthsBetweenMethod,
                        BuiltinFunction.Year => YearMethod,
                        BuiltinFunction.Month => MonthMethod,
                        _ => throw new InvalidOperationException($"Cannot emit function {call.Function}."),
                    };
                    return Expression.Call(method, args.Select(Emit));
                }
            }
        }

        private BinaryExpression SlotRead(Slot slot) => slot.Kind == StorageKind.Boolean
            ? Expression.ArrayIndex(Expression.Field(frame, BooleansField), Expression.Constant(slot.Index))
            : Expression.ArrayIndex(Expression.Field(frame, NumbersField), Expression.Constant(slot.Index));

        private Expression SlotWrite(Slot slot, Expression value) => Expression.Assign(
            Expression.ArrayAccess(
                Expression.Field(frame, slot.Kind == StorageKind.Boolean ? BooleansField : NumbersField),
                Expression.Constant(slot.Index)),
            value);

        /// <summary>The loop of <see cref="EmitFused"/>: one accumulator per aggregation, one pass.</summary>
        public Expression Fused(BoundSymbol listSymbol, IReadOnlyList<(BoundAggregate Aggregate, Slot Target)> aggregates)
        {
            var list = Expression.Variable(typeof(FactFrame[]), "list");
            var index = Expression.Variable(typeof(int), "i");
            var child = Expression.Variable(typeof(FactFrame), "child");
            var exit = Expression.Label("exit");
            var variables = new List<ParameterExpression> { list, index, child };
            var setup = new List<Expression> { Expression.Assign(list, Read(listSymbol)), Expression.Assign(index, Expression.Constant(0)) };
            var steps = new List<Expression> { Expression.Assign(child, Expression.ArrayIndex(list, index)) };
            var finish = new List<Expression>();
            _frames.Add(child);
            foreach (var (aggregate, target) in aggregates)
            {
                var isBoolean = aggregate.Kind is AggregateKind.Any or AggregateKind.All;
                var accumulator = Expression.Variable(isBoolean ? typeof(bool) : typeof(double), "acc");
                var seen = Expression.Variable(typeof(bool), "seen");
                var current = Expression.Variable(typeof(double), "value");
                variables.AddRange([accumulator, seen, current]);
                var body = Emit(aggregate.Body!);
                setup.Add(Expression.Assign(accumulator, isBoolean ? Expression.Constant(aggregate.Kind == AggregateKind.All) : Expression.Constant(0.0)));
                setup.Add(Expression.Assign(seen, Expression.Constant(false)));
                steps.Add(aggregate.Kind switch
                {
                    AggregateKind.Count => Expression.IfThen(body, Expression.AddAssign(accumulator, Expression.Constant(1.0))),
                    AggregateKind.Sum or AggregateKind.Average => Expression.AddAssign(accumulator, body),
                    AggregateKind.Min or AggregateKind.Max => Expression.Block(
                        Expression.Assign(current, body),
                        Expression.Assign(
                            accumulator,
                            Expression.Condition(
                                seen,
                                Expression.Call(aggregate.Kind == AggregateKind.Min ? MinMethod : MaxMethod, accumulator, current),
                                current)),
                        Expression.Assign(seen, Expression.Constant(true))),
                    AggregateKind.Any => Expression.IfThen(body, Expression.Assign(accumulator, Expression.Constant(true))),
                    _ => Expression.IfThen(Expression.Not(body), Expression.Assign(accumulator, Expression.Constant(false))),
                });
                Expression result = aggregate.Kind == AggregateKind.Average
                    ? Expression.Call(DivideMethod, accumulator, Expression.Convert(Expression.ArrayLength(list), typeof(double)))
                    : accumulator;
                finish.Add(SlotWrite(target, result));
            }

            _frames.RemoveAt(_frames.Count - 1);
            steps.Add(Expression.PreIncrementAssign(index));
            return Expression.Block(
                variables,
                setup.Concat([
                    Expression.Loop(
                        Expression.IfThenElse(
                            Expression.GreaterThanOrEqual(index, Expression.ArrayLength(list)),
                            Expression.Break(exit),
                            Expression.Block(steps)),
                        exit),
                ]).Concat(finish).Append(Expression.Empty()));
        }

        /// <summary>
        /// <code>
        /// list = frame.Lists[slot]; i = 0; acc = seed;
        /// loop { if (i &gt;= list.Length) break; child = list[i]; step; i++; }
        /// result(acc)
        /// </code>
        /// </summary>
        private Expression Aggregate(BoundAggregate aggregate)
        {
            var listRead = Read(aggregate.List);
            if (aggregate.Body is null)
            {
                return Expression.Convert(Expression.ArrayLength(listRead), typeof(double));
            }

            var list = Expression.Variable(typeof(FactFrame[]), "list");
            var index = Expression.Variable(typeof(int), "i");
            var child = Expression.Variable(typeof(FactFrame), "child");
            var isBoolean = aggregate.Kind is AggregateKind.Any or AggregateKind.All;
            var accumulator = Expression.Variable(isBoolean ? typeof(bool) : typeof(double), "acc");
            var seen = Expression.Variable(typeof(bool), "seen");
            var current = Expression.Variable(typeof(double), "value");
            var exit = Expression.Label("exit");

            _frames.Add(child);
            var body = Emit(aggregate.Body);
            _frames.RemoveAt(_frames.Count - 1);

            Expression step = aggregate.Kind switch
            {
                AggregateKind.Count => Expression.IfThen(body, Expression.AddAssign(accumulator, Expression.Constant(1.0))),
                AggregateKind.Sum or AggregateKind.Average => Expression.AddAssign(accumulator, body),
                AggregateKind.Min or AggregateKind.Max => Expression.Block(
                    Expression.Assign(current, body),
                    Expression.Assign(
                        accumulator,
                        Expression.Condition(
                            seen,
                            Expression.Call(aggregate.Kind == AggregateKind.Min ? MinMethod : MaxMethod, accumulator, current),
                            current)),
                    Expression.Assign(seen, Expression.Constant(true))),
                AggregateKind.Any => Expression.IfThen(
                    body,
                    Expression.Block(Expression.Assign(accumulator, Expression.Constant(true)), Expression.Break(exit))),
                _ => Expression.IfThen(
                    Expression.Not(body),
                    Expression.Block(Expression.Assign(accumulator, Expression.Constant(false)), Expression.Break(exit))),
            };

            Expression seed = isBoolean
                ? Expression.Constant(aggregate.Kind == AggregateKind.All)
                : Expression.Constant(0.0);
            Expression result = aggregate.Kind == AggregateKind.Average
                ? Expression.Call(DivideMethod, accumulator, Expression.Convert(Expression.ArrayLength(list), typeof(double)))
                : accumulator;

            return Expression.Block(
                [list, index, child, accumulator, seen, current],
                Expression.Assign(list, listRead),
                Expression.Assign(index, Expression.Constant(0)),
                Expression.Assign(accumulator, seed),
                Expression.Assign(seen, Expression.Constant(false)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.GreaterThanOrEqual(index, Expression.ArrayLength(list)),
                        Expression.Break(exit),
                        Expression.Block(
                            Expression.Assign(child, Expression.ArrayIndex(list, index)),
                            step,
                            Expression.PreIncrementAssign(index))),
                    exit),
                result);
        }
    }
}
