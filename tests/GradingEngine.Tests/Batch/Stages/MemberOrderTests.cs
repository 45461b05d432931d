using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch.Stages;

public sealed class MemberOrderTests
{
    private const string Organisations = """
        组织编号,组织名称,省,市,县
        A1,甲,示例省,青岚市,东湖区
        A2,乙,示例省,青岚市,东湖区
        A3,丙,示例省,青岚市,西山县
        """;

    private static bool Grouped(string members)
    {
        using var test = new StageTestContext(Organisations, members: members);
        var (index, _) = IndexStage.Run(test.Context);
        return MemberOrder.GroupedByOrganisation(test.Context, index);
    }

    [Test]
    public void GroupedByOrganisation_EachOrganisationsMembersTogether_InAnyOrderOfOrganisations()
    {
        Assert.That(Grouped("""
            党员编号,组织编号
            m1,A3
            m2,A3
            m3,A1
            m4, A1
            m5,A2
            """), Is.True);
    }

    [Test]
    public void GroupedByOrganisation_RowsTheGradingRejects_DoNotSplitAGroup()
    {
        // An unknown organisation, a missing one and a malformed row between two of A1's members: all rejected by
        // the grading, so A1's accepted members still lie together.
        Assert.That(Grouped("""
            党员编号,组织编号
            m1,A1
            m2,A9
            m3,
            m4,"A2
            m5,A1
            m6,A2
            """), Is.True);
    }

    [Test]
    public void GroupedByOrganisation_AnOrganisationComingBack_IsNotGrouped()
    {
        Assert.That(Grouped("""
            党员编号,组织编号
            m1,A1
            m2,A2
            m3,A1
            """), Is.False);
    }
}
