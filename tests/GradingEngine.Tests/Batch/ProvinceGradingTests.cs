using System.Globalization;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Batch;

public class ProvinceGradingTests
{
    private static readonly SampleProvinceOptions Small = new() { Organisations = 300, Seed = 11 };

    private static BatchSummary GradeInto(string folder, string output, int threads, ResultFormats formats = ResultFormats.Csv) =>
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(folder), output, new BatchOptions { Threads = threads, Formats = formats });

    private static List<string[]> ReadCsv(string path) =>
        File.ReadLines(path, Encoding.UTF8).Skip(1).Select(SplitCsv).ToList();

    /// <summary>A minimal RFC 4180 splitter for one line (result rows never contain line breaks).</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    [Test]
    public void Grade_SampleProvince_EveryRowGradedAndCountsReconcile()
    {
        var (folder, info) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = GradeInto(folder, output, threads: 2);

        Assert.That(summary.Files.Select(f => f.Reconciles), Is.All.True);
        Assert.That(summary.Files[0].Graded, Is.EqualTo(info.Organisations));
        Assert.That(summary.Files[1].Graded, Is.EqualTo(info.Teams));
        Assert.That(summary.Files[2].Graded, Is.EqualTo(info.Members));
        Assert.That(summary.Files.Sum(f => f.Rejected), Is.Zero);
        Assert.That(ReadCsv(Path.Combine(output, "organisations.csv")), Has.Count.EqualTo(info.Organisations));
        Assert.That(ReadCsv(Path.Combine(output, "members.csv")), Has.Count.EqualTo(info.Members));
        Assert.That(File.ReadAllLines(Path.Combine(output, "errors.csv")), Has.Length.EqualTo(1), "header only");
        Assert.That(Directory.GetFiles(output, "*.partial"), Is.Empty);
        var regions = summary.Regions;
        Assert.That(regions[0].Organisations, Is.EqualTo(info.Organisations));
        Assert.That(regions[0].Levels.Sum(l => l.Count), Is.EqualTo(info.Organisations));
        Assert.That(regions.Where(r => r.Depth == 3).Sum(r => r.Organisations), Is.EqualTo(info.Organisations), "counties add up to the province");
    }

    [Test]
    public void Grade_OneThreadAndFourThreads_ByteIdenticalOutputs()
    {
        var (folder, _) = ProvinceFixture.Province(Small with { CorruptRowsPerFile = 4 });
        var one = ProvinceFixture.NewOutputFolder();
        var four = ProvinceFixture.NewOutputFolder();

        GradeInto(folder, one, threads: 1, ResultFormats.Csv | ResultFormats.JsonLines);
        GradeInto(folder, four, threads: 4, ResultFormats.Csv | ResultFormats.JsonLines);

        var a = ProvinceFixture.Files(one);
        var b = ProvinceFixture.Files(four);
        Assert.That(b.Keys, Is.EqualTo(a.Keys));
        Assert.That(a.Keys, Is.SupersetOf(new[] { "organisations.csv", "organisations.jsonl", "teams.csv", "members.csv", "errors.csv", "summary.json" }));
        foreach (var (name, bytes) in a)
        {
            Assert.That(b[name], Is.EqualTo(bytes), name);
        }
    }

    [Test]
    public void Grade_CorruptRows_EachReportedWithItsLineAndCountsReconcile()
    {
        var (folder, info) = ProvinceFixture.Province(Small with { Seed = 12, CorruptRowsPerFile = 7 });
        var output = ProvinceFixture.NewOutputFolder();

        var summary = GradeInto(folder, output, threads: 2);

        var errors = ReadCsv(Path.Combine(output, "errors.csv"));
        var reported = errors.Select(e => (File: e[0], Line: long.Parse(e[1], CultureInfo.InvariantCulture))).ToHashSet();
        Assert.That(info.CorruptRows, Is.Not.Empty);
        foreach (var bad in info.CorruptRows)
        {
            Assert.That(reported, Does.Contain((Path.GetFileName(bad.File), bad.Line)), $"{bad.Kind} at {bad.File}:{bad.Line}");
        }

        Assert.That(summary.Files.Select(f => f.Reconciles), Is.All.True);
        foreach (var file in summary.Files.Take(3))
        {
            Assert.That(file.RowsRead, Is.EqualTo(info.RowsIn(Path.GetFileName(file.File))), file.File);
            Assert.That(file.Rejected, Is.GreaterThan(0), file.File);
        }

        Assert.That(errors.All(e => e[6].Length > 0), "every error has a reason");
    }

    [Test]
    public void Grade_Quota_AtMostThirtyPercentFirstCategoryPerCounty()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = GradeInto(folder, output, threads: 2);

        foreach (var county in summary.Regions.Where(r => r.Depth == 3))
        {
            var first = county.Levels.Single(l => l.Label == "一类").Count;
            Assert.That(first, Is.LessThanOrEqualTo((long)Math.Floor((0.3 * county.Organisations) + 1e-9)), county.Path);
        }

        var rows = ReadCsv(Path.Combine(output, "organisations.csv"));
        var header = File.ReadLines(Path.Combine(output, "organisations.csv")).First().TrimStart('\uFEFF').Split(',');
        var level = Array.IndexOf(header, "等级");
        var measures = Array.IndexOf(header, "措施");
        var quota = Array.IndexOf(header, "名额调整");
        var moved = rows.Where(r => r[quota].Length > 0).ToList();
        Assert.That(moved, Is.Not.Empty);
        Assert.That(summary.BatchRules.Single(r => r.Kind == "名额").Affected, Is.EqualTo(moved.Count));
        foreach (var row in moved)
        {
            Assert.That(row[level], Is.EqualTo("二类"));
            Assert.That(row[measures], Does.Contain("二类上台阶"), "measures follow the level the quota left");
            Assert.That(row[quota], Does.Contain("由“一类”调为“二类”"));
        }

        var bottom = Array.IndexOf(header, "末位排名");
        Assert.That(rows.Count(r => r[bottom].Length > 0), Is.EqualTo(summary.BatchRules.Single(r => r.Kind == "末位排名").Affected));
    }

    [Test]
    public void Grade_SameOrganisationsAsSingleSubjectGrading()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        GradeInto(folder, output, threads: 2);
        var rows = ReadCsv(Path.Combine(output, "organisations.csv"));
        var header = File.ReadLines(Path.Combine(output, "organisations.csv")).First().TrimStart('\uFEFF').Split(',');

        // Every 15th organisation, graded alone from the same rows through the public API.
        foreach (var row in rows.Where((_, i) => i % 15 == 0))
        {
            var explained = ProvinceFixture.Grader.Explain(ProvinceFiles.InFolder(folder), row[0]);
            Assert.That(explained, Is.Not.Null);
            var result = explained!.Result;
            Assert.That(result.Total.ToString(CultureInfo.InvariantCulture), Is.EqualTo(row[Array.IndexOf(header, "总分")]), row[0]);
            Assert.That(result.Level!.Label, Is.EqualTo(row[Array.IndexOf(header, "等级")]), row[0]);
            foreach (var item in result.Items)
            {
                Assert.That(item.Score.ToString(CultureInfo.InvariantCulture), Is.EqualTo(row[Array.IndexOf(header, item.Label)]), $"{row[0]} {item.Label}");
            }

            Assert.That(string.Join("；", result.Measures.Select(m => m.Text)), Is.EqualTo(row[Array.IndexOf(header, "措施")]), row[0]);
        }
    }

    [Test]
    public void Explain_OrganisationMovedByQuota_SaysSo()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        GradeInto(folder, output, threads: 2);
        var header = File.ReadLines(Path.Combine(output, "organisations.csv")).First().TrimStart('\uFEFF').Split(',');
        var moved = ReadCsv(Path.Combine(output, "organisations.csv")).First(r => r[Array.IndexOf(header, "名额调整")].Length > 0);

        var explanation = ProvinceFixture.Grader.Explain(ProvinceFiles.InFolder(folder), moved[0])!;

        Assert.That(explanation.Result.Explanation!.Level.Decision, Is.EqualTo(LevelDecision.Quota));
        Assert.That(explanation.BatchNotes, Has.Some.Contains("由“一类”调为“二类”"));
        var text = explanation.ToText();
        Assert.That(text, Does.Contain("因名额限制定为“二类”"));
        Assert.That(text, Does.Contain("【批次规则】"));
        Assert.That(explanation.Result.Linked["党员"], Is.Not.Empty, "members graded with it");
        TestContext.Out.WriteLine(text);
    }

    [Test]
    public void Grade_JsonLinesAndGb18030Inputs_SameResultsAsUtf8Csv()
    {
        var csv = ProvinceFixture.Province(Small);
        var jsonl = ProvinceFixture.Province(Small with { Format = SampleFileFormat.JsonLines });
        var gbk = ProvinceFixture.Province(Small with { Encoding = SampleEncoding.Gb18030 });
        var outputs = new[] { csv, jsonl, gbk }.Select(p =>
        {
            var output = ProvinceFixture.NewOutputFolder();
            var summary = GradeInto(p.Folder, output, threads: 2);
            return (output, summary);
        }).ToList();

        Assert.That(outputs[2].summary.Files[0].Encoding, Is.EqualTo("gb18030"));
        foreach (var name in new[] { "organisations.csv", "teams.csv", "members.csv" })
        {
            var expected = File.ReadAllBytes(Path.Combine(outputs[0].output, name));
            Assert.That(File.ReadAllBytes(Path.Combine(outputs[1].output, name)), Is.EqualTo(expected), "jsonl " + name);
            Assert.That(File.ReadAllBytes(Path.Combine(outputs[2].output, name)), Is.EqualTo(expected), "gb18030 " + name);
        }
    }

    [Test]
    public void Grade_RequiredColumnMissing_FailsBeforeGradingAndNamesIt()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var broken = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }

        var members = Path.Combine(broken, "members.csv");
        var lines = File.ReadAllLines(members);
        var header = lines[0].Split(',');
        var drop = Array.IndexOf(header, "按时交纳党费月数");
        File.WriteAllLines(members, lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != drop))));
        var output = Path.Combine(broken, "results");

        var ex = Assert.Throws<BatchInputException>(() => GradeInto(broken, output, threads: 2));

        Assert.That(ex!.Message, Does.Contain("members.csv").And.Contain("按时交纳党费月数"));
        Assert.That(Directory.Exists(output) ? Directory.GetFiles(output) : [], Is.Empty, "nothing left behind");
    }

    [Test]
    public void Grade_QuotaGroupColumnMissing_FailsAndNamesIt()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var broken = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }

        var organisations = Path.Combine(broken, "organisations.csv");
        var lines = File.ReadAllLines(organisations);
        var drop = Array.IndexOf(lines[0].Split(','), "县");
        File.WriteAllLines(organisations, lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != drop))));

        var ex = Assert.Throws<BatchInputException>(() => GradeInto(broken, Path.Combine(broken, "results"), threads: 2));

        Assert.That(ex!.Message, Does.Contain("organisations.csv").And.Contain("“县”"));
    }

    [Test]
    public void Grade_Cancelled_LeavesNoResultFiles()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOnStage(cancel, "党员");

        Assert.Throws<OperationCanceledException>(() => ProvinceFixture.Grader.Grade(
            ProvinceFiles.InFolder(folder), output, new BatchOptions { Threads = 2, Progress = progress }, cancel.Token));

        Assert.That(Directory.GetFiles(output), Is.Empty);
    }

    [Test]
    public void Summary_Json_HasReconciledFilesRegionsAndTransitions()
    {
        var (folder, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        var summary = GradeInto(folder, output, threads: 2);

        var json = JObject.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));

        Assert.That(json["files"]!.Select(f => (bool)f["reconciles"]!), Is.All.True);
        Assert.That((long)json["regions"]![0]!["organisations"]!, Is.EqualTo(summary.Regions[0].Organisations));
        var totals = summary.YearOverYear!.Totals;
        Assert.That(totals.Upgraded + totals.Same + totals.Downgraded, Is.EqualTo(totals.Compared));
        Assert.That(totals.Matrix.SelectMany(r => r).Sum(), Is.EqualTo(totals.Compared));
        Assert.That(totals.BottomMovedUp, Is.LessThanOrEqualTo(totals.BottomLastYear));
        Assert.That(totals.BottomLastYear, Is.EqualTo(totals.Matrix[^1].Sum()));
    }

    private sealed class CancelOnStage(CancellationTokenSource source, string stage) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            if (value.Stage == stage)
            {
                source.Cancel();
            }
        }
    }
}
