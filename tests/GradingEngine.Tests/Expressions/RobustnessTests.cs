using GradingEngine.Expressions;

namespace GradingEngine.Tests.Expressions;

/// <summary>Token soup: whatever the text, checking never throws and every error points inside the text.</summary>
public class RobustnessTests
{
    private static readonly string[] Fragments =
    [
        "x", "n", "b", "等级", "党员", "得分", "处分", "奖励", "分值", "政治素质好", ".", "自评", "工作实绩", "书记姓名", "成立日期",
        "1", "2.5", "90%", "%", "0", "'好'", "“较好”", "'", "\"", "“", "`", "`score-2024`", "(", ")", "（", "）", "[", "]",
        ",", "，", "+", "-", "*", "/", "==", "=", "!=", "<>", "<", "<=", ">", ">=", "＞＝", "&&", "||", "!", "&", "|",
        "and", "or", "not", "in", "between", "if", "then", "else", "true", "false", "min", "max", "count", "sum", "avg",
        "any", "all", "round", "date", "daysBetween", "monthsBetween", "year", "clamp", "abs", "#", "\u3000", " ", " ", " ",
        "\ud840", "𠀀", "{", "}",
    ];

    [Test]
    public void Check_RandomTokenSoup_NeverThrowsAndPointsInsideTheText()
    {
        var random = new Random(12345);
        var accepted = 0;
        for (var i = 0; i < 5000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 16)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            var errors = new List<ExpressionError>();
            CheckedExpression? result = null;
            Assert.DoesNotThrow(() => result = ExpressionChecker.Check(text, Schema.Top, null, ExpressionLimits.Default, errors), text);
            if (result is null)
            {
                Assert.That(errors, Is.Not.Empty, text);
            }
            else
            {
                Assert.That(errors, Is.Empty, text);
                accepted++;
                Kit.Run(result, Schema.NewFrame());
            }

            foreach (var error in errors)
            {
                Assert.That(error.Start, Is.InRange(0, text.Length), text);
                Assert.That(error.Start + error.Length, Is.InRange(error.Start, text.Length), text);
                Assert.That(error.Code, Does.StartWith("GE300"), text);
            }

            var templateErrors = new List<ExpressionError>();
            Assert.DoesNotThrow(() => MessageTemplate.Check(text, Schema.Top, ExpressionLimits.Default, templateErrors), text);
            foreach (var error in templateErrors)
            {
                Assert.That(error.Start + error.Length, Is.InRange(error.Start, text.Length), text);
            }
        }

        Assert.That(accepted, Is.GreaterThan(0));
    }
}
