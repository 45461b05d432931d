using GradingEngine.Batch.Output;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch.Stages;

public sealed class LastYearStageTests
{
    private const string Organisations = """
        组织编号,省,市,县
        A1,示例省,青岚市,东湖区
        A2,示例省,青岚市,东湖区
        A3,示例省,青岚市,东湖区
        """;

    [Test]
    public void Run_MatchesLevelsById_RejectsDuplicatesAndUnknownLevels_CountsTheUnmatched()
    {
        using var test = new StageTestContext(Organisations, """
            组织编号,等级
            A1,一类
            A2,四类
            A1,三类
            Z9,二类
            A3,三类
            Z9,一类
            A2,二类
            """);
        var (index, _) = IndexStage.Run(test.Context);

        var lastYear = LastYearStage.Run(test.Context, index, Run());

        Assert.Multiple(() =>
        {
            Assert.That(lastYear.Of(0), Is.EqualTo(0));
            Assert.That(lastYear.Of(1), Is.EqualTo(-1), "a level the scheme does not have is rejected, not guessed");
            Assert.That(lastYear.Of(2), Is.EqualTo(2));
            Assert.That(lastYear.Compare(0, 1), Is.EqualTo(("一类", "降级")));
            Assert.That(lastYear.Compare(2, 0), Is.EqualTo(("三类", "升级")));
            Assert.That(lastYear.Compare(2, 2), Is.EqualTo(("三类", "持平")));
            Assert.That(lastYear.Compare(1, 0), Is.EqualTo((string.Empty, string.Empty)));
            Assert.That(lastYear.File!.RowsRead, Is.EqualTo(7));
            Assert.That(lastYear.File.Reconciles, Is.True);
            Assert.That(lastYear.File!.Rejected, Is.EqualTo(4));
            Assert.That(lastYear.File!.Warnings.Single(), Does.StartWith("1 个上年党组织本年度未出现"));
            Assert.That(test.ErrorLines[1], Does.Contain("不是方案的等级"));
            Assert.That(test.ErrorLines[2], Does.Contain("重复，首次出现在第 2 行"));
            Assert.That(test.ErrorLines[3], Does.Contain("“Z9”重复，首次出现在第 5 行"), "an id not in this year's file is a duplicate too");
            Assert.That(test.ErrorLines[4], Does.Contain("“A2”重复，首次出现在第 3 行"), "the id was the rejected row's");
        });
    }

    [Test]
    public void Run_WithoutLastYear_ComparesNothing()
    {
        using var test = new StageTestContext(Organisations);
        var (index, _) = IndexStage.Run(test.Context);

        var lastYear = LastYearStage.Run(test.Context, index, Run());

        Assert.That(lastYear.File, Is.Null);
        Assert.That(lastYear.Compare(0, 0), Is.EqualTo((string.Empty, string.Empty)));
    }

    private static RunDescription Run() =>
        new(DateTimeOffset.Now, new DateOnly(2026, 12, 31), "示例省", "plan", [], [], ["省", "市", "县"]);
}
