using GradingEngine.Expressions;
using GradingEngine.Expressions.Binding;
using GradingEngine.Grading;
using GradingEngine.RuleBook;

namespace GradingEngine.Tests.RuleBook;

/// <summary>Conditions and formulas put into words: labels, units, comparison words, and parentheses where needed.</summary>
public class ExpressionWordsTests
{
    private const string Scheme = """
        {
          "id": "words", "name": "文字", "subject": "organisation",
          "inputs": [
            { "id": "支委会次数", "label": "支部委员会召开次数", "type": "integer", "unit": "次", "min": 0, "max": 366 },
            { "id": "党课次数", "label": "党课次数", "type": "integer", "unit": "次" },
            { "id": "已换届", "label": "按期换届", "type": "boolean" },
            { "id": "有阵地", "label": "有固定活动阵地", "type": "boolean" },
            { "id": "满意度", "label": "群众满意度", "type": "number" },
            { "id": "换届日期", "label": "换届日期", "type": "date" },
            { "id": "类型", "label": "组织类型", "type": "enum", "values": ["党委", "总支", "支部"] },
            { "id": "得分", "label": "考核得分", "type": "number", "unit": "分" },
            { "id": "党员", "label": "党员", "type": "list", "fields": [
              { "id": "年龄", "label": "年龄", "type": "integer", "unit": "岁" },
              { "id": "受处分", "label": "受处分", "type": "boolean" } ] }
          ],
          "values": [ { "id": "应开次数", "label": "支部委员会每年应召开次数", "unit": "次", "expr": "12" } ],
          "levels": [ { "id": "好", "minScore": 90 }, { "id": "差" } ]
        }
        """;

    private static readonly Lazy<GradingScheme> Words = new(() => GradingScheme.Parse(Scheme, "words.json"));

    [TestCase("支委会次数 < 12", "支部委员会召开次数少于 12 次")]
    [TestCase("支委会次数 >= 12", "支部委员会召开次数不少于 12 次")]
    [TestCase("支委会次数 > 0", "支部委员会召开次数超过 0 次")]
    [TestCase("支委会次数 <= 3", "支部委员会召开次数不超过 3 次")]
    [TestCase("支委会次数 == 0", "支部委员会召开次数等于 0 次")]
    [TestCase("支委会次数 < 应开次数", "支部委员会召开次数少于支部委员会每年应召开次数（12 次）")]
    [TestCase("满意度 < 90%", "群众满意度低于 90%")]
    [TestCase("满意度 >= 0.6", "群众满意度不低于 0.6")]
    [TestCase("类型 == '支部'", "组织类型为“支部”")]
    [TestCase("类型 != '支部'", "组织类型不为“支部”")]
    [TestCase("类型 in ['党委', '总支']", "组织类型为“党委”、“总支”之一")]
    [TestCase("类型 not in ['党委', '总支']", "组织类型不为“党委”、“总支”之一")]
    [TestCase("换届日期 < date('2024-06-30')", "换届日期早于 2024-06-30")]
    [TestCase("支委会次数 between 4 and 12", "支部委员会召开次数在 4 至 12 次之间（含两端）")]
    [TestCase("已换届", "按期换届")]
    [TestCase("not 已换届", "不满足“按期换届”")]
    [TestCase("已换届 == false", "按期换届为“否”")]
    [TestCase("not (支委会次数 < 12)", "支部委员会召开次数不少于 12 次")]
    [TestCase("not (类型 in ['党委'])", "组织类型不为“党委”")]
    [TestCase("not (已换届 and 有阵地)", "不满足（按期换届 且 有固定活动阵地）")]
    public void Condition_IsWords(string expression, string expected) => Assert.That(Render(expression), Is.EqualTo(expected));

    [TestCase("已换届 and 有阵地 or 支委会次数 > 0", "（按期换届 且 有固定活动阵地） 或 支部委员会召开次数超过 0 次")]
    [TestCase("已换届 or 有阵地 and 支委会次数 > 0", "按期换届 或 （有固定活动阵地 且 支部委员会召开次数超过 0 次）")]
    [TestCase("已换届 and (有阵地 or 支委会次数 > 0)", "按期换届 且 （有固定活动阵地 或 支部委员会召开次数超过 0 次）")]
    [TestCase("已换届 and 有阵地 and 支委会次数 > 0", "按期换届 且 有固定活动阵地 且 支部委员会召开次数超过 0 次")]
    [TestCase("(已换届 or 有阵地) or 支委会次数 > 0", "按期换届 或 有固定活动阵地 或 支部委员会召开次数超过 0 次")]
    public void AndOr_MixedAreParenthesised(string expression, string expected) => Assert.That(Render(expression), Is.EqualTo(expected));

    [TestCase("(支委会次数 + 党课次数) * 2", "（支部委员会召开次数 + 党课次数） × 2")]
    [TestCase("支委会次数 + 党课次数 * 2", "支部委员会召开次数 + 党课次数 × 2")]
    [TestCase("支委会次数 - (党课次数 - 1)", "支部委员会召开次数 − （党课次数 − 1）")]
    [TestCase("支委会次数 - 党课次数 - 1", "支部委员会召开次数 − 党课次数 − 1")]
    [TestCase("支委会次数 + (党课次数 + 1)", "支部委员会召开次数 + 党课次数 + 1")]
    [TestCase("得分 / (支委会次数 * 2)", "考核得分 ÷ （支部委员会召开次数 × 2）")]
    [TestCase("-(得分 + 1)", "−（考核得分 + 1）")]
    [TestCase("-得分", "−考核得分")]
    public void Arithmetic_KeepsPrecedenceWithParentheses(string expression, string expected) => Assert.That(Render(expression), Is.EqualTo(expected));

    [TestCase("max(支委会次数 - 党课次数, 0)", "（支部委员会召开次数 − 党课次数）与 0 中的较大者")]
    [TestCase("min(支委会次数, 党课次数, 3)", "支部委员会召开次数、党课次数、3 中的最小者")]
    [TestCase("min(得分, 100) * 2", "（考核得分与 100 中的较小者） × 2")]
    [TestCase("min(得分, 100) >= 60", "考核得分与 100 中的较小者不低于 60 分")]
    [TestCase("clamp(得分, 0, 100)", "考核得分限定在 0 至 100 之间")]
    [TestCase("abs(得分 - 60)", "（考核得分 − 60）的绝对值")]
    [TestCase("round(得分)", "考核得分四舍五入取整")]
    [TestCase("round(满意度 * 100, 1)", "（群众满意度 × 100）四舍五入保留 1 位小数")]
    [TestCase("floor(得分)", "考核得分向下取整")]
    [TestCase("ceil(得分)", "考核得分向上取整")]
    [TestCase("monthsBetween(换届日期, date('2025-01-01')) > 36", "从换届日期到 2025-01-01 的整月数超过 36 个月")]
    [TestCase("daysBetween(换届日期, date('2025-01-01'))", "从换届日期到 2025-01-01 的天数")]
    [TestCase("year(换届日期) == 2024", "换届日期的年份等于 2024")]
    [TestCase("month(换届日期)", "换届日期的月份")]
    public void Functions_AreNamedInWords(string expression, string expected) => Assert.That(Render(expression), Is.EqualTo(expected));

    [TestCase("count(党员)", "党员的个数")]
    [TestCase("count(党员, 受处分) == 0", "党员中受处分的个数等于 0 个")]
    [TestCase("count(党员, 年龄 < 35 and 受处分)", "党员中（年龄少于 35 岁 且 受处分）的个数")]
    [TestCase("sum(党员, 年龄)", "党员的年龄之和")]
    [TestCase("avg(党员, 年龄)", "党员的年龄平均值")]
    [TestCase("max(党员, 年龄)", "党员中年龄的最大值")]
    [TestCase("min(党员, 年龄)", "党员中年龄的最小值")]
    [TestCase("any(党员, 受处分)", "党员中至少有一个受处分")]
    [TestCase("all(党员, 年龄 >= 18)", "党员全部年龄不少于 18 岁")]
    public void Aggregations_AreNamedInWords(string expression, string expected) => Assert.That(Render(expression), Is.EqualTo(expected));

    [TestCase("if 已换届 then 10 else 0", "若 按期换届，则 10；否则 0")]
    [TestCase("if 得分 >= 90 then 3 else if 得分 >= 60 then 2 else 1", "若 考核得分不低于 90 分，则 3；否则若 考核得分不低于 60 分，则 2；否则 1")]
    [TestCase("(if 已换届 then 10 else 0) + 5", "（若 按期换届，则 10；否则 0） + 5")]
    public void Conditional_IsIfThenOtherwise(string expression, string expected) => Assert.That(Render(expression), Is.EqualTo(expected));

    [Test]
    public void NodeKinds_EveryBoundNodeKindIsHandled()
    {
        var kinds = typeof(BoundExpression).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BoundExpression)) && !t.IsAbstract)
            .ToList();

        Assert.That(kinds, Is.Not.Empty);
        Assert.That(ExpressionWords.NodeKinds, Is.SupersetOf(kinds), "a bound node kind the rule book cannot describe");
    }

    [Test]
    public void Functions_EveryBuiltinFunctionIsNamed()
    {
        var words = WordsOf(Words.Value);
        foreach (var function in Enum.GetValues<BuiltinFunction>())
        {
            var argument = new BoundLiteral(ExprType.Integer, 3, 0, 0);
            var arguments = function switch
            {
                BuiltinFunction.Clamp => new BoundExpression[] { argument, argument, argument },
                BuiltinFunction.Min or BuiltinFunction.Max or BuiltinFunction.DaysBetween or BuiltinFunction.MonthsBetween => [argument, argument],
                _ => [argument],
            };
            var call = new BoundCall(function, arguments, 1, ExprType.Number, 0, 0);

            Assert.That(() => words.Render(new CheckedExpression("", call, [])), Throws.Nothing, function.ToString());
        }
    }

    [Test]
    public void ShippedSchemes_EveryExpressionIsPutIntoWords()
    {
        foreach (var scheme in SchemeCatalogue.Shipped.All)
        {
            var words = WordsOf(scheme);
            var expressions = ShippedExpressions.Of(scheme).ToList();
            Assert.That(expressions, Is.Not.Empty, scheme.Id);
            foreach (var (text, expression) in expressions)
            {
                var unhandled = BoundTree.Descendants(expression.Bound).Select(n => n.GetType()).Where(t => !ExpressionWords.NodeKinds.Contains(t)).ToList();
                Assert.That(unhandled, Is.Empty, $"{scheme.Id}: {text}");

                var rendered = words.Render(expression);
                Assert.That(rendered, Is.Not.Empty, $"{scheme.Id}: {text}");
                Assert.That(rendered, Does.Not.Contain("==").And.Not.Contain(">=").And.Not.Contain("<").And.Not.Contain(" and ").And.Not.Contain(" or ").And.Not.Contain("not "),
                    $"{scheme.Id}: {text} → {rendered}");
            }
        }
    }

    private static string Render(string expression)
    {
        var scheme = Words.Value;
        var errors = new List<ExpressionError>();
        var checkedExpression = ExpressionChecker.Check(expression, scheme.Model.Scope, null, ExpressionLimits.Default, errors);
        Assert.That(errors, Is.Empty, expression);
        return WordsOf(scheme).Render(checkedExpression!);
    }

    private static ExpressionWords WordsOf(GradingScheme scheme) => SchemeBookBuilder.WordsOf(scheme);
}
