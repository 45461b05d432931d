using GradingEngine.Batch.Report;
using GradingEngine.Grading;

namespace GradingEngine.Tests.Report;

/// <summary>
/// Measures counted by the numbers of their keys (looked up on the grading workers, <see cref="MeasureKeys"/>) against
/// measures counted by their texts: the same kind's report, also past the number of keys either path keeps.
/// </summary>
public class MeasureKeyTests
{
    [Test]
    public void ByKeyNumbers_SameCountsAsByTexts_AlsoPastTheLimits()
    {
        var scheme = SchemeCatalogue.Shipped["member-wudai"];
        var labels = scheme.Model.Items.Select(i => i.DisplayName).ToArray();
        var byText = new KindAccumulator("党员", scheme, labels);
        var byKey = new KindAccumulator("党员", scheme, labels);
        var items = new double?[labels.Length];
        var random = new Random(7);

        // Measures of a few keys with varying numbers, then more distinct keys (letters, not numbers) than either keeps.
        var rows = Enumerable.Range(0, 5_000).Select(i => new[] { $"参加组织生活{random.Next(20)}次，扣{random.Next(5)}分" })
            .Concat(Enumerable.Range(0, 1_000).Select(i => new[] { $"参加组织生活{random.Next(20)}次，扣{random.Next(5)}分", "按时交纳党费" }))
            .Concat(Enumerable.Range(0, MeasureKeys.MaxKeys + 50).Select(i => new[] { "整改" + Letters(i) }))
            .Concat(Enumerable.Range(0, 100).Select(i => new[] { $"参加组织生活{i}次，扣1分" }))
            .ToArray();
        var unnumbered = 0;
        var joined = 0;
        foreach (var measures in rows)
        {
            byText.Add("合格", items, [], measures, quotaMoved: false);
            if (byKey.JoinsMeasures(measures))
            {
                joined++; // as the report's sink does: a measure to be joined to the one before is counted by text
                byKey.Add("合格", items, [], measures, quotaMoved: false);
                continue;
            }

            var keys = measures.Select(m => byKey.MeasureKeys.Of(m)).ToArray();
            if (keys.Contains(-1))
            {
                unnumbered++;
                byKey.Add("合格", items, [], measures, quotaMoved: false);
            }
            else
            {
                byKey.Add("合格", items, [], keys, quotaMoved: false);
            }
        }

        Assert.That(joined, Is.EqualTo(1_000), "按时交纳党费 starts none of the scheme's measures: joined to the one before");
        Assert.That(unnumbered, Is.EqualTo(50 + 1), "one key was numbered before the flood: the flood's last 51 keys are counted by their texts");
        var expected = byText.ToReport();
        var actual = byKey.ToReport();
        Assert.That(actual.Measures, Is.EqualTo(expected.Measures));
        Assert.That(actual.Measures.Select(m => m.Label), Does.Contain("参加组织生活#次，扣#分").And.Contain("参加组织生活#次，扣#分；按时交纳党费").And.Contain(TextCounts.Other));
        Assert.That(actual.Levels, Is.EqualTo(expected.Levels));
    }

    [Test]
    public void Of_ManyThreads_OneNumberPerKey()
    {
        var keys = new MeasureKeys();
        var numbers = new int[8][];
        Parallel.For(0, 8, t => numbers[t] = [.. Enumerable.Range(0, 2_000).Select(i => keys.Of($"措施{Letters(i)}第{t}次"))]);

        for (var t = 1; t < 8; t++)
        {
            Assert.That(numbers[t], Is.EqualTo(numbers[0]));
        }

        Assert.That(numbers[0].Distinct().Count(), Is.EqualTo(2_000));
        Assert.That(Enumerable.Range(0, 2_000).Select(i => keys.Text(numbers[0][i])), Is.EqualTo(Enumerable.Range(0, 2_000).Select(i => $"措施{Letters(i)}第#次")));
    }

    private static string Letters(int n)
    {
        var text = string.Empty;
        do
        {
            text = (char)('甲' + (n % 10)) + text;
            n /= 10;
        }
        while (n > 0);
        return text;
    }
}
