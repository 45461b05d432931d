using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Expressions;
using GradingEngine.Grading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// Writes a graded organisation as a golden case (<c>grading explain --as-case</c>): its inputs, its members' and its
/// team's, typed as its schemes declare them, and its result graded in one call as the expectations, so that the case
/// passes <c>grading test</c> until the scheme's result for it changes.
/// </summary>
internal static class CaseWriter
{
    public static string Write(ProvinceGrader grader, BatchExplanation explanation, DateOnly date)
    {
        var scheme = grader.OrganisationScheme;
        var input = Typed(scheme, explanation.Input, grader);
        var result = scheme.Grade(input);
        var expect = new JObject
        {
            ["level"] = result.Level?.Id,
            ["total"] = result.Total,
            ["items"] = new JObject(result.Items.Select(i => new JProperty(i.Id, i.Score))),
            ["flagsExactly"] = new JArray(result.Flags.Select(f => f.Id)),
            ["measures"] = new JArray(result.Measures.Select(m => m.Text)),
            ["measureCount"] = result.Measures.Count,
        };
        var linked = new JObject();
        foreach (var (inputId, children) in result.Linked)
        {
            var withIds = children.Where(c => c.SubjectId is not null).ToList();
            if (withIds.Count > 0)
            {
                linked[inputId] = new JObject(withIds.Select(c => new JProperty(c.SubjectId!, c.Level?.Id)));
            }
        }

        if (linked.Count > 0)
        {
            expect["linkedLevels"] = linked;
        }

        var note = $"由 grading explain --as-case 从评定结果复制（{EffectivePeriodText(date)}，方案 {scheme.Id} 版本 {scheme.Version}）；请核对每个期望值。";
        if (explanation.BatchNotes.Count > 0)
        {
            note += $" 批次规则（名额、末位排名）只在批量评定中生效，未计入本用例：{string.Join("；", explanation.BatchNotes.Select(n => n.Trim()))}";
        }

        var file = new JObject
        {
            ["scheme"] = scheme.Id,
            ["date"] = EffectivePeriodText(date),
            ["cases"] = new JArray(new JObject
            {
                ["name"] = $"{result.SubjectId}：{result.Level?.Label ?? "不定等级"} {ValueFormatter.FormatNumber(result.Total)} 分",
                ["note"] = note,
                ["input"] = input,
                ["expect"] = expect,
            }),
        };
        return file.ToString(Formatting.Indented) + Environment.NewLine;
    }

    private static string EffectivePeriodText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The cells (text, by column name) as JSON values of the input types the scheme declares.</summary>
    private static JObject Typed(GradingScheme scheme, IReadOnlyDictionary<string, object?> values, ProvinceGrader grader)
    {
        var json = new JObject();
        foreach (var (name, value) in values.OrderBy(p => p.Key == "id" ? 0 : 1))
        {
            json[name] = value switch
            {
                IReadOnlyDictionary<string, object?> team => Typed(grader.TeamScheme, team, grader),
                IEnumerable<object?> members when value is not string => new JArray(members.OfType<IReadOnlyDictionary<string, object?>>().Select(m => Typed(grader.MemberScheme, m, grader))),
                string text => Cell(scheme, name, text),
                null => JValue.CreateNull(),
                _ => JToken.FromObject(value),
            };
        }

        return json;
    }

    private static JToken Cell(GradingScheme scheme, string name, string text)
    {
        var input = scheme.Inputs.FirstOrDefault(i => i.Id == name) ?? scheme.Inputs.FirstOrDefault(i => i.Label == name);
        var type = input?.Type ?? (name.Contains('.', StringComparison.Ordinal) ? "number" : "text"); // a rater score column by labels
        switch (type)
        {
            case "number" or "integer" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? new JValue((long)number) : new JValue(number);
            case "boolean" when text is "是" or "true" or "True" or "TRUE" or "1":
                return new JValue(true);
            case "boolean" when text is "否" or "false" or "False" or "FALSE" or "0":
                return new JValue(false);
            default:
                return new JValue(text);
        }
    }
}
