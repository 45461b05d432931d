using System.Linq.Expressions;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

public class MessageTemplateTests
{
    private static CheckedTemplate Check(string template)
    {
        var errors = new List<ExpressionError>();
        var t = MessageTemplate.Check(template, Schema.Top, ExpressionLimits.Default, errors);
        Assert.That(errors, Is.Empty, () => string.Join(Environment.NewLine, errors));
        return t!;
    }

    private static List<ExpressionError> Errors(string template)
    {
        var errors = new List<ExpressionError>();
        Assert.That(MessageTemplate.Check(template, Schema.Top, ExpressionLimits.Default, errors), Is.Null);
        return errors;
    }

    /// <summary>Renders through the compiled expression and the interpreter; asserts both agree.</summary>
    private static string Render(string template, FactFrame frame)
    {
        var t = Check(template);
        var parameter = Expression.Parameter(typeof(FactFrame), "frame");
        var body = MessageTemplate.Emit(t, parameter);
        Assert.That(body.Type, Is.EqualTo(typeof(string)));
        var compiled = Expression.Lambda<Func<FactFrame, string>>(body, parameter).Compile()(frame);
        var interpreted = MessageTemplate.Evaluate(t, frame);
        Assert.That(compiled, Is.EqualTo(interpreted));
        return compiled;
    }

    [Test]
    public void Render_IntegerPart_IsFormatted()
    {
        var frame = Schema.NewFrame();
        frame.Set("支部委员会次数", 5);
        Assert.That(Render("支部委员会仅召开{支部委员会次数}次，应召开12次", frame), Is.EqualTo("支部委员会仅召开5次，应召开12次"));
    }

    [Test]
    public void Render_EveryType_UsesTheValueFormatter()
    {
        var frame = Schema.NewFrame();
        frame.Set("出勤率", 0.92);
        frame.Set("b", true);
        frame.Set("书记姓名", "王芳");
        frame.Set("等级", 1);
        frame.Set("成立日期", Schema.Day("2024-06-30"));
        frame.SetMembers(Schema.NewMember(90), Schema.NewMember(81));
        var text = Render("{出勤率}|{b}|{书记姓名}|{等级}|{成立日期}|{avg(党员, 得分)}|{count(党员)}|{1 / 3}|{x > 1}", frame);
        Assert.That(text, Is.EqualTo("0.92|是|王芳|较好|2024-06-30|85.5|2|0.3333|否"));
    }

    [Test]
    public void Render_DoubledBraces_AreLiteral()
    {
        var frame = Schema.NewFrame();
        frame.Set("n", 3);
        Assert.That(Render("{{n}} = {n}，集合 {{1}}", frame), Is.EqualTo("{n} = 3，集合 {1}"));
    }

    [Test]
    public void Render_BraceInsideQuotedText_DoesNotCloseThePart()
    {
        var frame = Schema.NewFrame();
        frame.Set("b", true);
        Assert.That(Render("[{if b then '}' else “{”}]", frame), Is.EqualTo("[}]"));
    }

    [Test]
    public void Render_NoExpressions_IsTheLiteral()
    {
        Assert.That(Render("没有变量", Schema.NewFrame()), Is.EqualTo("没有变量"));
        Assert.That(Render(string.Empty, Schema.NewFrame()), Is.EqualTo(string.Empty));
    }

    [Test]
    public void Render_ManyParts_Concatenates()
    {
        var frame = Schema.NewFrame();
        frame.Set("n", 1);
        frame.Set("x", 2.5);
        Assert.That(Render("a{n}b{x}c{n + x}d{n * 2}e{x * 2}f", frame), Is.EqualTo("a1b2.5c3.5d2e5f"));
        Assert.That(Render("{n}{n}", frame), Is.EqualTo("11"));
        Assert.That(Render("{n}", frame), Is.EqualTo("1"));
    }

    [Test]
    public void Check_Reads_AreDistinctAcrossPartsInOrder()
    {
        var t = Check("{x}与{政治素质好.自评}，{x + n}，{count(党员)}");
        Assert.That(t.Reads.Select(s => s.Name), Is.EqualTo(new[] { "x", "自评", "n", "党员" }));
        Assert.That(t.Text, Is.EqualTo("{x}与{政治素质好.自评}，{x + n}，{count(党员)}"));
    }

    [Test]
    public void Check_ErrorsInParts_HaveOffsetsInTheWholeTemplate()
    {
        var errors = Errors("召开{三会一可次数}次，{x + b}");
        Assert.That(errors.Select(e => (e.Code, e.Start, e.Length)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.UndefinedName, 3, 6),
            (DiagnosticCodes.TypeMismatch, 17, 1),
        }));
    }

    [Test]
    public void Check_SyntaxErrorInPart_HasTemplateOffset()
    {
        var error = Errors("值为{x + }").Single();
        Kit.AssertError(error, DiagnosticCodes.ExpressionSyntax, 5, 1);
    }

    [Test]
    public void Check_UnmatchedCloseBrace_ReportsGE3001()
    {
        var error = Errors("多余}的括号").Single();
        Kit.AssertError(error, DiagnosticCodes.ExpressionSyntax, 2, 1);
        Assert.That(error.Message, Does.Contain("'}}'"));
    }

    [Test]
    public void Check_UnclosedOpenBrace_ReportsGE3001AtTheBrace()
    {
        Kit.AssertError(Errors("共{n 次").Single(), DiagnosticCodes.ExpressionSyntax, 1, 1);
        Kit.AssertError(Errors("共{'}次").Single(), DiagnosticCodes.ExpressionSyntax, 1, 1);
    }

    [Test]
    public void Check_EmptyBraces_ReportsGE3001()
    {
        Kit.AssertError(Errors("空{ }").Single(), DiagnosticCodes.ExpressionSyntax, 1, 3);
    }

    [Test]
    public void Check_ListOrRecordPart_ReportsGE3003()
    {
        Assert.That(Errors("{党员}").Single().Code, Is.EqualTo(DiagnosticCodes.TypeMismatch));
        Assert.That(Errors("{政治素质好}").Single().Start, Is.EqualTo(1));
    }
}
