using GradingEngine.Diagnostics;
using static GradingEngine.Tests.Engine.SchemeSnippets;

namespace GradingEngine.Tests.Engine;

/// <summary>A diagnostic shows a window of a long expression around the problem, never the whole of it.</summary>
public class DiagnosticExcerptTests
{
    [Test]
    public void TryParse_ExpressionOfHundredsOfKilobytes_ExcerptIsAWindowAroundTheColumn()
    {
        var expression = string.Concat(Enumerable.Repeat("支委会次数 + ", 50_000)) + "1";
        var json = Member($"  \"inputs\": [ {{ \"id\": \"支委会次数\", \"type\": \"integer\" }} ],\n  \"values\": [ {{ \"id\": \"v\", \"expr\": \"{expression}\" }} ]");

        var d = Problems(json).Single();

        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.ExpressionTooComplex));
        Assert.That(d.ToString().Length, Is.LessThan(1000), d.ToString()[..Math.Min(2000, d.ToString().Length)]);
        var lines = d.Excerpt!.Split(Environment.NewLine);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("    ...").And.EndWith("..."));
        Assert.That(lines[1].TrimEnd(), Does.EndWith("^"));
    }

    [Test]
    public void Make_LongText_CaretsUnderTheSpanInsideTheWindow()
    {
        var text = new string('a', 500) + "未定义" + new string('b', 500);

        var excerpt = Excerpt.Make(text, 500, 3);

        var lines = excerpt.Split(Environment.NewLine);
        var caret = lines[1].IndexOf('^', StringComparison.Ordinal);
        Assert.That(lines[0].Length, Is.LessThan(Excerpt.MaxShown + 20));
        Assert.That(lines[0][caret..], Does.StartWith("未定义"), "a CJK character is two columns wide, so the caret line is aligned by display width");
        Assert.That(lines[1].Trim(), Is.EqualTo("^^^^^^"));
    }

    [Test]
    public void Make_ShortText_Unchanged()
    {
        Assert.That(Excerpt.Make("x + 未定义", 4, 3), Is.EqualTo("    x + 未定义" + Environment.NewLine + "        ^^^^^^"));
    }

    [Test]
    public void TryParse_HugeWordAndHugePropertyName_MessagesAndPathsStayShort()
    {
        var word = new string('词', 300_000);
        var json = "{ \"id\": \"t\", \"name\": \"测试\", \"subject\": \"" + word + "\", \"" + word + "\": 1, \"levels\": [ { \"id\": \"合格\" } ] }";

        var problems = Problems(json);

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems.Select(p => p.ToString().Length), Has.All.LessThan(1000));
    }
}
