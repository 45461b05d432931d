using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// member-wudai's quota 优秀比例 (优秀 at most ⌊1/3⌋ of an organisation's members with a level), applied per
/// organisation by the batch before the organisations are graded.
/// </summary>
public class MemberQuotaBatchTests
{
    private const string Branch = "D010100001";

    /// <summary>
    /// The sample province with the first organisation's members replaced by nine with a level and one 预备党员:
    /// 优秀 by score E 94.75, D 96.25, C 96.25 (the same row as D, listed after it), B 97.75, A 99.25, in this file
    /// order; four 合格 (85); one 预备党员 with 99 in every rating (no level, not in the base).
    /// </summary>
    private static readonly Lazy<string> Province = new(() =>
    {
        var (sample, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 40, Seed = 31 });
        var folder = ProvinceFixture.CopyOf(sample);

        var path = Path.Combine(folder, "members.csv");
        var lines = File.ReadAllLines(path, Encoding.UTF8).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        lines.RemoveAll(l => l.Split(',')[1] == Branch);
        lines.Add(Row(header, "Q-E", 93));
        lines.Add(Row(header, "Q-D", 95));
        lines.Add(Row(header, "Q-C", 95));
        lines.Add(Row(header, "Q-B", 97));
        lines.Add(Row(header, "Q-A", 99));
        for (var i = 1; i <= 4; i++)
        {
            lines.Add(Row(header, $"Q-G{i}", 80));
        }

        lines.Add(Row(header, "Q-P", 99, probationary: true));
        File.WriteAllLines(path, lines, new UTF8Encoding(true));
        return folder;
    });

    private static string Row(string[] header, string id, int rating, bool probationary = false) =>
        string.Join(",", header.Select(column => column switch
        {
            "党员编号" => id,
            "组织编号" => Branch,
            "党员类型" => probationary ? "预备党员" : "正式党员",
            "应参加组织生活次数" or "实际参加组织生活次数" => "12",
            "应交纳党费月数" or "按时交纳党费月数" => "12",
            "有正当理由" => "否",
            "本年度受党纪处分" => "无",
            "民主测评有效票数" or "“信任”票数" => "10",
            _ when column.Contains('.', StringComparison.Ordinal) => rating.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "0",
        }));

    private static BatchSummary Grade(ProvinceGrader grader, string output, int threads, ResultFormats formats = ResultFormats.Csv) =>
        grader.Grade(ProvinceFiles.InFolder(Province.Value), output, new BatchOptions { Threads = threads, Formats = formats });

    private static Dictionary<string, Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Where(f => f[0].StartsWith("Q-", StringComparison.Ordinal))
            .ToDictionary(f => f[0], f => header.Zip(f).ToDictionary(p => p.First, p => p.Second));
    }

    /// <summary>The shipped schemes with member-wudai's quotas removed, as a province switches the cap off.</summary>
    private static ProvinceGrader WithoutQuota()
    {
        var folder = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(GoldenCases.SchemesFolder, "*.json"))
        {
            var text = File.ReadAllText(file);
            if (Path.GetFileName(file) == "member-wudai.json")
            {
                var scheme = JObject.Parse(text);
                scheme.Remove("quotas");
                text = scheme.ToString();
            }

            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), text);
        }

        return new ProvinceGrader(SchemeCatalogue.LoadFolder(folder)["org-sanfenlei"]);
    }

    [Test]
    public void Grade_BranchOfNineWithFiveExcellent_ThreeStayTwoMovedWithANote()
    {
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(ProvinceFixture.Grader, output, threads: 2);

        var rows = Rows(Path.Combine(output, "members.csv"));
        Assert.That(rows.Keys.Order(StringComparer.Ordinal).Where(id => rows[id]["等级"] == "优秀"), Is.EqualTo(new[] { "Q-A", "Q-B", "Q-D" }),
            "the best three by 总分; D and C tie on every key and D comes first in the file");
        Assert.That(rows["Q-C"]["等级"], Is.EqualTo("合格"));
        Assert.That(rows["Q-E"]["等级"], Is.EqualTo("合格"));
        Assert.That(rows["Q-P"]["等级"], Is.Empty, "预备党员: no level, not in the base");
        foreach (var id in new[] { "Q-C", "Q-E" })
        {
            Assert.That(rows[id]["名额调整"], Does.Contain("定等党员 9 名").And.Contain("至多 3 名").And.Contain("由“优秀”调为“合格”"), id);
        }

        Assert.That(rows["Q-C"]["名额调整"], Does.Contain("排第 4"));
        Assert.That(rows["Q-E"]["名额调整"], Does.Contain("排第 5"));
        Assert.That(rows.Where(r => r.Key is not ("Q-C" or "Q-E")).Select(r => r.Value["名额调整"]), Is.All.Empty);
        var rule = summary.BatchRules.Single(r => r.Kind == "党员名额");
        Assert.That(rule.Id, Is.EqualTo("优秀比例"));
        Assert.That(rule.Affected, Is.GreaterThanOrEqualTo(2));
        Assert.That(summary.Files[2].Reconciles, Is.True);
    }

    [Test]
    public void Grade_MembersMovedByQuota_OrganisationGradedWithTheCappedLevels()
    {
        var output = ProvinceFixture.NewOutputFolder();
        Grade(ProvinceFixture.Grader, output, threads: 2);

        var explanation = ProvinceFixture.Grader.Explain(ProvinceFiles.InFolder(Province.Value), Branch)!;

        var members = explanation.Result.Linked["党员"];
        Assert.That(members.Count(m => m.Level?.Id == "优秀"), Is.EqualTo(3));
        Assert.That(members.Single(m => m.SubjectId == "Q-C").Explanation!.Level.Decision, Is.EqualTo(LevelDecision.Quota));
        Assert.That(explanation.Result.Measures.Select(m => m.RuleId), Has.None.EqualTo("优秀比例超限"), "the organisation counts 3 优秀 of 9");
        var text = explanation.ToText();
        Assert.That(text, Does.Contain("因名额限制（优秀党员一般不超过本支部参评党员的三分之一）调低等级的党员 2 个：Q-E（优秀→合格）、Q-C（优秀→合格）"));
        var organisations = File.ReadAllLines(Path.Combine(output, "organisations.csv"), Encoding.UTF8);
        var header = organisations[0].TrimStart('\uFEFF').Split(',');
        var row = organisations.Single(l => l.StartsWith(Branch + ",", StringComparison.Ordinal)).Split(',');
        Assert.That(row[Array.IndexOf(header, "总分")], Is.EqualTo(explanation.Result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        TestContext.Out.WriteLine(text);
    }

    [Test]
    public void Grade_MemberQuotaOnOneThreadAndFour_ByteIdenticalOutputs()
    {
        var one = ProvinceFixture.NewOutputFolder();
        var four = ProvinceFixture.NewOutputFolder();

        Grade(ProvinceFixture.Grader, one, threads: 1, ResultFormats.Csv | ResultFormats.JsonLines);
        Grade(ProvinceFixture.Grader, four, threads: 4, ResultFormats.Csv | ResultFormats.JsonLines);

        var a = ProvinceFixture.Files(one);
        var b = ProvinceFixture.Files(four);
        Assert.That(b.Keys, Is.EqualTo(a.Keys));
        foreach (var (name, bytes) in a)
        {
            Assert.That(b[name], Is.EqualTo(bytes), name);
        }

        Assert.That(Encoding.UTF8.GetString(a["members.jsonl"]), Does.Contain("\"quota\":\"优秀党员一般不超过本支部参评党员的三分之一："));
    }

    [Test]
    public void Grade_MemberSchemeWithoutQuota_NoMovesAndTheOrganisationWarns()
    {
        var grader = WithoutQuota();
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(grader, output, threads: 2);

        var rows = Rows(Path.Combine(output, "members.csv"));
        Assert.That(rows.Count(r => r.Value["等级"] == "优秀"), Is.EqualTo(5));
        Assert.That(rows.Values.First().ContainsKey("名额调整"), Is.False, "no quota, no column");
        Assert.That(summary.BatchRules.Select(r => r.Kind), Has.None.EqualTo("党员名额"));
        var explanation = grader.Explain(ProvinceFiles.InFolder(Province.Value), Branch)!;
        Assert.That(explanation.Result.Measures.Select(m => m.Text), Has.Some.Contains("评为优秀的党员5名，超过已定等党员9名的三分之一"));
    }
}
