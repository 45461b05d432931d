using System.Text;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;

namespace GradingEngine.Tests.Expressions;

public class LimitsTests
{
    private static readonly ExpressionLimits LongText = new(MaxLength: int.MaxValue);

    private static ExpressionError SingleError(string text, ExpressionLimits limits)
    {
        var errors = new List<ExpressionError>();
        var result = ExpressionChecker.Check(text, Schema.Top, null, limits, errors);
        Assert.That(result, Is.Null);
        Assert.That(errors, Has.Count.EqualTo(1), () => string.Join(Environment.NewLine, errors.Take(5)));
        return errors[0];
    }

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    [Test]
    public void Default_Is2000CharactersAnd48Levels()
    {
        Assert.That(ExpressionLimits.Default.MaxLength, Is.EqualTo(2000));
        Assert.That(ExpressionLimits.Default.MaxDepth, Is.EqualTo(48));
    }

    [TestCase(0, 48)]
    [TestCase(100, 0)]
    [TestCase(100, ExpressionLimits.HardMaxDepth + 1)]
    public void Constructor_OutOfRange_Throws(int maxLength, int maxDepth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ExpressionLimits(maxLength, maxDepth));
    }

    [Test]
    public void With_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = ExpressionLimits.Default with { MaxDepth = 100_000 });
    }

    [Test]
    public void Check_100000Characters_ReportsGE3005FromTheLimitOn()
    {
        var text = "x" + Repeat("+x", 49_999) + "+";
        Assert.That(text.Length, Is.EqualTo(100_000));
        var error = SingleError(text, ExpressionLimits.Default);
        Kit.AssertError(error, DiagnosticCodes.ExpressionTooComplex, 2000, 98_000);
        Assert.That(error.Message, Does.Contain("100000 characters, the limit is 2000"));
    }

    [Test]
    public void Check_ExactlyMaxLength_IsAccepted()
    {
        var text = "x" + Repeat(" ", 1999);
        Assert.That(Kit.Check(text).Type, Is.SameAs(ExprType.Number));
    }

    [Test]
    public void Check_LongLeftAssociativeChain_ReportsGE3005NotStackOverflow()
    {
        var text = "x" + Repeat("+x", 50_000);
        var error = SingleError(text, LongText);
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.ExpressionTooComplex));
        Assert.That(error.Start, Is.EqualTo(0));
        Assert.That(error.Message, Does.Contain("limit is 48 levels"));
    }

    [TestCase("x", " and x", "b")]
    [TestCase("x", " or x", "b")]
    [TestCase("x", " * x", "x")]
    [TestCase("x", ".x", "x")]
    public void Check_LongChainOfAnyOperator_ReportsGE3005(string first, string link, string _)
    {
        var error = SingleError(first + Repeat(link, 20_000), LongText);
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.ExpressionTooComplex));
    }

    [Test]
    public void Check_10000NestedParenthesesWithDefaultLimits_ReportsLength()
    {
        var text = Repeat("(", 10_000) + "x" + Repeat(")", 10_000);
        var error = SingleError(text, ExpressionLimits.Default);
        Kit.AssertError(error, DiagnosticCodes.ExpressionTooComplex, 2000, 18_001);
    }

    [TestCase("(", "x", ")")]
    [TestCase("abs(", "x", ")")]
    [TestCase("-", "x", "")]
    [TestCase("not ", "b", "")]
    [TestCase("!", "b", "")]
    [TestCase("if b then 1 else ", "2", "")]
    [TestCase("sum(党员, ", "得分", ")")]
    [TestCase("[", "x", "]")]
    public void Check_10000NestedLevels_ReportsGE3005NotStackOverflow(string open, string middle, string close)
    {
        var text = Repeat(open, 10_000) + middle + Repeat(close, 10_000);
        var errors = new List<ExpressionError>();
        Assert.That(ExpressionChecker.Check(text, Schema.Top, null, LongText, errors), Is.Null);
        Assert.That(errors, Is.Not.Empty);
        if (open != "[")
        {
            Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.ExpressionTooComplex }));
            Assert.That(errors[0].Start, Is.InRange(40 * open.Length, 50 * open.Length), "stops near level 48");
        }
    }

    [Test]
    public void Check_NestingAtTheLimit_IsAcceptedAndOneMoreIsNot()
    {
        var atLimit = Repeat("(", 47) + "x" + Repeat(")", 47);
        Assert.That(Kit.Number(atLimit), Is.EqualTo(0));
        var over = Repeat("(", 48) + "x" + Repeat(")", 48);
        Assert.That(SingleError(over, ExpressionLimits.Default).Code, Is.EqualTo(DiagnosticCodes.ExpressionTooComplex));
    }

    [Test]
    public void Check_TreeDepthAtTheLimit_IsAcceptedAndOneMoreIsNot()
    {
        var atLimit = "n" + Repeat("+n", 47);
        var frame = Schema.NewFrame();
        frame.Set("n", 2);
        Assert.That(Kit.Number(atLimit, frame), Is.EqualTo(96));
        var over = "n" + Repeat("+n", 48);
        var error = SingleError(over, ExpressionLimits.Default);
        Kit.AssertError(error, DiagnosticCodes.ExpressionTooComplex, 0, over.Length);
    }

    [Test]
    public void Check_HardMaxDepth_DeepestTreeBindsCompilesAndInterprets()
    {
        var limits = new ExpressionLimits(MaxLength: 100_000, MaxDepth: ExpressionLimits.HardMaxDepth);
        var text = Repeat("abs(-", 120) + "n" + Repeat(")", 120) + Repeat(" + 1", 10);
        var errors = new List<ExpressionError>();
        var e = ExpressionChecker.Check(text, Schema.Top, null, limits, errors);
        Assert.That(errors, Is.Empty, () => string.Join(Environment.NewLine, errors));
        var frame = Schema.NewFrame();
        frame.Set("n", 5);
        Assert.That(Kit.Run(e!, frame).Number, Is.EqualTo(15));
    }

    [Test]
    public void MessageTemplate_TooLong_ReportsGE3005()
    {
        var errors = new List<ExpressionError>();
        var template = Repeat("很长的消息", 1000);
        Assert.That(MessageTemplate.Check(template, Schema.Top, ExpressionLimits.Default, errors), Is.Null);
        Kit.AssertError(errors.Single(), DiagnosticCodes.ExpressionTooComplex, 2000, 3000);
    }

    [Test]
    public void MessageTemplate_DeepExpression_ReportsGE3005AtTemplateOffset()
    {
        var errors = new List<ExpressionError>();
        var template = "值：{" + Repeat("(", 100) + "x" + Repeat(")", 100) + "}";
        Assert.That(MessageTemplate.Check(template, Schema.Top, ExpressionLimits.Default, errors), Is.Null);
        Assert.That(errors.Single().Code, Is.EqualTo(DiagnosticCodes.ExpressionTooComplex));
        Assert.That(errors.Single().Start, Is.GreaterThan(2));
    }
}
