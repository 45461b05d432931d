using GradingEngine.Batch.Pipeline;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Tests.Batch.Stages;

/// <summary>The quota of org-sanfenlei (一类 at most 30 % of a county, floor; by 总分, 群众评价, 党组织带头人, then id) applied to made-up first-pass results.</summary>
public sealed class BatchRulesStageTests
{
    private static readonly string[] Counties = ["东湖区", "东湖区", "东湖区", "东湖区", "西山县"];

    [TestCase(1)]
    [TestCase(4)]
    public void Apply_MovesOrganisationsBeyondTheQuota_RankedByKeysThenId(int threads)
    {
        var (index, results) = FirstPass(
            levels: [0, 0, 0, 1, 0],
            keys: [[95, 10, 5], [95, 10, 5], [96, 1, 1], [99, 9, 9], [90, 1, 1]]);
        var summaries = new List<BatchRuleSummary>();

        var outcome = BatchRulesStage.Apply(ProvinceFixture.Grader.OrganisationScheme.Model, index, results, summaries, threads);

        Assert.Multiple(() =>
        {
            // 东湖区: 4 organisations, floor(1.2) = 1 一类 allowed; ranked O4 (99, 二类), O3 (96), then O1 and O2
            // (95, 10, 5: by id). 西山县: one organisation, floor(0.3) = 0 allowed, so its 一类 goes too.
            Assert.That(Enumerable.Range(0, 5).Select(outcome.ImposedCap).ToArray(), Is.EqualTo(new[] { 1, 1, 0, 0, 1 }));
            Assert.That(outcome.QuotaNote(0), Does.Contain("示例省青岚市东湖区共 4 个党组织").And.Contain("排名第 3").And.Contain("由“一类”调为“二类”"));
            Assert.That(outcome.QuotaNote(1), Does.Contain("排名第 4"));
            Assert.That(outcome.QuotaNote(2), Is.Null);
            Assert.That(outcome.QuotaNote(3), Is.Null);
            Assert.That(outcome.QuotaNote(4), Does.Contain("示例省青岚市西山县共 1 个党组织").And.Contain("至多 0 个"));
            Assert.That(summaries[0].Groups, Is.EqualTo(2));
            Assert.That(summaries[0].Affected, Is.EqualTo(3));
        });
    }

    [Test]
    public void Apply_SameInputInAnotherFileOrder_GivesTheSameMoves()
    {
        var (index, results) = FirstPass(levels: [0, 0, 0, 0, 1], keys: [[80, 1, 1], [80, 1, 1], [80, 1, 1], [80, 1, 1], [0, 0, 0]]);
        var outcome = BatchRulesStage.Apply(ProvinceFixture.Grader.OrganisationScheme.Model, index, results, [], threads: 2);

        // All tied: the id decides, so O1 keeps 一类 whichever row came first.
        Assert.That(Enumerable.Range(0, 4).Select(outcome.ImposedCap).ToArray(), Is.EqualTo(new[] { 0, 1, 1, 1 }));
    }

    [Test]
    public void Apply_RejectedOrganisations_AreNeitherCountedNorMoved()
    {
        var (index, results) = FirstPass(levels: [0, 0, 0, 0, 0], keys: [[90, 1, 1], [80, 1, 1], [70, 1, 1], [60, 1, 1], [0, 0, 0]]);
        results.RejectedEarly[0] = true;
        var outcome = BatchRulesStage.Apply(ProvinceFixture.Grader.OrganisationScheme.Model, index, results, [], threads: 2);

        // Counted, O1 would make 东湖区 four organisations and let one keep 一类; without it three, and none may.
        Assert.That(Enumerable.Range(0, 4).Select(outcome.ImposedCap).ToArray(), Is.EqualTo(new[] { 0, 1, 1, 1 }));
        Assert.That(outcome.QuotaNote(2), Does.Contain("共 3 个党组织"));
    }

    [Test]
    public void Apply_CountiesOfOneNameInTwoCities_AreTwoGroups()
    {
        // 鼓楼区 of 青岚市 (O1, O2) and 鼓楼区 of 白沙市 (O3, O4): each 2 organisations, floor(0.6) = 0 一类 allowed in
        // either; one group of 4 would allow one and name one city for all four.
        var (index, results) = FirstPass(levels: [0, 0, 0, 0], keys: [[90, 1, 1], [80, 1, 1], [70, 1, 1], [60, 1, 1]],
            cities: ["青岚市", "青岚市", "白沙市", "白沙市"], counties: ["鼓楼区", "鼓楼区", "鼓楼区", "鼓楼区"]);
        var summaries = new List<BatchRuleSummary>();

        var outcome = BatchRulesStage.Apply(ProvinceFixture.Grader.OrganisationScheme.Model, index, results, summaries, threads: 2);

        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 4).Select(outcome.ImposedCap).ToArray(), Is.EqualTo(new[] { 1, 1, 1, 1 }));
            Assert.That(outcome.QuotaNote(0), Does.Contain("示例省青岚市鼓楼区共 2 个党组织"));
            Assert.That(outcome.QuotaNote(3), Does.Contain("示例省白沙市鼓楼区共 2 个党组织"));
            Assert.That(summaries[0].Groups, Is.EqualTo(2));
        });
    }

    private static (OrganisationIndex Index, OrganisationResults Results) FirstPass(int[] levels, double[][] keys, string[]? cities = null, string[]? counties = null)
    {
        var scheme = ProvinceFixture.Grader.OrganisationScheme.Model;
        var index = new OrganisationIndex(["省", "市", "县"], ["省", "市", "县"]);
        for (var o = 0; o < levels.Length; o++)
        {
            index.Add("O" + (o + 1), o + 2, [index.GroupValueId(0, "示例省"), index.GroupValueId(1, cities?[o] ?? "青岚市"), index.GroupValueId(2, (counties ?? Counties)[o])]);
        }

        var results = new OrganisationResults(scheme, levels.Length);
        Assert.That(results.RankSlots, Has.Count.EqualTo(3));
        for (var o = 0; o < levels.Length; o++)
        {
            results.Levels[o] = levels[o];
            for (var k = 0; k < 3; k++)
            {
                results.RankValues[(o * 3) + k] = keys[o][k];
            }
        }

        return (index, results);
    }
}
