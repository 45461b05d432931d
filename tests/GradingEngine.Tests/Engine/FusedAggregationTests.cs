using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

/// <summary>
/// Aggregations over the same list whose bodies read only the child are computed in one fused loop before the plan
/// runs. Each is checked here against the same aggregation made unfusable (its body also reads an outer input, 零,
/// which is 0), on random lists including the empty one.
/// </summary>
public class FusedAggregationTests
{
    private const string Scheme = """
        {
          "id": "fused", "name": "汇总", "subject": "organisation",
          "inputs": [
            { "id": "零", "type": "number", "default": 0 },
            { "id": "项目", "type": "list", "fields": [
              { "id": "分数", "type": "number" },
              { "id": "类别", "type": "enum", "values": ["甲", "乙", "丙"] },
              { "id": "合格", "type": "boolean" } ] }
          ],
          "values": [
            { "id": "计数", "expr": "count(项目, 分数 >= 60)" },            { "id": "计数对照", "expr": "count(项目, 分数 + 零 >= 60)" },
            { "id": "类别数", "expr": "count(项目, 类别 in ['甲', '乙'])" },  { "id": "类别数对照", "expr": "count(项目, 类别 in ['甲', '乙'] and 零 == 0)" },
            { "id": "合计", "expr": "sum(项目, 分数)" },                      { "id": "合计对照", "expr": "sum(项目, 分数 + 零)" },
            { "id": "平均", "expr": "avg(项目, 分数)" },                      { "id": "平均对照", "expr": "avg(项目, 分数 + 零)" },
            { "id": "最低", "expr": "min(项目, 分数)" },                      { "id": "最低对照", "expr": "min(项目, 分数 + 零)" },
            { "id": "最高", "expr": "max(项目, 分数)" },                      { "id": "最高对照", "expr": "max(项目, 分数 + 零)" },
            { "id": "任一", "expr": "any(项目, not 合格)" },                  { "id": "任一对照", "expr": "any(项目, not 合格 and 零 == 0)" },
            { "id": "全部", "expr": "all(项目, 合格)" },                      { "id": "全部对照", "expr": "all(项目, 合格 or 零 != 0)" },
            { "id": "个数", "expr": "count(项目)" }
          ],
          "items": [ { "id": "分", "points": 100, "score": "if 个数 > 0 then 平均 else 0" } ],
          "rules": [ { "id": "提示", "when": "任一", "then": [ { "measure": "{计数}/{个数} 合格，最低 {最低}" } ] } ],
          "levels": [ { "id": "好", "minScore": 60 }, { "id": "差" } ]
        }
        """;

    [Test]
    public void FusedAggregations_EqualTheSeparateLoops()
    {
        var scheme = GradingScheme.Parse(Scheme);
        var random = new Random(5);
        for (var n = 0; n < 400; n++)
        {
            var items = Enumerable.Range(0, random.Next(0, 12))
                .Select(_ => (object?)new Dictionary<string, object?>
                {
                    ["分数"] = Math.Round(random.NextDouble() * 100, 1),
                    ["类别"] = new[] { "甲", "乙", "丙" }[random.Next(3)],
                    ["合格"] = random.Next(4) > 0,
                })
                .ToList();
            var result = scheme.Grade(new Dictionary<string, object?> { ["项目"] = items });
            var values = result.Explanation!.Values.ToDictionary(v => v.Name, v => v.Value);
            foreach (var name in new[] { "计数", "类别数", "合计", "平均", "最低", "最高", "任一", "全部" })
            {
                Assert.That(values[name], Is.EqualTo(values[name + "对照"]), $"{name}, {items.Count} items");
            }
        }
    }
}
