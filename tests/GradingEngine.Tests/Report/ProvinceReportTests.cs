using System.Text;
using GradingEngine.Batch.Report;
using GradingEngine.Batch.Summary;
using GradingEngine.Cli;
using GradingEngine.Grading;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.Report;

/// <summary>The report's figures against the result files and the run's summary, its escaping, its size and <c>grading report</c>'s exit codes.</summary>
public class ProvinceReportTests
{
    private static ProvinceReport Report => ProvinceReport.FromFolder(ReportProvince.Results);

    private static BatchSummary Summary
    {
        get
        {
            using var reader = new StreamReader(Path.Combine(ReportProvince.Results, "summary.json"));
            return SummaryJson.Read(reader);
        }
    }

    [Test]
    public void Levels_PerKind_AreTheSummarysCounts()
    {
        var report = Report;

        foreach (var kind in Summary.Kinds)
        {
            var levels = report.Kinds.Single(k => k.Kind == kind.Kind).Levels.Where(l => l.Count > 0).ToList();
            Assert.That(levels, Is.EqualTo(kind.Levels.Where(l => l.Count > 0)), kind.Kind);
        }
    }

    [Test]
    public void YearOverYear_IsTheSummarysTransitionMatrix()
    {
        var expected = Summary.YearOverYear!.Totals;

        var actual = Report.YearOverYear!;

        Assert.That(actual.Levels, Is.EqualTo(expected.Levels));
        Assert.That(actual.Matrix, Is.EqualTo(expected.Matrix));
        Assert.That((actual.Upgraded, actual.Same, actual.Downgraded, actual.New, actual.BottomLastYear, actual.BottomMovedUp),
            Is.EqualTo((expected.Upgraded, expected.Same, expected.Downgraded, expected.New, expected.BottomLastYear, expected.BottomMovedUp)));
    }

    [Test]
    public void Regions_AreTheSummarysRegions()
    {
        var expected = Summary.Regions.Where(r => r.Depth > 0).ToList();

        var actual = Report.Regions;

        Assert.That(actual.Select(r => (r.Name, r.Depth, r.Organisations, r.QuotaMoved, r.BottomMarked)),
            Is.EqualTo(expected.Select(r => (r.Name, r.Depth, r.Organisations, r.QuotaMoved, r.BottomMarked))));
        Assert.That(actual.Select(r => r.Levels), Is.EqualTo(expected.Select(r => r.Levels)));
        Assert.That(actual.Select(r => (r.Upgraded, r.Same, r.Downgraded)),
            Is.EqualTo(expected.Select(r => (r.YearOverYear!.Upgraded, r.YearOverYear.Same, r.YearOverYear.Downgraded))));
    }

    [Test]
    public void Quotas_EveryCountyKeepsItsQuota_AndMovesAreCounted()
    {
        var quota = Report.Quotas.Single();

        Assert.That(quota.Level, Is.EqualTo("一类"));
        Assert.That(quota.Groups, Is.Not.Empty);
        Assert.That(quota.Groups.All(g => g.Complies), Is.True);
        Assert.That(quota.Groups.Sum(g => g.Moved), Is.EqualTo(Summary.BatchRules.Single(r => r.Kind == "名额").Affected));
    }

    [Test]
    public void Items_PointsLost_AreFullPointsMinusTheScoresOfTheFile()
    {
        var rows = ReportProvince.Csv("organisations.csv");
        var scheme = SchemeCatalogue.Shipped["org-sanfenlei"];

        var items = Report.Kinds.Single(k => k.Kind == "党组织").Items;

        foreach (var plan in scheme.Model.Items)
        {
            var scores = ReportProvince.Column(rows, plan.DisplayName).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var item = items.Single(i => i.Label == plan.DisplayName);
            Assert.That(item.PointsLost, Is.EqualTo((plan.FullPoints * scores.Count) - scores.Sum()).Within(0.01), plan.DisplayName);
            Assert.That(item.FullPoints, Is.EqualTo(plan.FullPoints));
        }
    }

    [Test]
    public void Lists_AreCapped()
    {
        var report = Report;

        Assert.That(report.MovedUp, Has.Count.LessThanOrEqualTo(ProvinceReport.ListLimit).And.Not.Empty);
        Assert.That(report.MovedDown, Has.Count.LessThanOrEqualTo(ProvinceReport.ListLimit).And.Not.Empty);
        Assert.That(report.MovedUp.Select(m => m.Steps), Is.Ordered.Descending);
        Assert.That(report.Kinds.All(k => k.Measures.Count <= ProvinceReport.ListLimit && k.Flags.Count <= ProvinceReport.ListLimit));
    }

    [Test]
    public void Html_EscapesHostileText_AndHasNoScriptNorExternalReference()
    {
        var html = File.ReadAllText(ReportProvince.ReportFile, Encoding.UTF8);

        Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
        Assert.That(html, Does.Not.Contain("<img").IgnoreCase);
        Assert.That(html, Does.Contain("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;区"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, @"\b(?:src|href)\s*=\s*""([^""]*)""").Select(m => m.Groups[1].Value), Is.All.StartWith("#"), "links are anchors only: nothing fetched");
        Assert.That(html, Does.Not.Contain("url(").And.Not.Contain("@import").And.Not.Contain("<link"), "nothing fetched");
        Assert.That(html, Does.Contain("@media print"));
    }

    [Test]
    public void Html_RowsFromAnySource_EveryTextEscaped()
    {
        string[] regions = ["<b>省", "=市", "<i onmouseover=x>县"];
        var row = new ResultRow("<id>", "<id>", ReportProvince.ScriptName, regions, "一类", 95, [], ["<svg onload=alert(1)>"], [ReportProvince.FormulaName],
            string.Empty, "<u>末位</u>", "三类");
        var source = new ResultSource(Summary, [new ResultTable("党组织", ["省", "市", "县"], [], [row]), new ResultTable("领导班子", [], [], []), new ResultTable("党员", [], [], [])]);
        using var writer = new StringWriter();

        ProvinceReport.Build(source, SchemeCatalogue.Shipped).WriteHtml(writer);

        var html = writer.ToString();
        Assert.That(html, Does.Contain("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;党支部"), "the mover's name");
        Assert.That(html, Does.Contain("&lt;svg onload=alert(1)&gt;").And.Contain("=HYPERLINK(&quot;http://example.com&quot;,&quot;点击&quot;)").And.Contain("&lt;i onmouseover=x&gt;县"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<svg onload").And.Not.Contain("<b>省").And.Not.Contain("<i ").And.Not.Contain("<id>"));
    }

    [Test]
    public void Html_SameResults_SameBytes()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        Report.WriteHtml(first);
        Report.WriteHtml(second);

        Assert.That(second.ToString(), Is.EqualTo(first.ToString()));
    }

    [Test]
    public void Command_WritesTheReportIntoTheResultsFolder()
    {
        var out1 = Path.Combine(ProvinceFixture.NewOutputFolder(), "r.html");

        var (code, output, error) = Run("report", "--results", ReportProvince.Results, "--out", out1);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output, Does.Contain("报告：").And.Contain(out1));
        Assert.That(File.ReadAllText(out1), Is.EqualTo(File.ReadAllText(ReportProvince.ReportFile)));
    }

    [Test]
    public void Command_IncompleteOrMissingResults_ExitsOne()
    {
        var empty = ProvinceFixture.NewOutputFolder();
        File.WriteAllText(Path.Combine(empty, "summary.json"), "{}");

        var (missing, _, missingError) = Run("report", "--results", Path.Combine(empty, "nope"));
        var (incomplete, _, incompleteError) = Run("report", "--results", empty);

        Assert.That(missing, Is.EqualTo(Program.InputProblems));
        Assert.That(missingError, Does.Contain("不存在"));
        Assert.That(incomplete, Is.EqualTo(Program.InputProblems));
        Assert.That(incompleteError, Does.Contain("不完整").And.Contain("organisations.csv"));
    }

    [Test]
    public void Command_WrongCommandLine_ExitsTwo()
    {
        Assert.That(Run("report").Code, Is.EqualTo(Program.Usage));
        Assert.That(Run("report", "--results", ReportProvince.Results, "--bogus", "1").Code, Is.EqualTo(Program.Usage));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
