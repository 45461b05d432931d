using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

public class ConcurrencyTests
{
    [Test]
    public void Grade_ManyThreadsOneScheme_SameResultsAsOneThread()
    {
        var scheme = ExampleScheme.Scheme;
        var random = new Random(20261121);
        var inputs = Enumerable.Range(0, 4000).Select(i => RandomBranch(random, i)).ToList();
        var expected = inputs.Select(i => Describe(scheme.Grade(i))).ToList();

        var actual = new string[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i] = Describe(scheme.Grade(inputs[i]));
        });

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(expected.Distinct().Count(), Is.GreaterThan(100), "the inputs exercise many different outcomes");
    }

    private static Dictionary<string, object?> RandomBranch(Random random, int i)
    {
        var members = Enumerable.Range(0, random.Next(0, 12))
            .Select(_ => (object?)new Dictionary<string, object?>
            {
                ["处分"] = random.Next(20) == 0,
                ["等级"] = new[] { "优秀", "合格", "基本合格", "不合格" }[random.Next(4)],
            })
            .ToList();
        return new Dictionary<string, object?>
        {
            ["id"] = $"B{i}",
            ["支委会次数"] = random.Next(0, 15),
            ["党课次数"] = random.Next(0, 6),
            ["有活动阵地"] = random.Next(10) > 0,
            ["书记空缺月数"] = random.Next(10) == 0 ? random.Next(0, 10) : 0,
            ["很满意"] = random.Next(0, 20),
            ["满意"] = random.Next(0, 10),
            ["基本满意"] = random.Next(0, 5),
            ["不满意"] = random.Next(0, 4),
            ["严重违纪"] = random.Next(50) == 0,
            ["班子评价"] = new Dictionary<string, object?> { ["自评"] = random.Next(60, 101), ["群众评"] = random.Next(50, 101), ["领导评"] = random.Next(50, 101) },
            ["党员"] = members,
        };
    }

    private static string Describe(GradingResult r) =>
        $"{r.SubjectId}|{r.Total}|{r.Level?.Id}|{string.Join(",", r.Items.Select(i => i.Score))}|{string.Join(",", r.Flags.Select(f => f.Id))}|{string.Join(",", r.Measures.Select(m => m.Text))}|{r.Explanation!.ToText()}";
}
