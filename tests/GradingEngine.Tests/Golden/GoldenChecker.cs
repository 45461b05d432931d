using System.Globalization;
using GradingEngine.Grading;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Golden;

/// <summary>
/// Compares a grading result with a golden case's expectations. Only the expectations given are checked:
/// <c>level</c> (a level id, or null for a withheld level), <c>total</c>, <c>items</c> (id → score), <c>flags</c>
/// (each raised), <c>noFlags</c> (none raised), <c>flagsExactly</c> (the whole set), <c>measures</c> (each text
/// contained in some measure) and <c>measureCount</c>.
/// </summary>
internal static class GoldenChecker
{
    /// <summary>Scores are rounded by the engine to the scheme's precision (at most 6 decimals); this only absorbs binary noise.</summary>
    private const double Tolerance = 1e-7;

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "$comment", "level", "total", "items", "flags", "noFlags", "flagsExactly", "measures", "measureCount", "linkedLevels",
    };

    /// <summary>Every expectation the result does not meet, in Chinese with the actual value; empty when all hold.</summary>
    public static IReadOnlyList<string> Check(GradingResult result, JObject expect)
    {
        var failures = new List<string>();
        foreach (var property in expect.Properties())
        {
            if (!Keys.Contains(property.Name))
            {
                failures.Add($"未知的期望“{property.Name}” (unknown expectation; allowed: {string.Join(", ", Keys.Where(k => k != "$comment"))})");
                continue;
            }

            switch (property.Name)
            {
                case "level":
                    CheckLevel(result, property.Value, failures);
                    break;
                case "total":
                    CheckNumber("总分 (total)", result.Total, property.Value, failures);
                    break;
                case "items":
                    CheckItems(result, property.Value, failures);
                    break;
                case "flags":
                    foreach (var flag in Strings(property.Value, "flags", failures).Where(f => !result.HasFlag(f)))
                    {
                        failures.Add($"应标记“{flag}”，实际标记：{FlagList(result)} (flag '{flag}' expected but not raised)");
                    }

                    break;
                case "noFlags":
                    foreach (var flag in Strings(property.Value, "noFlags", failures).Where(result.HasFlag))
                    {
                        failures.Add($"不应标记“{flag}”，实际标记：{FlagList(result)} (flag '{flag}' raised but not expected)");
                    }

                    break;
                case "flagsExactly":
                {
                    var expected = Strings(property.Value, "flagsExactly", failures).Order(StringComparer.Ordinal).ToList();
                    var actual = result.Flags.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
                    if (!expected.SequenceEqual(actual))
                    {
                        failures.Add($"标记应恰为［{string.Join("、", expected)}］，实际为：{FlagList(result)} (flags differ)");
                    }

                    break;
                }

                case "measures":
                    foreach (var text in Strings(property.Value, "measures", failures)
                                 .Where(t => !result.Measures.Any(m => m.Text.Contains(t, StringComparison.Ordinal))))
                    {
                        failures.Add($"没有包含“{text}”的措施，实际措施：{MeasureList(result)} (no measure contains the text)");
                    }

                    break;
                case "linkedLevels":
                    CheckLinkedLevels(result, property.Value, failures);
                    break;
                case "measureCount":
                    if (property.Value.Type != JTokenType.Integer)
                    {
                        failures.Add("measureCount 应为整数 (must be an integer)");
                    }
                    else if (result.Measures.Count != property.Value.Value<int>())
                    {
                        failures.Add($"措施应有 {property.Value.Value<int>()} 条，实际 {result.Measures.Count} 条：{MeasureList(result)} (measure count differs)");
                    }

                    break;
            }
        }

        return failures;
    }

    /// <summary><c>"linkedLevels": {"党员": {"A1": "优秀", "E1": null}}</c>: the level of each named linked subject.</summary>
    private static void CheckLinkedLevels(GradingResult result, JToken expected, List<string> failures)
    {
        if (expected is not JObject inputs)
        {
            failures.Add("linkedLevels 应为对象，如 {\"党员\": {\"A1\": \"优秀\"}} (must be an object)");
            return;
        }

        foreach (var input in inputs.Properties())
        {
            if (!result.Linked.TryGetValue(input.Name, out var children) || input.Value is not JObject subjects)
            {
                failures.Add($"没有关联评定“{input.Name}”，或其期望不是对象 (no linked results '{input.Name}', or not an object)");
                continue;
            }

            foreach (var subject in subjects.Properties())
            {
                var child = children.FirstOrDefault(c => c.SubjectId == subject.Name);
                var want = subject.Value.Type == JTokenType.Null ? null : subject.Value.Value<string>();
                if (child is null)
                {
                    failures.Add($"{input.Name}中没有“{subject.Name}” (no linked subject '{subject.Name}')");
                }
                else if (child.Level?.Id != want)
                {
                    failures.Add($"{input.Name}“{subject.Name}”的等级应为“{want ?? "不定等级"}”，实际为“{child.Level?.Id ?? "不定等级"}” (linked level differs)");
                }
            }
        }
    }

    private static void CheckLevel(GradingResult result, JToken expected, List<string> failures)
    {
        var actual = result.Level?.Id;
        if (expected.Type == JTokenType.Null)
        {
            if (actual is not null)
            {
                failures.Add($"等级应为不定等级（null），实际为“{actual}” (level should be withheld)");
            }
        }
        else if (expected.Type != JTokenType.String)
        {
            failures.Add("level 应为等级 id 或 null (must be a level id or null)");
        }
        else if (!string.Equals(actual, expected.Value<string>(), StringComparison.Ordinal))
        {
            failures.Add($"等级应为“{expected.Value<string>()}”，实际为“{actual ?? "不定等级"}” (level differs)");
        }
    }

    private static void CheckItems(GradingResult result, JToken expected, List<string> failures)
    {
        if (expected is not JObject items)
        {
            failures.Add("items 应为对象：评分项 id → 得分 (must be an object of item id → score)");
            return;
        }

        foreach (var item in items.Properties())
        {
            var score = result.Items.FirstOrDefault(i => string.Equals(i.Id, item.Name, StringComparison.Ordinal));
            if (score.Id is null)
            {
                failures.Add($"方案没有评分项“{item.Name}”，已有：{string.Join("、", result.Items.Select(i => i.Id))} (no such item)");
                continue;
            }

            CheckNumber($"评分项“{item.Name}” (item)", score.Score, item.Value, failures);
        }
    }

    private static void CheckNumber(string what, double actual, JToken expected, List<string> failures)
    {
        if (expected.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            failures.Add($"{what} 的期望值应为数字 (expected value must be a number)");
            return;
        }

        var value = expected.Value<double>();
        if (Math.Abs(actual - value) > Tolerance)
        {
            failures.Add($"{what} 应为 {Fmt(value)}，实际为 {Fmt(actual)} ({what} differs)");
        }
    }

    private static IEnumerable<string> Strings(JToken token, string what, List<string> failures)
    {
        if (token is not JArray array || array.Any(t => t.Type != JTokenType.String))
        {
            failures.Add($"{what} 应为字符串数组 (must be an array of strings)");
            return [];
        }

        return array.Select(t => t.Value<string>()!).ToList();
    }

    private static string FlagList(GradingResult result) =>
        result.Flags.Count == 0 ? "（无）" : string.Join("、", result.Flags.Select(f => f.Id));

    private static string MeasureList(GradingResult result) =>
        result.Measures.Count == 0 ? "（无）" : string.Join(" | ", result.Measures.Select(m => m.Text));

    private static string Fmt(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
