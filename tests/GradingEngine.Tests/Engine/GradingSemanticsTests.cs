using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

/// <summary>The engine's semantics on the example scheme, on both back ends (the same assertions must hold on each).</summary>
[TestFixture("plan")]
[TestFixture("nrules")]
public class GradingSemanticsTests(string backEnd)
{
    private GradingScheme Scheme => backEnd == "nrules" ? ExampleScheme.Scheme.WithBackEnd(NRules.NRulesBackEnd.Instance) : ExampleScheme.Scheme;

    [Test]
    public void Grade_PerfectBranch_FullPointsAndTopLevel()
    {
        var result = Scheme.Grade(ExampleScheme.Perfect());

        Assert.That(result.Total, Is.EqualTo(100));
        Assert.That(result.Level!.Id, Is.EqualTo("好"));
        Assert.That(result.SubjectId, Is.EqualTo("B001"));
        Assert.That(result.Flags, Is.Empty);
        Assert.That(result.Measures, Is.Empty);
        Assert.That(result.Explanation!.Level.Decision, Is.EqualTo(LevelDecision.Threshold));
        Assert.That(result.Explanation.Level.ShortOfNextLevel, Is.Empty);
    }

    [Test]
    public void Grade_DeductStyleItem_DeductsPerMissingMeetingAndQuotesValuesInMeasure()
    {
        var result = Scheme.Grade(ExampleScheme.Perfect().With("支委会次数", 7));

        Assert.That(result.Item("支委会").Score, Is.EqualTo(7));
        Assert.That(result.Item("组织生活").Score, Is.EqualTo(15), "a parent is the sum of its sub-items");
        Assert.That(result.Total, Is.EqualTo(95));
        Assert.That(result.Measures.Select(m => m.Text), Is.EqualTo(new[] { "支部委员会全年召开7次（应12次），扣5分" }));
        var fired = result.Explanation!.FiredRules.Single(r => r.RuleId == "支委会不足");
        Assert.That(fired.Effects[0].Points, Is.EqualTo(5));
        Assert.That(fired.Read.Single(r => r.Name == "支委会次数").Value, Is.EqualTo("7"));
        Assert.That(fired.Read.Single(r => r.Name == "支委会次数").Label, Is.EqualTo("支部委员会召开次数"));
    }

    [Test]
    public void Grade_DeductionsBeyondFullPoints_ClampedAtZero()
    {
        // 0 meetings deducts 12 from 12; 0 lessons deducts 8 from 8: both items at 0, never negative.
        var result = Scheme.Grade(ExampleScheme.Perfect().With("支委会次数", 0).With("党课次数", 0));

        Assert.That(result.Item("支委会").Score, Is.EqualTo(0));
        Assert.That(result.Item("党课").Score, Is.EqualTo(0));
        Assert.That(result.Item("组织生活").Score, Is.EqualTo(0));
    }

    [Test]
    public void Grade_ParentItemDeduction_AppliesOnTopOfSubItemsAndClamps()
    {
        var result = Scheme.Grade(ExampleScheme.Perfect().With("换届日期", "2022-06-30"));

        Assert.That(result.Item("组织生活").Score, Is.EqualTo(15));
        Assert.That(result.Total, Is.EqualTo(95));
    }

    [Test]
    public void Grade_WeightedRaters_CompositeIsWeightedSum()
    {
        var input = ExampleScheme.Perfect()
            .With("班子评价", new Dictionary<string, object?> { ["自评"] = 100, ["群众评"] = 80, ["领导评"] = 70 });

        var result = Scheme.Grade(input);

        // 0.2×100 + 0.4×80 + 0.4×70 = 80 → 80/100×20 = 16 points.
        Assert.That(result.Item("班子").Score, Is.EqualTo(16));
        Assert.That(result.Explanation!.Values.Single(v => v.Name == "班子评价").Value, Is.EqualTo("80"));
    }

    [Test]
    public void Grade_RaterScoresGivenFlatByDottedId_SameAsNested()
    {
        var nested = Scheme.Grade(ExampleScheme.Perfect()
            .With("班子评价", new Dictionary<string, object?> { ["自评"] = 90, ["群众评"] = 85, ["领导评"] = 60 }));
        var flatInput = ExampleScheme.Perfect();
        flatInput.Remove("班子评价");
        flatInput["班子评价.自评"] = 90;
        flatInput["班子综合评价.群众评"] = 85;
        flatInput["班子评价.领导评"] = 60;

        var flat = Scheme.Grade(flatInput);

        Assert.That(flat.Item("班子").Score, Is.EqualTo(nested.Item("班子").Score));
    }

    [TestCase(89.99, "较好")]
    [TestCase(90, "好")]
    public void Grade_TopThreshold_BothSidesOfBoundary(double target, string level)
    {
        // 班子 score = composite/100×20; pick the composite that makes the total hit the target.
        var composite = (target - 80) / 20 * 100;
        var input = ExampleScheme.Perfect()
            .With("班子评价", new Dictionary<string, object?> { ["自评"] = composite, ["群众评"] = composite, ["领导评"] = composite });

        var result = Scheme.Grade(input);

        Assert.That(result.Total, Is.EqualTo(target));
        Assert.That(result.Level!.Id, Is.EqualTo(level));
    }

    [Test]
    public void Grade_LevelConditionFails_FallsToNextLevelAndExplainsTheCondition()
    {
        var input = ExampleScheme.Perfect();
        ((List<object?>)input["党员"]!).Add(new Dictionary<string, object?> { ["姓名"] = "甲", ["处分"] = true, ["等级"] = "合格" });

        var result = Scheme.Grade(input);

        Assert.That(result.Total, Is.EqualTo(100));
        Assert.That(result.Level!.Id, Is.EqualTo("较好"));
        Assert.That(result.Explanation!.Level.ShortOfNextLevel.Single(), Does.Contain("count(党员, 处分) == 0"));
    }

    [Test]
    public void Grade_GateFires_CapsLevelAndSaysSo()
    {
        // Satisfaction 80%: 群众评价 20 of 25 → total 95 would be 好, but the gate caps at 一般.
        var result = Scheme.Grade(ExampleScheme.Perfect().With("很满意", 0).With("满意", 10));

        Assert.That(result.Total, Is.EqualTo(95));
        Assert.That(result.Level!.Id, Is.EqualTo("一般"));
        Assert.That(result.Explanation!.Level.Decision, Is.EqualTo(LevelDecision.Gate));
        Assert.That(result.Explanation.Level.ShortOfNextLevel, Has.Some.Contains("满意度闸门").Or.Some.Contains("群众满意度低于90%"));
        Assert.That(result.Measures.Single().Text, Is.EqualTo("二类上台阶：总分95分，群众满意度80%"));
    }

    [Test]
    public void Grade_Veto_ForcesLowestLevelWhateverTheScore()
    {
        var result = Scheme.Grade(ExampleScheme.Perfect().With("严重违纪", true));

        Assert.That(result.Total, Is.EqualTo(100));
        Assert.That(result.Level!.Id, Is.EqualTo("较差"));
        Assert.That(result.Explanation!.Level.Decision, Is.EqualTo(LevelDecision.Veto));
        Assert.That(result.Explanation.FiredRules.Single().Kind, Is.EqualTo(RuleKind.Veto));
    }

    [TestCase(3, false, 0)]
    [TestCase(4, true, 6)]
    [TestCase(7, true, 12)]
    public void Grade_FlagChainsIntoRuleThatSetsValueForcesLevelAndAddsMeasure(int vacantMonths, bool weak, int deadline)
    {
        var result = Scheme.Grade(ExampleScheme.Perfect().With("书记空缺月数", vacantMonths));

        Assert.That(result.HasFlag("软弱涣散"), Is.EqualTo(weak));
        Assert.That(result.Level!.Id, Is.EqualTo(weak ? "较差" : "好"));
        if (weak)
        {
            Assert.That(result.Flags.Single().Label, Is.EqualTo("软弱涣散党组织"));
            Assert.That(result.Measures.Single().Text, Is.EqualTo($"列为软弱涣散党组织，限{deadline}个月内完成整改"));
            var order = result.Explanation!.FiredRules.Select(r => r.RuleId).ToList();
            Assert.That(order, Is.EqualTo(new[] { "书记空缺", "软弱涣散整改" }), "the flag's writer runs before its reader");
        }
    }

    [Test]
    public void Grade_ListAggregation_ShareOfQualifiedMembersScoresItem()
    {
        var input = ExampleScheme.Perfect(members: 0);
        input["党员"] = new List<object?>
        {
            new Dictionary<string, object?> { ["等级"] = "优秀" },
            new Dictionary<string, object?> { ["等级"] = "合格" },
            new Dictionary<string, object?> { ["等级"] = "基本合格" },
            new Dictionary<string, object?> { ["等级"] = "不合格" },
        };

        var result = Scheme.Grade(input);

        Assert.That(result.Item("党员队伍").Score, Is.EqualTo(12.5));
    }

    [Test]
    public void Grade_EmptyList_UsesTheSchemesOwnEmptyCase()
    {
        var result = Scheme.Grade(ExampleScheme.Perfect(members: 0));

        Assert.That(result.Item("党员队伍").Score, Is.EqualTo(25));
    }

    [Test]
    public void Grade_ExplanationOff_SameScoresNoExplanation()
    {
        var input = ExampleScheme.Perfect().With("支委会次数", 5).With("书记空缺月数", 5);

        var on = Scheme.Grade(input);
        var off = Scheme.Grade(input, GradingOptions.WithoutExplanation);

        Assert.That(off.Explanation, Is.Null);
        Assert.That(off.Items, Is.EqualTo(on.Items));
        Assert.That(off.Level, Is.EqualTo(on.Level));
        Assert.That(off.Measures, Is.EqualTo(on.Measures));
        Assert.That(off.Flags, Is.EqualTo(on.Flags));
    }

    [Test]
    public void Grade_ExplanationText_IsChineseASecretaryCanFollow()
    {
        var result = Scheme.Grade(ExampleScheme.Perfect().With("支委会次数", 4).With("党课次数", 2));

        var text = result.Explanation!.ToText();

        Assert.That(text, Does.Contain("【评定结论】总分 88 分，评为“较好”（≥ 80 分）"));
        Assert.That(text, Does.Contain("“好”需总分 ≥ 90 分，还差 2 分"));
        Assert.That(text, Does.Contain("“支部委员会”扣 8 分"));
        Assert.That(text, Does.Contain("支部委员会召开次数 = 4"));
    }

    [Test]
    public void Grade_ByChineseLabel_SameAsById()
    {
        var byId = Scheme.Grade(ExampleScheme.Perfect().With("支委会次数", 9));
        var input = ExampleScheme.Perfect();
        input.Remove("支委会次数");
        input["支部委员会召开次数"] = 9;

        var byLabel = Scheme.Grade(input);

        Assert.That(byLabel.Total, Is.EqualTo(byId.Total));
    }

    [Test]
    public void GradeRow_TypedRow_MapsPropertiesByNameAndAttribute()
    {
        var result = Scheme.GradeRow(new BranchRow { Id = "R1", 支委会次数 = 11, Lessons = 3 });

        Assert.That(result.SubjectId, Is.EqualTo("R1"));
        Assert.That(result.Item("支委会").Score, Is.EqualTo(11));
        Assert.That(result.Item("党课").Score, Is.EqualTo(6));
    }

    [Test]
    public void Grade_JsonObject_SameAsDictionary()
    {
        var json = Newtonsoft.Json.Linq.JObject.Parse("""
            { "id": "J1", "支委会次数": 8, "班子评价": { "自评": 100, "群众评": 100, "领导评": 100 },
              "党员": [ { "等级": "合格" }, { "等级": "优秀", "处分": true } ] }
            """);

        var result = Scheme.Grade(json);

        Assert.That(result.SubjectId, Is.EqualTo("J1"));
        Assert.That(result.Total, Is.EqualTo(96));
        Assert.That(result.Level!.Id, Is.EqualTo("较好"));
    }

    [Test]
    public void GradeMany_Sequence_GradesEachInOrder()
    {
        var inputs = Enumerable.Range(0, 13).Select(i => (IReadOnlyDictionary<string, object?>)ExampleScheme.Perfect().With("支委会次数", i).With("id", $"S{i}"));

        var results = Scheme.GradeMany(inputs, GradingOptions.WithoutExplanation).ToList();

        Assert.That(results.Select(r => r.SubjectId), Is.EqualTo(Enumerable.Range(0, 13).Select(i => $"S{i}")));
        Assert.That(results.Select(r => r.Item("支委会").Score), Is.EqualTo(Enumerable.Range(0, 13).Select(i => (double)Math.Min(i, 12))));
    }

    private sealed class BranchRow
    {
        [SchemeField("id")]
        public string Id { get; init; } = "";

        public int 支委会次数 { get; init; }

        [SchemeField("党课次数")]
        public int Lessons { get; init; }

        [SchemeField("班子评价.自评")]
        public double Self { get; init; } = 100;

        [SchemeField("班子评价.群众评")]
        public double Public { get; init; } = 100;

        [SchemeField("班子评价.领导评")]
        public double Leaders { get; init; } = 100;
    }
}
