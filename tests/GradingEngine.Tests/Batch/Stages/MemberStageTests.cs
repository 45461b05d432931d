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

    [Test]
    public void MemberGrouping_MembersListedTogether_KeepsOnlyTheRuns()
    {
        var grouping = new MemberGrouping(4);
        foreach (var ordinal in new[] { 2, 2, 0, 3, 3, 3 })
        {
            grouping.Add(ordinal);
        }

        Assert.That(grouping.InRuns, Is.True);
        Assert.That(Members(grouping.Build(), 4), Is.EqualTo(new[] { new[] { 2 }, [], [0, 1], [3, 4, 5] }));
    }

    [TestCase(new[] { 2, 0, 2, 1, 0, 2 })]
    [TestCase(new[] { 1, 1, 0, 0, 1, 3, 3, 0 })]
    [TestCase(new[] { 0, 1, 0 })]
    public void MemberGrouping_AnOrganisationComingBack_GroupsAsTheCountingSortDoes(int[] organisationOf)
    {
        var grouping = new MemberGrouping(4);
        grouping.Expect(2);
        foreach (var ordinal in organisationOf)
        {
            grouping.Add(ordinal);
        }

        var (start, order) = MemberStage.GroupByOrganisation(organisationOf, 4);
        var expected = Enumerable.Range(0, 4).Select(o => order[start[o]..start[o + 1]]).ToArray();

        Assert.That(grouping.InRuns, Is.False);
        Assert.That(Members(grouping.Build(), 4), Is.EqualTo(expected));
    }

    private static int[][] Members((int[] First, int[] Count, int[]? Order) members, int organisations) =>
        [.. Enumerable.Range(0, organisations).Select(o => Enumerable.Range(members.First[o], members.Count[o])
            .Select(p => members.Order is null ? p : members.Order[p]).ToArray())];
}
