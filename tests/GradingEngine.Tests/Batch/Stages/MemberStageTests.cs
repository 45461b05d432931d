using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch.Stages;

public sealed class MemberStageTests
{
    [Test]
    public void GroupByOrganisation_KeepsFileOrderWithinEachOrganisation()
    {
        int[] organisationOf = [2, 0, 2, 1, 0, 2];

        var (start, order) = MemberStage.GroupByOrganisation(organisationOf, 4);

        Assert.Multiple(() =>
        {
            Assert.That(start, Is.EqualTo(new[] { 0, 2, 3, 6, 6 }));
            Assert.That(order, Is.EqualTo(new[] { 1, 4, 3, 0, 2, 5 }));
        });
    }
}
