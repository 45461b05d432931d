using GradingEngine.Expressions.Binding;
using GradingEngine.Facts;

namespace GradingEngine.Expressions;

/// <summary>
/// A plain tree-walking evaluator of checked expressions: the reference the compiled code is tested against,
/// and a way to evaluate an expression once without compiling it. It shares only <see cref="Semantics"/> with
/// <see cref="LinqEmitter"/>.
/// </summary>
internal static class Interpreter
{
    /// <summary>Evaluates the expression on a frame of the scope it was checked against.</summary>
    public static Value Evaluate(CheckedExpression e, FactFrame frame)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(frame);
        var frames = new List<FactFrame> { frame };
        return Eval(e.Bound, frames);
    }

    private static Value Eval(BoundExpression node, List<FactFrame> frames)
    {
        var kind = node.Type.Kind;
        return kind switch
        {
            ValueKind.Boolean => Value.FromBoolean(Bool(node, frames)),
            ValueKind.Text => Value.FromText(Text(node, frames)),
            _ => Value.FromNumber(kind, Number(node, frames)),
        };
    }

    private static double Number(BoundExpression node, List<FactFrame> frames)
    {
        switch (node)
        {
            case BoundLiteral literal:
                return literal.Number;
            case BoundSymbol symbol:
                return frames[symbol.FrameIndex].Numbers[symbol.Symbol.Slot.Index];
            case BoundUnary { Operator: BoundUnaryOperator.Negate } unary:
                return -Number(unary.Operand, frames);
            case BoundBinary binary:
            {
                var left = Number(binary.Left, frames);
                var right = Number(binary.Right, frames);
                return binary.Operator switch
                {
                    BoundBinaryOperator.Add => left + right,
                    BoundBinaryOperator.Subtract => left - right,
                    BoundBinaryOperator.Multiply => left * right,
                    BoundBinaryOperator.Divide => Semantics.Divide(left, right),
                    _ => throw Unexpected(node),
                };
            }

            case BoundConditional conditional:
                return Bool(conditional.Condition, frames) ? Number(conditional.WhenTrue, frames) : Number(conditional.WhenFalse, frames);
            case BoundCall call:
                return Call(call, frames);
            case BoundAggregate aggregate:
                return NumberAggregate(aggregate, frames);
            default:
                throw Unexpected(node);
        }
    }

    private static double Call(BoundCall call, List<FactFrame> frames)
    {
        var args = call.Arguments;
        switch (call.Function)
        {
            case BuiltinFunction.Min:
            case BuiltinFunction.Max:
            {
                var result = Number(args[0], frames);
                for (var i = 1; i < args.Count; i++)
                {
                    var next = Number(args[i], frames);
                    result = call.Function == BuiltinFunction.Min ? Semantics.Min(result, next) : Semantics.Max(result, next);
                }

                return result;
            }

            case BuiltinFunction.Clamp:
                return Semantics.Clamp(Number(args[0], frames), Number(args[1], frames), Number(args[2], frames));
            case BuiltinFunction.Abs:
                return Semantics.Abs(Number(args[0], frames));
            case BuiltinFunction.Round:
                return Semantics.Round(Number(args[0], frames));
            case BuiltinFunction.RoundDigits:
                return Semantics.Round(Number(args[0], frames), call.Digits);
            case BuiltinFunction.Floor:
                return Semantics.Floor(Number(args[0], frames));
            case BuiltinFunction.Ceiling:
                return Semantics.Ceiling(Number(args[0], frames));
            case BuiltinFunction.DaysBetween:
                return Semantics.DaysBetween(Number(args[0], frames), Number(args[1], frames));
            case BuiltinFunction.MonthsBetween:
                return Semantics.MonthsBetween(Number(args[0], frames), Number(args[1], frames));
            case BuiltinFunction.Year:
                return Semantics.Year(Number(args[0], frames));
            case BuiltinFunction.Month:
                return Semantics.Month(Number(args[0], frames));
            default:
                throw Unexpected(call);
        }
    }

    private static double NumberAggregate(BoundAggregate aggregate, List<FactFrame> frames)
    {
        var children = ListOf(aggregate, frames);
        if (aggregate.Kind == AggregateKind.Count && aggregate.Body is null)
        {
            return children.Length;
        }

        var body = aggregate.Body!;
        var result = 0.0;
        var first = true;
        frames.Add(null!);
        foreach (var child in children)
        {
            frames[aggregate.ChildFrameIndex] = child;
            switch (aggregate.Kind)
            {
                case AggregateKind.Count:
                    if (Bool(body, frames))
                    {
                        result += 1;
                    }

                    break;
                case AggregateKind.Sum:
                case AggregateKind.Average:
                    result += Number(body, frames);
                    break;
                case AggregateKind.Min:
                {
                    var value = Number(body, frames);
                    result = first ? value : Semantics.Min(result, value);
                    break;
                }

                case AggregateKind.Max:
                {
                    var value = Number(body, frames);
                    result = first ? value : Semantics.Max(result, value);
                    break;
                }

                default:
                    throw Unexpected(aggregate);
            }

            first = false;
        }

        frames.RemoveAt(frames.Count - 1);
        return aggregate.Kind == AggregateKind.Average ? Semantics.Divide(result, children.Length) : result;
    }

    private static FactFrame[] ListOf(BoundAggregate aggregate, List<FactFrame> frames) =>
        frames[aggregate.List.FrameIndex].Lists[aggregate.List.Symbol.Slot.Index];

    private static bool Bool(BoundExpression node, List<FactFrame> frames)
    {
        switch (node)
        {
            case BoundLiteral literal:
                return literal.Boolean;
            case BoundSymbol symbol:
                return frames[symbol.FrameIndex].Booleans[symbol.Symbol.Slot.Index];
            case BoundUnary { Operator: BoundUnaryOperator.Not } unary:
                return !Bool(unary.Operand, frames);
            case BoundBinary { Operator: BoundBinaryOperator.And } and:
                return Bool(and.Left, frames) && Bool(and.Right, frames);
            case BoundBinary { Operator: BoundBinaryOperator.Or } or:
                return Bool(or.Left, frames) || Bool(or.Right, frames);
            case BoundComparison comparison:
                return Compare(comparison, frames);
            case BoundIn membership:
            {
                var found = false;
                var value = Eval(membership.Value, frames);
                foreach (var item in membership.Items)
                {
                    if (Equal(membership.Kind, value, Eval(item, frames)))
                    {
                        found = true;
                        break;
                    }
                }

                return found != membership.Negated;
            }

            case BoundBetween between:
            {
                var value = Number(between.Value, frames);
                return Number(between.Low, frames) <= value && value <= Number(between.High, frames);
            }

            case BoundConditional conditional:
                return Bool(conditional.Condition, frames) ? Bool(conditional.WhenTrue, frames) : Bool(conditional.WhenFalse, frames);
            case BoundAggregate aggregate:
                return BoolAggregate(aggregate, frames);
            default:
                throw Unexpected(node);
        }
    }

    private static bool BoolAggregate(BoundAggregate aggregate, List<FactFrame> frames)
    {
        var all = aggregate.Kind == AggregateKind.All;
        if (!all && aggregate.Kind != AggregateKind.Any)
        {
            throw Unexpected(aggregate);
        }

        var result = all;
        frames.Add(null!);
        foreach (var child in ListOf(aggregate, frames))
        {
            frames[aggregate.ChildFrameIndex] = child;
            if (Bool(aggregate.Body!, frames) != all)
            {
                result = !all;
                break;
            }
        }

        frames.RemoveAt(frames.Count - 1);
        return result;
    }

    private static bool Compare(BoundComparison comparison, List<FactFrame> frames)
    {
        var left = Eval(comparison.Left, frames);
        var right = Eval(comparison.Right, frames);
        return comparison.Operator switch
        {
            ComparisonOperator.Equal => Equal(comparison.Kind, left, right),
            ComparisonOperator.NotEqual => !Equal(comparison.Kind, left, right),
            ComparisonOperator.Less => left.Number < right.Number,
            ComparisonOperator.LessOrEqual => left.Number <= right.Number,
            ComparisonOperator.Greater => left.Number > right.Number,
            _ => left.Number >= right.Number,
        };
    }

    private static bool Equal(ComparisonKind kind, Value left, Value right) => kind switch
    {
        ComparisonKind.Boolean => left.Boolean == right.Boolean,
        ComparisonKind.Text => Semantics.TextEquals(left.Text, right.Text),
        _ => left.Number == right.Number,
    };

    private static string Text(BoundExpression node, List<FactFrame> frames) => node switch
    {
        BoundLiteral literal => literal.Text ?? string.Empty,
        BoundSymbol symbol => frames[symbol.FrameIndex].Texts[symbol.Symbol.Slot.Index],
        BoundConditional conditional => Bool(conditional.Condition, frames) ? Text(conditional.WhenTrue, frames) : Text(conditional.WhenFalse, frames),
        _ => throw Unexpected(node),
    };

    private static InvalidOperationException Unexpected(BoundExpression node) =>
        new($"The interpreter cannot evaluate {node.GetType().Name} of type {node.Type}.");
}
