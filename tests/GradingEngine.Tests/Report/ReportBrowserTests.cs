using System.Globalization;
using Tool = GradingEngine.Cli.Program;
using GradingEngine.Grading;
using GradingEngine.Tests.Batch;
using Microsoft.Playwright;

namespace GradingEngine.Tests.Report;

/// <summary>
/// The report and the rule book opened in a real browser (headless Chromium): no console error, no page error, no
/// request for anything outside the page, and each chart drawn with the bars and cells the result files call for —
/// computed here from the files, apart from the report's own reader.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public class ReportBrowserTests
{
    private static readonly string[] Kinds = ["党组织", "领导班子", "党员"];
    private static readonly Dictionary<string, string> Files = new() { ["党组织"] = "organisations.csv", ["领导班子"] = "teams.csv", ["党员"] = "members.csv" };
    private static readonly Dictionary<string, string> Schemes = new() { ["党组织"] = "org-sanfenlei", ["领导班子"] = "team-sihao", ["党员"] = "member-wudai" };

    [Test]
    [CancelAfter(60_000)]
    public async Task Report_OpensWithoutErrors_AndDrawsEveryChartFromTheData()
    {
        var report = ReportProvince.ReportFile;
        await using var browser = await Browser.Launch();
        var problems = new List<string>();

        var page = await browser.Open(report, problems);
        await Browser.Screenshot(page, "report.png");

        Assert.That(await page.TitleAsync(), Does.StartWith("评定结果报告"), "a script in the data would have changed the title");
        foreach (var kind in Kinds)
        {
            var rows = ReportProvince.Csv(Files[kind]);
            var scheme = SchemeCatalogue.Shipped[Schemes[kind]];
            var levels = ReportProvince.Column(rows, "等级");
            var expected = scheme.Model.Levels.Select(l => (l.DisplayName, (double)levels.Count(v => v == l.DisplayName))).ToList();
            if (levels.Any(v => v.Length == 0))
            {
                expected.Add(("不评定", levels.Count(v => v.Length == 0)));
            }

            Assert.That(await Bars(page, "levels-" + kind, "data-count"), Is.EqualTo(expected), kind);

            var flags = ReportProvince.Column(rows, "标记").SelectMany(f => f.Split('、', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var flagBars = flags.GroupBy(f => f).Select(g => (g.Key, (double)g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal).Take(20).ToList();
            Assert.That(await Bars(page, "flags-" + kind, "data-count"), Is.EqualTo(flagBars), kind + " flags");

            var parents = scheme.Model.Items.Select(i => i.Parent).ToHashSet();
            var lost = scheme.Model.Items.Select((item, index) => (item, index))
                .Where(p => !parents.Contains(p.index))
                .Select(p => (p.item.DisplayName, Lost: Math.Round(ReportProvince.Column(rows, p.item.DisplayName).Sum(s => p.item.FullPoints - double.Parse(s, CultureInfo.InvariantCulture)), 2)))
                .Where(p => p.Lost > 0)
                .OrderByDescending(p => p.Lost).ThenBy(p => p.DisplayName, StringComparer.Ordinal).Take(20).ToList();
            var itemBars = await Bars(page, "items-" + kind, "data-points");
            Assert.That(itemBars.Select(b => b.Label), Is.EqualTo(lost.Select(l => l.DisplayName)), kind + " items");
            Assert.That(itemBars.Select(b => b.Value), Is.EqualTo(lost.Select(l => l.Lost)).Within(0.011), kind + " items");
        }

        var organisations = ReportProvince.Csv("organisations.csv");
        var thisYear = ReportProvince.Column(organisations, "等级");
        var lastYear = ReportProvince.Column(organisations, "上年等级");
        var orgLevels = SchemeCatalogue.Shipped["org-sanfenlei"].Model.Levels.Select(l => l.DisplayName).ToList();
        var cells = orgLevels.SelectMany(from => orgLevels.Select(to => (double)thisYear.Where((t, i) => lastYear[i] == from && t == to).Count())).ToList();
        Assert.That((await Cells(page, "transitions", "rect.cell")).Select(c => c.Value), Is.EqualTo(cells), "the transition matrix: last year's level by row");

        var province = ReportProvince.Column(organisations, "省");
        var cities = ReportProvince.Column(organisations, "市");
        var counties = ReportProvince.Column(organisations, "县");
        foreach (var name in province.Distinct())
        {
            var citySegments = cities.Where((_, i) => province[i] == name).Distinct()
                .SelectMany(city => orgLevels.Select(level => (double)thisYear.Where((t, i) => province[i] == name && cities[i] == city && t == level).Count())).ToList();
            Assert.That((await Cells(page, "regions-" + name, "rect.seg")).Select(c => c.Value), Is.EqualTo(citySegments), name);
            foreach (var city in cities.Where((_, i) => province[i] == name).Distinct())
            {
                var countySegments = counties.Where((_, i) => cities[i] == city).Distinct()
                    .SelectMany(county => orgLevels.Select(level => (double)thisYear.Where((t, i) => cities[i] == city && counties[i] == county && t == level).Count())).ToList();
                Assert.That((await Cells(page, $"regions-{name}/{city}", "rect.seg")).Select(c => c.Value), Is.EqualTo(countySegments), city);
            }
        }

        Assert.That(await page.GetByText(ReportProvince.ElementCounty).CountAsync(), Is.GreaterThan(0), "hostile text is shown as text");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RuleBook_OpensWithoutErrors_AndNamesTheSchemesItems()
    {
        var folder = ProvinceFixture.NewOutputFolder();
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.That(Tool.Run(["describe", "org-sanfenlei", "--out", folder], output, error), Is.EqualTo(Tool.Ok), error.ToString());
        }

        await using var browser = await Browser.Launch();
        var problems = new List<string>();

        var page = await browser.Open(Path.Combine(folder, "org-sanfenlei.html"), problems);
        await Browser.Screenshot(page, "rule-book.png");

        var text = await page.InnerTextAsync("body");
        foreach (var item in SchemeCatalogue.Shipped["org-sanfenlei"].Model.Items)
        {
            Assert.That(text, Does.Contain(item.DisplayName));
        }

        Assert.That(problems, Is.Empty);
    }

    /// <summary>The bars of a chart, in order: each one's data-label and number.</summary>
    private static async Task<List<(string Label, double Value)>> Bars(IPage page, string chart, string attribute)
    {
        var bars = page.Locator($"svg[data-chart=\"{chart}\"] rect.bar");
        var list = new List<(string, double)>();
        for (var i = 0; i < await bars.CountAsync(); i++)
        {
            var bar = bars.Nth(i);
            Assert.That(await bar.IsVisibleAsync() || await bar.GetAttributeAsync("width") == "0", Is.True);
            list.Add((await bar.GetAttributeAsync("data-label") ?? string.Empty, double.Parse(await bar.GetAttributeAsync(attribute) ?? "NaN", CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>The cells or segments of a chart, in order, each with its data-count.</summary>
    private static async Task<List<(string Label, double Value)>> Cells(IPage page, string chart, string selector)
    {
        var svg = page.Locator($"svg[data-chart=\"{chart}\"]");
        Assert.That(await svg.CountAsync(), Is.EqualTo(1), chart);
        Assert.That(await svg.IsVisibleAsync(), Is.True, chart);
        var counts = await svg.Locator(selector).EvaluateAllAsync<double[]>("els => els.map(e => Number(e.getAttribute('data-count')))");
        return [.. counts.Select(c => (chart, c))];
    }
}
