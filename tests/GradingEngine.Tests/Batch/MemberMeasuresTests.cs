using GradingEngine.Batch;
using GradingEngine.Batch.Report;
using GradingEngine.NRules;
using GradingEngine.Samples;
using GradingEngine.Tests.Report;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// The members' measures (措施) are left out of a run's results by default and written with
/// <see cref="BatchOptions.MemberMeasures"/>. Leaving them out changes nothing else: members.csv is the file with them
/// less its 措施 column, members.jsonl the lines less <c>"measures"</c>, every other file byte-identical, on any number
/// of threads and on either back end; the report says the members' measures were not recorded instead of "none".
/// </summary>
public sealed class MemberMeasuresTests
{
    private const ResultFormats Formats = ResultFormats.Csv | ResultFormats.JsonLines;

    /// <summary>Bad rows, duplicate ids and quota moves (优秀 capped at a third) included.</summary>
    private static readonly SampleProvinceOptions Sample = new() { Organisations = 300, Seed = 12, CorruptRowsPerFile = 7 };

    [TestCase(1, false)]
    [TestCase(3, false)]
    [TestCase(2, true)]
    public void Grade_WithoutMemberMeasures_TheSameResultsLessTheMembersMeasures(int threads, bool nrules)
    {
        var files = ProvinceFiles.InFolder(ProvinceFixture.Province(Sample).Folder);
        var grader = nrules ? new ProvinceGrader(ProvinceFixture.Organisation.WithBackEnd(NRulesBackEnd.Instance)) : ProvinceFixture.Grader;
        var without = ProvinceFixture.NewOutputFolder();
        var with = ProvinceFixture.NewOutputFolder();

        var a = grader.Grade(files, without, new BatchOptions { Threads = threads, Formats = Formats });
        var b = grader.Grade(files, with, new BatchOptions { Threads = threads, Formats = Formats, MemberMeasures = true });

        var expected = ProvinceFixture.Files(with);
        var actual = ProvinceFixture.Files(without);
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var name in expected.Keys.Where(n => !n.StartsWith("members.", StringComparison.Ordinal)))
        {
            Assert.That(actual[name], Is.EqualTo(expected[name]), name);
        }

        var (withHeader, withRows) = Csv(Path.Combine(with, "members.csv"));
        var (header, rows) = Csv(Path.Combine(without, "members.csv"));
        var measures = withHeader.IndexOf("措施");
        Assert.That(measures, Is.GreaterThan(0));
        Assert.That(header, Is.EqualTo(withHeader.Where((_, i) => i != measures)));
        Assert.That(rows, Has.Count.EqualTo(withRows.Count).And.Count.GreaterThan(5_000));
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.That(rows[r], Is.EqualTo(withRows[r].Where((_, i) => i != measures)), () => $"members.csv row {r + 2}");
        }

        Assert.That(withRows.Count(row => row[measures].Length > 0), Is.GreaterThan(rows.Count / 2), "most members have measures when they are written");
        var quota = header.IndexOf("名额调整");
        Assert.That(rows.Count(row => row[quota].Contains("由“优秀”调为“合格”", StringComparison.Ordinal)), Is.GreaterThan(0), "the quota notes stay");

        var withLines = File.ReadAllLines(Path.Combine(with, "members.jsonl"));
        var lines = File.ReadAllLines(Path.Combine(without, "members.jsonl"));
        Assert.That(lines, Has.Length.EqualTo(withLines.Length));
        for (var l = 0; l < lines.Length; l++)
        {
            var line = JObject.Parse(lines[l]);
            var full = JObject.Parse(withLines[l]);
            Assert.That(line.ContainsKey("measures"), Is.False, () => $"members.jsonl line {l + 1}");
            Assert.That(full.ContainsKey("measures"), Is.True);
            full.Remove("measures");
            Assert.That(JToken.DeepEquals(line, full), Is.True, () => $"members.jsonl line {l + 1}:\n{lines[l]}\n{withLines[l]}");
        }

        Assert.That(a.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected)), Is.EqualTo(b.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected))));
        Assert.That(a.BatchRules, Is.EqualTo(b.BatchRules));
    }

    [Test]
    public void Report_WithoutMemberMeasures_SaysTheyWereNotRecorded_FromTheRunAndFromTheFiles()
    {
        var files = ProvinceFiles.InFolder(ProvinceFixture.Province(Sample).Folder);
        var without = ProvinceFixture.NewOutputFolder();
        var with = ProvinceFixture.NewOutputFolder();
        var collector = new ReportCollector();
        var collectorWith = new ReportCollector();

        ProvinceFixture.Grader.Grade(files, without, new BatchOptions { Report = collector });
        ProvinceFixture.Grader.Grade(files, with, new BatchOptions { Report = collectorWith, MemberMeasures = true });

        var report = collector.Report!;
        var members = report.Kinds.Single(k => k.Kind == "党员");
        Assert.That(members.MeasuresRecorded, Is.False);
        Assert.That(members.Measures, Is.Empty);
        Assert.That(report.Kinds.Where(k => k.Kind != "党员").Select(k => (k.MeasuresRecorded, k.Measures.Count > 0)), Is.All.EqualTo((true, true)));
        var page = RunReportTests.Html(report);
        Assert.That(page, Does.Contain("本次评定未记录党员的措施"));
        Assert.That(page, Is.EqualTo(RunReportTests.Html(ProvinceReport.FromFolder(without))), "the files say the same: members.csv has no 措施 column");

        var full = collectorWith.Report!.Kinds.Single(k => k.Kind == "党员");
        Assert.That((full.MeasuresRecorded, full.Measures.Count > 0), Is.EqualTo((true, true)));
        Assert.That(RunReportTests.Html(collectorWith.Report!), Does.Not.Contain("本次评定未记录"));
        Assert.That((members.Graded, members.QuotaMoved), Is.EqualTo((full.Graded, full.QuotaMoved)));
        Assert.That(members.Levels, Is.EqualTo(full.Levels));
        Assert.That(members.Flags, Is.EqualTo(full.Flags));
        Assert.That(members.Items, Is.EqualTo(full.Items));
    }

    private static (List<string> Header, List<string[]> Rows) Csv(string path)
    {
        using var csv = new ResultCsv(path);
        var rows = new List<string[]>();
        while (csv.Next() is { } row)
        {
            rows.Add(row);
        }

        return ([.. csv.Header], rows);
    }
}
