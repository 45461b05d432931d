using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch.Stages;

public sealed class IndexStageTests
{
    [Test]
    public void Run_AcceptsEachIdOnce_AndRejectsMissingDuplicateAndMalformedRows()
    {
        using var test = new StageTestContext("""
            组织编号,组织名称,省,市,县
            A1,甲,示例省,青岚市,东湖区
            ,乙,示例省,青岚市,东湖区
            A2,丙,示例省,青岚市,西山县
            A1,丁,别的省,远方市,远方县
            A3,"戊,示例省,青岚市,东湖区
            """);

        var (index, file) = IndexStage.Run(test.Context);

        Assert.Multiple(() =>
        {
            Assert.That(index.Count, Is.EqualTo(2));
            Assert.That(index.IdOf(0), Is.EqualTo("A1"));
            Assert.That(index.LineOf(1), Is.EqualTo(4));
            Assert.That(index.OrdinalOf("A2"), Is.EqualTo(1));
            Assert.That(index.OrdinalOf("A9"), Is.EqualTo(-1));
            Assert.That(index.RegionPath(1), Is.EqualTo("示例省/青岚市/西山县"));

            // The duplicate's region values are not the province's: they were never taken into the index.
            Assert.That(index.Province, Is.EqualTo("示例省"));
            Assert.That(file.Rows, Is.EqualTo(5));
            Assert.That(file.Rejected, Is.EqualTo(3));
            Assert.That(test.ErrorLines, Has.Length.EqualTo(4)); // header and three rows
            Assert.That(test.ErrorLines[1], Does.Contain("缺少组织编号"));
            Assert.That(test.ErrorLines[2], Does.Contain("重复，首次出现在第 2 行"));
        });
    }

    [Test]
    public void Run_GroupsByRegion_InOrderOfFirstAppearance()
    {
        using var test = new StageTestContext("""
            组织编号,省,市,县
            B1,示例省,青岚市,西山县
            B2,示例省,青岚市,东湖区
            B3,示例省,青岚市,西山县
            B4,示例省,青岚市,
            """);

        var (index, _) = IndexStage.Run(test.Context);
        var groups = index.Groups("县", _ => true);

        Assert.Multiple(() =>
        {
            Assert.That(groups.Select(g => g.Select(index.IdOf)), Is.EqualTo(new[] { new[] { "B1", "B3" }, ["B2"], ["B4"] }));
            Assert.That(index.GroupName("县", 3), Is.EqualTo("示例省青岚市（未填）"));
            Assert.That(index.Groups("县", o => o != 0).Select(g => g.Select(index.IdOf)), Is.EqualTo(new[] { new[] { "B2" }, ["B3"], ["B4"] }));
        });
    }
}
