using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

public class InputBindingTests
{
    private static GradingScheme Scheme => ExampleScheme.Scheme;

    [Test]
    public void TryGrade_EveryKindOfBadValue_AllReportedWithTheirFields()
    {
        var input = ExampleScheme.Perfect()
            .With("支委会次数", "七")              // not a number
            .With("党课次数", 2.5)                 // not whole
            .With("书记空缺月数", 500)              // out of range
            .With("类型", "学校")                  // not an allowed value
            .With("换届日期", "2025-13-01")        // not a date
            .With("颜色", "红");                   // unknown field
        ((List<object?>)input["党员"]!).Add(new Dictionary<string, object?> { ["处分"] = "也许" });

        var ok = Scheme.TryGrade(input, out var result, out var problems);

        Assert.That(ok, Is.False);
        Assert.That(result, Is.Null);
        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "支委会次数", "党课次数", "书记空缺月数", "类型", "换届日期", "颜色", "党员[3].处分",
        }), string.Join(Environment.NewLine, problems));
    }

    [Test]
    public void Grade_MissingRequiredValue_ThrowsNamingTheLabel()
    {
        var input = ExampleScheme.Perfect();
        input.Remove("支委会次数");

        var ex = Assert.Throws<SubjectInputException>(() => Scheme.Grade(input));

        Assert.That(ex!.SubjectId, Is.EqualTo("B001"));
        Assert.That(ex.Problems.Single().Field, Is.EqualTo("支委会次数"));
        Assert.That(ex.Problems.Single().Message, Does.Contain("支部委员会召开次数"));
    }

    [Test]
    public void TryGrade_UnknownFieldCloseToAKnownOne_Suggested()
    {
        var input = ExampleScheme.Perfect().With("支委会次", 3);

        Scheme.TryGrade(input, out _, out var problems);

        Assert.That(problems.Single().Message, Does.Contain("支委会次数"));
    }

    [Test]
    public void TryGrade_UnknownRater_Reported()
    {
        var input = ExampleScheme.Perfect()
            .With("班子评价", new Dictionary<string, object?> { ["自评"] = 90, ["群众评"] = 90, ["领导评"] = 90, ["上级评"] = 1 });

        Scheme.TryGrade(input, out _, out var problems);

        Assert.That(problems.Single().Field, Is.EqualTo("班子评价.上级评"));
    }

    [Test]
    public void Grade_TextCellsAsFromACsvFile_Converted()
    {
        var input = ExampleScheme.Perfect()
            .With("支委会次数", "10")
            .With("有活动阵地", "否")
            .With("换届日期", "2021/3/1");

        var result = Scheme.Grade(input);

        Assert.That(result.Item("支委会").Score, Is.EqualTo(10));
        Assert.That(result.Item("阵地").Score, Is.EqualTo(0));
        Assert.That(result.Item("组织生活").Score, Is.EqualTo(13));
    }

    [Test]
    public void Grade_DefaultsFillAbsentOptionalInputs()
    {
        var result = Scheme.Grade(new Dictionary<string, object?>
        {
            ["支委会次数"] = 12,
            ["班子评价.自评"] = 100,
            ["班子评价.群众评"] = 100,
            ["班子评价.领导评"] = 100,
        });

        Assert.That(result.Total, Is.EqualTo(100));
        Assert.That(result.SubjectId, Is.Null);
    }
}
