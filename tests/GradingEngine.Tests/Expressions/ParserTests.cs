using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Syntax;

namespace GradingEngine.Tests.Expressions;

public class ParserTests
{
    private static string Parse(string text)
    {
        var errors = new List<ExpressionError>();
        var node = Parser.Parse(text, ExpressionLimits.Default, errors);
        Assert.That(errors, Is.Empty, () => string.Join(Environment.NewLine, errors));
        return SyntaxPrinter.Print(node!);
    }

    private static ExpressionError ParseError(string text)
    {
        var errors = new List<ExpressionError>();
        var node = Parser.Parse(text, ExpressionLimits.Default, errors);
        Assert.That(node, Is.Null);
        Assert.That(errors, Has.Count.EqualTo(1), () => string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    [TestCase("1 + 2 * 3", "(Add 1 (Multiply 2 3))")]
    [TestCase("1 * 2 + 3", "(Add (Multiply 1 2) 3)")]
    [TestCase("1 - 2 - 3", "(Subtract (Subtract 1 2) 3)")]
    [TestCase("1 / 2 / 3", "(Divide (Divide 1 2) 3)")]
    [TestCase("(1 + 2) * 3", "(Multiply (Add 1 2) 3)")]
    [TestCase("-x * 2", "(Multiply (- x) 2)")]
    [TestCase("- - x", "(- (- x))")]
    [TestCase("a or b and c", "(Or a (And b c))")]
    [TestCase("a || b && c", "(Or a (And b c))")]
    [TestCase("not a and b", "(And (not a) b)")]
    [TestCase("!a == b", "(not (Equal a b))")]
    [TestCase("not not a", "(not (not a))")]
    [TestCase("x + 1 > y * 2", "(Greater (Add x 1) (Multiply y 2))")]
    [TestCase("x = 1", "(Equal x 1)")]
    [TestCase("x <> 1", "(NotEqual x 1)")]
    [TestCase("x >= 1 and x <= 5", "(And (GreaterOrEqual x 1) (LessOrEqual x 5))")]
    public void Parse_Operators_FollowPrecedence(string text, string expected)
    {
        Assert.That(Parse(text), Is.EqualTo(expected));
    }

    [Test]
    public void Parse_BetweenFollowedByAnd_BindsBoundsAtAdditiveLevel()
    {
        Assert.That(Parse("x between 1 and 5 and b"), Is.EqualTo("(And (between x 1 5) b)"));
        Assert.That(Parse("x between y - 1 and y + 1"), Is.EqualTo("(between x (Subtract y 1) (Add y 1))"));
    }

    [Test]
    public void Parse_InAndNotIn_ParseLists()
    {
        Assert.That(Parse("等级 in ['好', '较好']"), Is.EqualTo("(in 等级 ['好' '较好'])"));
        Assert.That(Parse("等级 not in ['较差'] or b"), Is.EqualTo("(Or (notin 等级 ['较差']) b)"));
    }

    [Test]
    public void Parse_IfThenElse_ElseExtendsToTheEnd()
    {
        Assert.That(Parse("if b then 1 else 2 + 3"), Is.EqualTo("(if b 1 (Add 2 3))"));
        Assert.That(Parse("10 * if b then 1 else 2"), Is.EqualTo("(Multiply 10 (if b 1 2))"));
        Assert.That(Parse("if a then 1 else if b then 2 else 3"), Is.EqualTo("(if a 1 (if b 2 3))"));
    }

    [Test]
    public void Parse_CallsAndMembers_Parse()
    {
        Assert.That(Parse("max(政治素质好.自评, 1, 2)"), Is.EqualTo("max(政治素质好.自评 1 2)"));
        Assert.That(Parse("count(党员)"), Is.EqualTo("count(党员)"));
        Assert.That(Parse("f()"), Is.EqualTo("f()"));
        Assert.That(Parse("a.b.c"), Is.EqualTo("a.b.c"));
    }

    [Test]
    public void Parse_FullWidthInput_ParsesLikeAscii()
    {
        Assert.That(Parse("max（x，１２）＞＝１０　and　b"), Is.EqualTo("(And (GreaterOrEqual max(x 12) 10) b)"));
    }

    [Test]
    public void Parse_Literals_KeepTheirKinds()
    {
        Assert.That(Parse("90%"), Is.EqualTo("0.9d"));
        Assert.That(Parse("“好”"), Is.EqualTo("'好'"));
        Assert.That(Parse("TRUE"), Is.EqualTo("true"));
    }

    [Test]
    public void Parse_Spans_AreOffsetsInTheOriginalText()
    {
        var errors = new List<ExpressionError>();
        var node = (BinarySyntax)Parser.Parse("（x + y） * 2", ExpressionLimits.Default, errors)!;
        Assert.That((node.Start, node.Length), Is.EqualTo((1, 10)));
        Assert.That((node.OperatorStart, node.OperatorLength), Is.EqualTo((8, 1)));
        Assert.That((node.Left.Start, node.Left.Length), Is.EqualTo((1, 5)));
    }

    [TestCase("", 0, 0)]
    [TestCase("   ", 0, 3)]
    [TestCase("1 +", 2, 1)]
    [TestCase("(1 + 2", 0, 1)]
    [TestCase("max(1, 2", 3, 1)]
    [TestCase("1 + 2)", 5, 1)]
    [TestCase("1 + 2 3", 6, 1)]
    [TestCase("(1 2)", 3, 1)]
    [TestCase("1 + * 2", 4, 1)]
    [TestCase("1 < x < 5", 6, 1)]
    [TestCase("x in []", 5, 2)]
    [TestCase("x in 1", 5, 1)]
    [TestCase("x in [1, 2", 5, 1)]
    [TestCase("x in [1 2]", 8, 1)]
    [TestCase("x between 1 or 5", 12, 2)]
    [TestCase("x between 1", 2, 7)]
    [TestCase("if b 1 else 2", 5, 1)]
    [TestCase("if b then 1", 0, 2)]
    [TestCase("if b then 1 2", 12, 1)]
    [TestCase("a.", 1, 1)]
    [TestCase("a.1", 2, 1)]
    [TestCase("max(1,)", 6, 1)]
    [TestCase("max(1 2)", 6, 1)]
    [TestCase("+1", 0, 1)]
    [TestCase("[1]", 0, 1)]
    [TestCase("x not 1", 2, 3)]
    public void Parse_SyntaxError_ReportsGE3001AtTheOffendingToken(string text, int start, int length)
    {
        var error = ParseError(text);
        Kit.AssertError(error, DiagnosticCodes.ExpressionSyntax, start, length);
        Assert.That(error.Message, Does.Match(@"^[^\x00-\x7F].*\(.*\)$"), "Chinese first, English gloss in parentheses");
    }

    [Test]
    public void Parse_UnclosedParenthesis_SaysUnclosed()
    {
        Assert.That(ParseError("(1 + 2").Message, Does.Contain("unclosed '('"));
    }

    [Test]
    public void Parse_MissingThen_SaysThen()
    {
        Assert.That(ParseError("if b else 2").Message, Does.Contain("'then'"));
    }

    [Test]
    public void Parse_ChainedComparison_SuggestsAndOrBetween()
    {
        Assert.That(ParseError("1 < x < 5").Message, Does.Contain("between"));
    }

    [Test]
    public void Parse_LexicalErrors_AreAllReportedAndParsingIsSkipped()
    {
        var errors = new List<ExpressionError>();
        var node = Parser.Parse("x # + 'abc", ExpressionLimits.Default, errors);
        Assert.That(node, Is.Null);
        Assert.That(errors.Select(e => e.Start), Is.EqualTo(new[] { 2, 6 }));
    }
}
