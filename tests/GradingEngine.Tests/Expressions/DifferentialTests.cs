using GradingEngine.Expressions;

namespace GradingEngine.Tests.Expressions;

/// <summary>
/// Compiled code against the reference interpreter on random well-typed expressions and random frames:
/// every pair must agree exactly (doubles bit for bit).
/// </summary>
public class DifferentialTests
{
    private const int FramesPerExpression = 3;

    /// <summary>Random trees of depth 6 can exceed 2000 characters; the depth limit stays the default.</summary>
    private static readonly ExpressionLimits Limits = ExpressionLimits.Default with { MaxLength = 20_000 };

    [TestCase(20240630, 300)]
    [TestCase(7, 300)]
    [TestCase(1921, 300)]
    public void CompiledAndInterpreted_RandomExpressions_AgreeExactly(int seed, int expressions)
    {
        var generator = new ExpressionGenerator(seed);
        var pairs = 0;
        var withAggregation = 0;
        for (var i = 0; i < expressions; i++)
        {
            var kind = generator.RandomKind();
            var text = generator.Generate(kind, 2 + (i % 5));
            var errors = new List<ExpressionError>();
            var e = ExpressionChecker.Check(text, Schema.Top, null, Limits, errors);
            Assert.That(errors, Is.Empty, () => $"generated expression #{i} did not check: {text}{Environment.NewLine}" + string.Join(Environment.NewLine, errors));
            if (text.Contains("sum(", StringComparison.Ordinal) || text.Contains("count(", StringComparison.Ordinal) || text.Contains("any(", StringComparison.OrdinalIgnoreCase))
            {
                withAggregation++;
            }

            var compiled = Compile(e!);
            for (var f = 0; f < FramesPerExpression; f++)
            {
                var frame = generator.Frame(f);
                var interpreted = Interpreter.Evaluate(e!, frame);
                Kit.AssertSame(compiled(frame), interpreted, $"#{i} frame {f}: {text}");
                pairs++;
            }
        }

        Assert.That(pairs, Is.GreaterThanOrEqualTo(expressions * FramesPerExpression));
        Assert.That(withAggregation, Is.GreaterThan(expressions / 10), "the generator should exercise aggregations");
    }

    [Test]
    public void Generator_CoversEveryConstruct()
    {
        var generator = new ExpressionGenerator(42);
        var all = string.Concat(Enumerable.Range(0, 400).Select(i => generator.Generate(generator.RandomKind(), 2 + (i % 5))));
        foreach (var construct in new[]
        {
            " + ", " - ", " * ", " / ", "-(", " and ", " or ", "not ", " in [", " not in [", " between ", "if ", "min(", "max(", "MAX(",
            "clamp(", "abs(", "round(", "floor(", "ceil(", "date(", "aysBetween(", "onthsBetween(", "year(", "month(",
            "count(", "sum(", "avg(", "any(", "all(", "==", "!=", "<>", "<=", ">=", "“", "‘", "\"", "%", "政治素质好.", "工作实绩.",
            "`score-2024`", "奖励", "（",
        })
        {
            Assert.That(all, Does.Contain(construct));
        }
    }

    private static Func<GradingEngine.Facts.FactFrame, Value> Compile(CheckedExpression e)
    {
        switch (e.Type.Kind)
        {
            case ValueKind.Boolean:
            {
                var f = LinqEmitter.CompileBoolean(e);
                return frame => Value.FromBoolean(f(frame));
            }

            case ValueKind.Text:
            {
                var f = LinqEmitter.CompileText(e);
                return frame => Value.FromText(f(frame));
            }

            default:
            {
                var f = LinqEmitter.CompileNumber(e);
                var kind = e.Type.Kind;
                return frame => Value.FromNumber(kind, f(frame));
            }
        }
    }
}
