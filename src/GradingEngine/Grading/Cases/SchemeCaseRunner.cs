using System.Globalization;
using System.Text;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Grading.Cases;

/// <summary>
/// Runs golden cases against the schemes of a catalogue: grades each case's input with its scheme (the version in
/// force on the case file's <c>date</c>, when given) and compares the result with the case's expectations. Only the
/// expectations written are checked: <c>level</c> (a level id, or null for a withheld level), <c>total</c>,
/// <c>items</c> (id → score), <c>values</c> (a computed value's or rating's id → value), <c>flags</c> (each raised),
/// <c>noFlags</c> (none raised), <c>flagsExactly</c> (the whole set), <c>measures</c> (each text contained in some
/// measure), <c>measureCount</c> and <c>linkedLevels</c> (linked input → subject id → level id). An expectation
/// naming what the scheme does not have, and an input that does not fit the scheme, are problems of the case file,
/// positioned, not differences. Immutable and thread-safe; <c>grading test</c> and the product's own golden tests run
/// cases with it.
/// </summary>
public sealed class SchemeCaseRunner
{
    /// <summary>Scores are rounded by the engine to the scheme's precision (at most 6 decimals); this only absorbs binary noise.</summary>
    private const double Tolerance = 1e-7;

    private static readonly string[] Keys =
        ["$comment", "level", "total", "items", "values", "flags", "noFlags", "flagsExactly", "measures", "measureCount", "linkedLevels"];

    private readonly SchemeCatalogue _catalogue;

    /// <summary>Creates a runner over the schemes of <paramref name="catalogue"/> (with the back end they grade by).</summary>
    public SchemeCaseRunner(SchemeCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
    }

    /// <summary>Runs every case of a file, in order.</summary>
    public IReadOnlyList<SchemeCaseOutcome> Run(SchemeCaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Cases.Select(c => Run(c, file.Date)).ToList();
    }

    /// <summary>Runs one case; <paramref name="date"/> picks the versions in force that day (its file's <c>date</c>).</summary>
    public SchemeCaseOutcome Run(SchemeCase schemeCase, DateOnly? date = null)
    {
        ArgumentNullException.ThrowIfNull(schemeCase);
        GradingScheme scheme;
        try
        {
            scheme = date is { } day ? _catalogue.Get(schemeCase.SchemeId, day) : _catalogue[schemeCase.SchemeId];
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            return new SchemeCaseOutcome(schemeCase, null, [], [new SchemeDiagnostic(DiagnosticCodes.CaseFileFormat, e.Message, schemeCase.Location)]);
        }

        var problems = new List<SchemeDiagnostic>();
        if (!scheme.TryGrade(SubjectBinder.FromJson(schemeCase.Input), out var result, out var inputProblems))
        {
            foreach (var problem in inputProblems)
            {
                problems.Add(new SchemeDiagnostic(DiagnosticCodes.CaseInput,
                    $"用例“{schemeCase.Name}”的输入“{problem.Field}”不符合方案“{scheme.Id}”：{problem.Message}",
                    SchemeCaseFile.Where(schemeCase.File, Find(schemeCase.Input, problem.Field))));
            }

            return new SchemeCaseOutcome(schemeCase, null, [], problems);
        }

        var differences = Compare(scheme, result, schemeCase.Expect, schemeCase.File, problems);
        return new SchemeCaseOutcome(schemeCase, result, differences, problems);
    }

    /// <summary>
    /// Compares a result of <paramref name="scheme"/> with expectations written as in a case file: the differences,
    /// and in <paramref name="problems"/> the expectations that name what the scheme does not have.
    /// </summary>
    public static IReadOnlyList<CaseDifference> Compare(GradingScheme scheme, GradingResult result, JObject expect, string file, IList<SchemeDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentNullException.ThrowIfNull(problems);
        return new Comparison(scheme, result, file ?? string.Empty, problems).Run(expect);
    }

    /// <summary>The token of <paramref name="input"/> a field path such as <c>党员[2].处分</c> names, or its nearest ancestor.</summary>
    private static JToken Find(JObject input, string field)
    {
        JToken at = input;
        var rest = field;
        while (rest.Length > 0)
        {
            if (at is JObject o && o.Property(rest) is { } whole)
            {
                return whole; // a flat rater score, "评价项.评价主体"
            }

            if (rest[0] == '[' && rest.IndexOf(']', StringComparison.Ordinal) is var close and > 0
                && int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (at is not JArray a || index >= a.Count)
                {
                    return at;
                }

                at = a[index];
                rest = rest[(close + 1)..].TrimStart('.');
                continue;
            }

            var end = rest.IndexOfAny(['.', '[']);
            var name = end < 0 ? rest : rest[..end];
            if (at is not JObject obj || obj.Property(name) is not { } property)
            {
                return at;
            }

            at = end < 0 ? property : property.Value;
            rest = end < 0 ? string.Empty : rest[end..].TrimStart('.');
        }

        return at;
    }

    private sealed class Comparison(GradingScheme scheme, GradingResult result, string file, IList<SchemeDiagnostic> problems)
    {
        private readonly List<CaseDifference> _differences = [];

        public List<CaseDifference> Run(JObject expect)
        {
            foreach (var property in expect.Properties())
            {
                if (!Keys.Contains(property.Name, StringComparer.Ordinal))
                {
                    var suggestion = Suggestions.Closest(property.Name, Keys.Skip(1).ToList());
                    Problem(property, $"未知的期望“{property.Name}”{(suggestion is null ? string.Empty : $"，是否应为“{suggestion}”？")}，可用：{string.Join("、", Keys.Skip(1))} (unknown expectation)");
                    continue;
                }

                var value = property.Value;
                switch (property.Name)
                {
                    case "level":
                        Level(value);
                        break;
                    case "total":
                        Number("total", "总分", result.Total, value);
                        break;
                    case "items":
                        foreach (var (item, expected) in Object(value, "items", "评分项 id → 得分"))
                        {
                            if (result.Items.FirstOrDefault(i => i.Id == item.Name) is { Id: not null } score)
                            {
                                Number($"items.{item.Name}", $"评分项“{score.Label}”", score.Score, expected);
                            }
                            else
                            {
                                Problem(item, $"方案“{scheme.Id}”没有评分项“{item.Name}”，已有：{string.Join("、", result.Items.Select(i => i.Id))} (no such item)");
                            }
                        }

                        break;
                    case "values":
                        Values(value);
                        break;
                    case "flags":
                        foreach (var (flag, token) in Flags(value, "flags").Where(f => !result.HasFlag(f.Id)))
                        {
                            Differ("flags", $"标记“{Label(flag)}”", "已标记", "未标记", token);
                        }

                        break;
                    case "noFlags":
                        foreach (var (flag, token) in Flags(value, "noFlags").Where(f => result.HasFlag(f.Id)))
                        {
                            Differ("noFlags", $"标记“{Label(flag)}”", "未标记", "已标记", token);
                        }

                        break;
                    case "flagsExactly":
                    {
                        var expected = Flags(value, "flagsExactly").Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
                        var actual = result.Flags.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
                        if (!expected.SequenceEqual(actual))
                        {
                            Differ("flagsExactly", "标记（全部）", FlagList(expected), FlagList(actual), value);
                        }

                        break;
                    }

                    case "measures":
                        foreach (var (text, token) in Strings(value, "measures").Where(t => !result.Measures.Any(m => m.Text.Contains(t.Text, StringComparison.Ordinal))))
                        {
                            Differ("measures", "措施", $"含“{text}”的措施", MeasureList(), token);
                        }

                        break;
                    case "measureCount":
                        if (value.Type != JTokenType.Integer)
                        {
                            Problem(value, "measureCount 应为整数 (must be an integer)");
                        }
                        else if (result.Measures.Count != (int)value)
                        {
                            Differ("measureCount", "措施条数", $"{(int)value} 条", $"{result.Measures.Count} 条：{MeasureList()}", value);
                        }

                        break;
                    case "linkedLevels":
                        LinkedLevels(value);
                        break;
                }
            }

            return _differences;
        }

        private void Level(JToken expected)
        {
            var actual = result.Level;
            if (expected.Type is not (JTokenType.Null or JTokenType.String))
            {
                Problem(expected, "level 应为等级 id 或 null（不定等级） (must be a level id or null)");
                return;
            }

            var id = expected.Type == JTokenType.Null ? null : (string)expected!;
            var level = id is null ? null : scheme.Levels.FirstOrDefault(l => l.Id == id) ?? scheme.Levels.FirstOrDefault(l => l.Label == id);
            if (id is not null && level is null)
            {
                Problem(expected, $"方案“{scheme.Id}”没有等级“{id}”，已有：{string.Join("、", scheme.Levels.Select(l => l.Id))} (no such level)");
                return;
            }

            if (level?.Id != actual?.Id)
            {
                Differ("level", "等级", level?.Label ?? "不定等级", actual?.Label ?? "不定等级", expected);
            }
        }

        private void Values(JToken value)
        {
            var readings = result.Explanation?.Values ?? [];
            foreach (var (property, expected) in Object(value, "values", "计算值 id → 值"))
            {
                var reading = readings.FirstOrDefault(v => v.Name == property.Name);
                if (reading is null)
                {
                    var constant = scheme.Model.Values.Any(v => v.Id == property.Name);
                    Problem(property, constant
                        ? $"“{property.Name}”是不随对象变化的常量，不能作为期望 (a policy constant, the same for every subject)"
                        : $"方案“{scheme.Id}”没有计算值或评价项“{property.Name}”，已有：{string.Join("、", readings.Select(r => r.Name))} (no such value)");
                    continue;
                }

                var same = expected.Type switch
                {
                    JTokenType.Integer or JTokenType.Float => double.TryParse(reading.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        && Math.Abs(number - (double)expected) <= 5e-5,
                    JTokenType.Boolean => reading.Value == ValueFormatter.FormatBoolean((bool)expected),
                    JTokenType.String => reading.Value == (string)expected!,
                    _ => (bool?)null,
                };
                if (same is null)
                {
                    Problem(expected, $"计算值“{property.Name}”的期望应为数字、布尔值或文字 (must be a number, a boolean or text)");
                }
                else if (same == false)
                {
                    Differ($"values.{property.Name}", $"计算值“{reading.Label}”", Show(expected), reading.Value, expected);
                }
            }
        }

        private void LinkedLevels(JToken value)
        {
            foreach (var (input, subjects) in Object(value, "linkedLevels", "关联输入 → {编号: 等级}"))
            {
                if (!result.Linked.TryGetValue(input.Name, out var children) || subjects is not JObject byId)
                {
                    Problem(input, $"没有关联评定“{input.Name}”，或其期望不是对象 (no linked results '{input.Name}', or not an object)");
                    continue;
                }

                foreach (var subject in byId.Properties())
                {
                    var child = children.FirstOrDefault(c => c.SubjectId == subject.Name);
                    var want = subject.Value.Type == JTokenType.Null ? null : (string?)subject.Value;
                    if (child is null)
                    {
                        Problem(subject, $"{input.Name}中没有“{subject.Name}” (no linked subject '{subject.Name}')");
                    }
                    else if (child.Level?.Id != want)
                    {
                        Differ($"linkedLevels.{input.Name}.{subject.Name}", $"{input.Name}“{subject.Name}”的等级", want ?? "不定等级", child.Level?.Id ?? "不定等级", subject.Value);
                    }
                }
            }
        }

        private void Number(string field, string what, double actual, JToken expected)
        {
            if (expected.Type is not (JTokenType.Integer or JTokenType.Float))
            {
                Problem(expected, $"{what}的期望值应为数字 (expected value must be a number)");
            }
            else if (Math.Abs(actual - (double)expected) > Tolerance)
            {
                Differ(field, what, Fmt((double)expected), Fmt(actual), expected);
            }
        }

        private IEnumerable<(JProperty Property, JToken Value)> Object(JToken token, string name, string shape)
        {
            if (token is JObject o)
            {
                return o.Properties().Select(p => (p, p.Value)).ToList();
            }

            Problem(token, $"{name} 应为对象：{shape} (must be an object)");
            return [];
        }

        private List<(string Text, JToken Token)> Strings(JToken token, string name)
        {
            if (token is JArray array && array.All(t => t.Type == JTokenType.String))
            {
                return array.Select(t => ((string)t!, t)).ToList();
            }

            Problem(token, $"{name} 应为字符串数组 (must be an array of strings)");
            return [];
        }

        private List<(string Id, JToken Token)> Flags(JToken token, string name)
        {
            var flags = new List<(string, JToken)>();
            foreach (var (id, at) in Strings(token, name))
            {
                if (scheme.Model.Flags.Any(f => f.Id == id))
                {
                    flags.Add((id, at));
                }
                else
                {
                    Problem(at, $"方案“{scheme.Id}”没有标记“{id}”，已有：{string.Join("、", scheme.Model.Flags.Select(f => f.Id))} (no such flag)");
                }
            }

            return flags;
        }

        private string Label(string flag) => scheme.Model.Flags.First(f => f.Id == flag).DisplayName;

        private string FlagList(IEnumerable<string> ids)
        {
            var labels = ids.Select(Label).ToList();
            return labels.Count == 0 ? "（无）" : string.Join("、", labels);
        }

        private string MeasureList() => result.Measures.Count == 0 ? "（无）" : string.Join(" | ", result.Measures.Select(m => m.Text));

        private void Differ(string field, string what, string expected, string actual, JToken at) =>
            _differences.Add(new CaseDifference(field, what, expected, actual, SchemeCaseFile.Where(file, at)));

        private void Problem(JToken at, string message) =>
            problems.Add(new SchemeDiagnostic(DiagnosticCodes.CaseExpectation, message, SchemeCaseFile.Where(file, at)));

        private static string Show(JToken token) => token.Type switch
        {
            JTokenType.Boolean => ValueFormatter.FormatBoolean((bool)token),
            JTokenType.Integer or JTokenType.Float => Fmt((double)token),
            _ => token.ToString(),
        };

        private static string Fmt(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}

/// <summary>One expectation of a case the result does not meet.</summary>
/// <param name="Field">The expectation, e.g. <c>level</c>, <c>total</c>, <c>items.工作制度</c>, <c>flags</c>.</param>
/// <param name="What">What it is, in Chinese with the scheme's labels, e.g. <c>评分项“工作制度”</c>.</param>
/// <param name="Expected">The value the case expects, as text.</param>
/// <param name="Actual">The value graded, as text.</param>
/// <param name="Location">Where the case file writes the expectation.</param>
public sealed record CaseDifference(string Field, string What, string Expected, string Actual, SourceLocation Location)
{
    /// <summary><c>等级：应为 一类，实际为 二类 (level: expected 一类, actual 二类)</c>.</summary>
    public override string ToString() => $"{What}：应为 {Expected}，实际为 {Actual} ({Field}: expected {Expected}, actual {Actual})";
}

/// <summary>What running one case gave: the result, the differences from its expectations and the case's problems.</summary>
/// <param name="Case">The case.</param>
/// <param name="Result">The result graded; null when the case's input does not fit its scheme (or it has no scheme).</param>
/// <param name="Differences">Each expectation the result does not meet; empty when it meets them all.</param>
/// <param name="Problems">What is wrong with the case itself (its input, an expectation naming what the scheme does not have), positioned.</param>
public sealed record SchemeCaseOutcome(SchemeCase Case, GradingResult? Result, IReadOnlyList<CaseDifference> Differences, IReadOnlyList<SchemeDiagnostic> Problems)
{
    /// <summary>Whether the case passed: graded, every expectation met, no problem with the case.</summary>
    public bool Passed => Result is not null && Differences.Count == 0 && Problems.Count == 0;

    /// <summary>
    /// The outcome in Chinese: one line for a passing case; for a failing one, also each expectation with the expected
    /// and actual values, the problems with the case, and the rules that fired.
    /// </summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var where = $"{Case.Location.File}({Case.Location.Line},{Case.Location.Column})";
        text.Append(Passed ? "✓ " : "✗ ").Append(Case).Append(Passed ? string.Empty : $"  [{where}]").AppendLine();
        if (Passed)
        {
            return text.ToString();
        }

        foreach (var difference in Differences)
        {
            text.Append("    ").AppendLine(difference.ToString());
        }

        foreach (var problem in Problems)
        {
            text.Append("    ").AppendLine(problem.ToString());
        }

        if (Result?.Explanation is { } explanation)
        {
            text.Append("    评定：").Append(Result.Level?.Label ?? "不定等级").Append("，总分 ").Append(ValueFormatter.FormatNumber(Result.Total))
                .Append("（方案 ").Append(Result.SchemeId).Append(" 版本 ").Append(Result.SchemeVersion).AppendLine("）");
            text.Append("    ").AppendLine(explanation.Level.Summary);
            text.AppendLine(explanation.FiredRules.Count == 0 ? "    触发的规则：（无）" : "    触发的规则：");
            foreach (var rule in explanation.FiredRules)
            {
                var effects = string.Join("；", rule.Effects.Select(e => e.Text));
                text.Append("      · ").Append(rule.Description).Append(effects.Length == 0 ? string.Empty : "：" + effects).AppendLine();
            }
        }

        return text.ToString();
    }
}
