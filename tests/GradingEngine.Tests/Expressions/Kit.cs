using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

/// <summary>Shortcuts: check expressions against <see cref="Schema.Top"/>, evaluate them both ways.</summary>
internal static class Kit
{
    public static CheckedExpression Check(string text, ExprType? expected = null, ExpressionLimits? limits = null)
    {
        var errors = new List<ExpressionError>();
        var checkedExpression = ExpressionChecker.Check(text, Schema.Top, expected, limits ?? ExpressionLimits.Default, errors);
        Assert.That(errors, Is.Empty, () => $"'{text}' should check: " + string.Join(Environment.NewLine, errors));
        Assert.That(checkedExpression, Is.Not.Null);
        return checkedExpression!;
    }

    public static List<ExpressionError> Errors(string text, ExprType? expected = null, ExpressionLimits? limits = null)
    {
        var errors = new List<ExpressionError>();
        var checkedExpression = ExpressionChecker.Check(text, Schema.Top, expected, limits ?? ExpressionLimits.Default, errors);
        Assert.That(checkedExpression, Is.Null, () => $"'{text}' should not check");
        Assert.That(errors, Is.Not.Empty);
        return errors;
    }

    /// <summary>The single error of an expression that must fail.</summary>
    public static ExpressionError Error(string text, ExprType? expected = null)
    {
        var errors = Errors(text, expected);
        Assert.That(errors, Has.Count.EqualTo(1), () => string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    /// <summary>Asserts code, start and length of an error.</summary>
    public static void AssertError(ExpressionError error, string code, int start, int length)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(code), error.Message);
            Assert.That(error.Start, Is.EqualTo(start), error.Message);
            Assert.That(error.Length, Is.EqualTo(length), error.Message);
        }
    }

    /// <summary>Evaluates through the compiled delegate and the interpreter, asserts they agree, returns the value.</summary>
    public static Value Run(CheckedExpression e, FactFrame frame)
    {
        var interpreted = Interpreter.Evaluate(e, frame);
        Value compiled = e.Type.Kind switch
        {
            ValueKind.Boolean => Value.FromBoolean(LinqEmitter.CompileBoolean(e)(frame)),
            ValueKind.Text => Value.FromText(LinqEmitter.CompileText(e)(frame)),
            _ => Value.FromNumber(e.Type.Kind, LinqEmitter.CompileNumber(e)(frame)),
        };
        AssertSame(compiled, interpreted, e.Text);
        return compiled;
    }

    public static void AssertSame(Value compiled, Value interpreted, string text)
    {
        Assert.That(compiled.Kind, Is.EqualTo(interpreted.Kind), text);
        switch (compiled.Kind)
        {
            case ValueKind.Boolean:
                Assert.That(compiled.Boolean, Is.EqualTo(interpreted.Boolean), text);
                break;
            case ValueKind.Text:
                Assert.That(compiled.Text, Is.EqualTo(interpreted.Text), text);
                break;
            default:
                var same = BitConverter.DoubleToInt64Bits(compiled.Number) == BitConverter.DoubleToInt64Bits(interpreted.Number)
                    || (double.IsNaN(compiled.Number) && double.IsNaN(interpreted.Number));
                Assert.That(same, Is.True, () => $"{text}: compiled {compiled.Number:R} but interpreted {interpreted.Number:R}");
                break;
        }
    }

    public static double Number(string text, FactFrame? frame = null) => Run(Check(text), frame ?? Schema.NewFrame()).Number;

    public static bool Bool(string text, FactFrame? frame = null) => Run(Check(text), frame ?? Schema.NewFrame()).Boolean;

    public static string Text(string text, FactFrame? frame = null) => Run(Check(text), frame ?? Schema.NewFrame()).Text!;
}
