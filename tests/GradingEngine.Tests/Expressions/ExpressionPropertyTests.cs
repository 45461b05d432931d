using System.Diagnostics;
using CsCheck;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Grading;
using Newtonsoft.Json;

namespace GradingEngine.Tests.Expressions;

/// <summary>
/// Properties of the expression language over generated text (CsCheck): whatever the text, as an expression, a
/// message template or a scheme's <c>when</c>, the result is a compiled expression or positioned diagnostics, never an
/// exception. The cases come from a fixed seed, one after another, for a few seconds each.
/// </summary>
public class ExpressionPropertyTests
{
    private const string Seed = "0000SDuWF_w1";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>Pieces of the language and of what is near it: names of the test scope, literals, operators, keywords, oddities.</summary>
    private static readonly string[] Fragments =
    [
        "x", "n", "b", "y", "出勤率", "三会一课次数", "已换届", "书记姓名", "等级", "类别", "成立日期", "党员", "得分", "处分", "年龄", "奖励", "分值",
        "政治素质好", "自评", "工作实绩", "他评", "`score-2024`", "`", "未定义", ".", "0", "1", "2.5", "90%", "１２", "1e400", "99999999999999999999",
        "'好'", "'较好'", "“一般”", "‘差’", "'", "\"", "“", "”", "(", ")", "（", "）", "[", "]", ",", "，", "+", "-", "*", "/", "%", "％", "==", "=", "!=",
        "<>", "<", "<=", ">", ">=", "＞＝", "&&", "||", "!", "and", "or", "not", "in", "between", "if", "then", "else", "true", "false", "AND", "If",
        "min", "max", "count", "sum", "avg", "any", "all", "round", "floor", "ceil", "abs", "clamp", "date", "'2024-02-29'", "daysBetween",
        "monthsBetween", "year", "month", "{", "}", "{{", "}}", " ", "　", "\t", "\n", "\0", "\ud800", "\udc00", "𠀀", "\ufffd", "#", "$", "@", "\\",
    ];

    /// <summary>Well-typed expressions over <see cref="Schema"/> (see <see cref="ExpressionGenerator"/>), seeded by CsCheck.</summary>
    private static readonly Gen<string> WellTyped = Gen.Int.Select(seed =>
    {
        var generator = new ExpressionGenerator(seed);
        return generator.Generate(generator.RandomKind(), 1 + (seed & 3));
    });

    /// <summary>A well-typed expression with one edit: a fragment inserted, a piece cut out, or the rest cut off.</summary>
    private static readonly Gen<string> Mutated = Gen.Select(WellTyped, Gen.Int[0, int.MaxValue], Gen.OneOf(Fragments), (text, at, fragment) =>
    {
        var i = at % (text.Length + 1);
        return (at / 7 % 3) switch
        {
            0 => text.Insert(i, fragment),
            1 => text.Remove(i, Math.Min(1 + (at % 5), text.Length - i)),
            _ => text[..i],
        };
    });

    /// <summary>
    /// Any text: well-typed expressions, the same with one edit, token soup, CsCheck's strings and characters from the
    /// whole of UTF-16 (lone surrogates and NUL included).
    /// </summary>
    private static readonly Gen<string> AnyText = Gen.Frequency(
        (3, WellTyped),
        (3, Mutated),
        (4, Gen.OneOf(Fragments).Array[1, 24].Select(string.Concat)),
        (2, Gen.String),
        (2, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.OneOf(Fragments).Array[400, 700].Select(string.Concat)));

    [Test]
    public void Check_AnyText_CompiledExpressionOrDiagnosticsInsideTheText()
    {
        var accepted = Explore(AnyText, text =>
        {
            foreach (var expected in new[] { null, ExprType.Boolean, ExprType.Number, Schema.等级Type })
            {
                var errors = new List<ExpressionError>();
                var result = ExpressionChecker.Check(text, Schema.Top, expected, ExpressionLimits.Default, errors);
                AssertInside(text, errors, "GE300");
                if (result is null)
                {
                    Assert.That(errors, Is.Not.Empty);
                    continue;
                }

                Assert.That(errors, Is.Empty);
                Kit.Run(result, Schema.NewFrame());
                return true;
            }

            return false;
        });

        Assert.That(accepted, Is.GreaterThan(0), "some generated expressions should be valid");
    }

    [Test]
    public void CheckTemplate_AnyText_TemplateOrDiagnosticsInsideTheText()
    {
        Explore(AnyText, text =>
        {
            var errors = new List<ExpressionError>();
            var result = MessageTemplate.Check(text, Schema.Top, ExpressionLimits.Default, errors);
            AssertInside(text, errors, "GE300");
            Assert.That(result is null, Is.EqualTo(errors.Count > 0));
            return result is not null;
        });
    }

    [Test]
    public void TryParse_AnyTextAsARuleWhen_LoadsOrPositionedDiagnostics()
    {
        Explore(AnyText, text =>
        {
            var json = """
                {
                  "id": "p", "name": "性质", "subject": "member",
                  "inputs": [ { "id": "x", "type": "number", "default": 1 }, { "id": "n", "type": "integer", "default": 2 },
                              { "id": "b", "type": "boolean", "default": true } ],
                  "items": [ { "id": "甲", "points": 10 } ],
                  "rules": [ { "id": "r",
                    "when": 
                """ + JsonConvert.ToString(text) + """
                , "then": [ { "award": "甲", "points": "1" } ] } ],
                  "levels": [ { "id": "好", "minScore": 1 }, { "id": "差" } ]
                }
                """;
            if (GradingScheme.TryParse(json, "p.json", out var scheme, out var problems))
            {
                Assert.That(problems, Is.Empty);
                var result = scheme.Grade(new Dictionary<string, object?>());
                Assert.That(result.Total, Is.EqualTo(0).Or.EqualTo(1));
                return true;
            }

            Assert.That(problems, Is.Not.Empty);
            foreach (var problem in problems)
            {
                Assert.That((problem.Location.File, problem.Location.Line >= 1, problem.Location.Column >= 1), Is.EqualTo(("p.json", true, true)), problem.ToString());
                if (problem.Code.StartsWith("GE3", StringComparison.Ordinal))
                {
                    Assert.That(problem.Location.JsonPath, Is.EqualTo("rules[0].when"), problem.ToString());
                    Assert.That(problem.Location.ExpressionColumn, Is.InRange(1, text.Length + 1), problem.ToString());
                    Assert.That(problem.Excerpt!.Split(Environment.NewLine)[0].Length, Is.LessThan(Excerpt.MaxShown + 20), problem.ToString());
                }
            }

            return false;
        });
    }

    private static void AssertInside(string text, List<ExpressionError> errors, string codePrefix)
    {
        foreach (var error in errors)
        {
            Assert.That(error.Code, Does.StartWith(codePrefix), error.Message);
            Assert.That(error.Start, Is.InRange(0, text.Length), error.Message);
            Assert.That(error.Start + error.Length, Is.InRange(error.Start, text.Length), error.Message);
        }
    }

    /// <summary>
    /// Runs <paramref name="property"/> on the cases the fixed seed generates, one after another, until the budget is
    /// spent (at least 200 cases); a failure names the case's number and text. Returns how many cases the property accepted.
    /// </summary>
    private static int Explore(Gen<string> gen, Func<string, bool> property)
    {
        var random = PCG.Parse(Seed);
        var clock = Stopwatch.StartNew();
        var (count, accepted) = (0, 0);
        while (count < 200 || clock.Elapsed < Budget)
        {
            var text = gen.Generate(random, null, out Size _);
            count++;
            try
            {
                accepted += property(text) ? 1 : 0;
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {count} (seed {Seed}) failed for {JsonConvert.ToString(text)}:{Environment.NewLine}{ex}");
            }
        }

        TestContext.Out.WriteLine($"{count} cases, {accepted} accepted, in {clock.Elapsed.TotalSeconds:0.0} s");
        return accepted;
    }
}
