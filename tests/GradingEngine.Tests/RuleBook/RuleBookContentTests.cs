using System.Xml;
using GradingEngine.Grading;
using GradingEngine.RuleBook;
using GradingEngine.Schemes;

namespace GradingEngine.Tests.RuleBook;

/// <summary>The rule book of every shipped scheme names everything the loaded scheme has, in Markdown and in HTML.</summary>
public class RuleBookContentTests
{
    private static IEnumerable<string> ShippedIds => SchemeCatalogue.Shipped.All.Select(s => s.Id);

    [TestCaseSource(nameof(ShippedIds))]
    public void Book_NamesEveryInputItemRuleLevelGateAndVeto(string id)
    {
        var scheme = SchemeCatalogue.Shipped[id];
        var model = scheme.Model;
        var markdown = RuleBookWriter.ToMarkdown(scheme);
        var html = RuleBookWriter.ToHtml(scheme);

        var names = new List<string> { scheme.Name, scheme.Id, scheme.Version };
        names.AddRange(model.Inputs.Where(i => i.RatingId is null).Select(i => i.DisplayName));
        names.AddRange(model.Items.Select(i => i.DisplayName));
        names.AddRange(model.Levels.Select(l => l.DisplayName));
        names.AddRange(model.Flags.Select(f => f.DisplayName));
        names.AddRange(model.Values.Select(v => v.DisplayName));
        names.AddRange(model.Quotas.Select(q => q.Id));
        names.AddRange(model.BottomRankings.Select(b => b.DisplayName));
        foreach (var rule in model.Rules)
        {
            names.Add(rule.Id);
            if (rule.Description is { } description)
            {
                names.Add(description);
            }
        }

        Assert.That(model.Rules.Count(r => r.Origin == RuleOrigin.Veto), Is.GreaterThan(0), "every shipped scheme has a veto");
        foreach (var name in names.Distinct())
        {
            Assert.That(markdown, Does.Contain(MarkdownBook.Escape(name)), $"{id}.md lacks “{name}”");
            Assert.That(html, Does.Contain(HtmlBook.Escape(name)), $"{id}.html lacks “{name}”");
        }

        Assert.That(html, Does.Contain("闸门").Or.Not.Contain("atBest"));
        Assert.That(markdown, Does.Contain("## 等级").And.Contain("一票否决").And.Contain("## 输入项"));
    }

    [TestCaseSource(nameof(ShippedIds))]
    public void Book_EveryRuleIsInWordsNotCopiedFromTheScheme(string id)
    {
        var scheme = SchemeCatalogue.Shipped[id];
        var book = SchemeBookBuilder.Build(scheme);

        Assert.That(book.Rules.Select(r => r.Id), Is.EqualTo(scheme.Model.Rules.Where(r => r.Origin == RuleOrigin.Rule).Select(r => r.Id)));
        Assert.That(book.Gates.Select(g => g.Id), Is.EqualTo(scheme.Model.Rules.Where(r => r.Origin == RuleOrigin.Gate).Select(r => r.Id)));
        Assert.That(book.Vetoes.Select(v => v.Id), Is.EqualTo(scheme.Model.Rules.Where(r => r.Origin == RuleOrigin.Veto).Select(r => r.Id)));
        foreach (var rule in scheme.Model.Rules.Where(r => r.WhenText is not null))
        {
            var words = book.Rules.Select(r => (r.Id, r.Condition)).Concat(book.Gates.Select(g => (g.Id, g.Condition))).Concat(book.Vetoes.Select(v => (v.Id, v.Condition)))
                .First(r => r.Id == rule.Id).Condition;
            Assert.That(words, Is.Not.EqualTo(rule.WhenText).Or.Not.Match("[<>=]|\\band\\b|\\bor\\b|\\bnot\\b"), $"{id}: {rule.Id}");
            Assert.That(words, Does.Not.Match("[<>=!]|\\band\\b|\\bor\\b|\\bnot\\b"), $"{id}: {rule.Id}");
        }
    }

    [Test]
    public void Book_Sanfenlei_ShowsRulesInPlainWords()
    {
        var markdown = RuleBookWriter.ToMarkdown(SchemeCatalogue.Shipped["org-sanfenlei"]);

        Assert.That(markdown, Does.Contain("条件：设立支部委员会 且 支部委员会召开次数少于支部委员会每年应召开次数（12 次）"));
        Assert.That(markdown, Does.Contain("处理：“党组织带头人”扣 10 分（扣分：书记空缺）"));
        Assert.That(markdown, Does.Contain("条件：不满足“领导班子健全”"));
        Assert.That(markdown, Does.Contain("处理：标记为“软弱涣散党组织”"));
        Assert.That(markdown, Does.Contain("| 一类 | 一类 | 总分不低于 80 分 |"));
        Assert.That(markdown, Does.Contain("| 群众满意度低于90%的不得评为一类 | 满意度闸门 | 群众满意度低于评为一类所需的最低群众满意度（90%） | “二类” |"));
        Assert.That(markdown, Does.Contain("“三类”（最低等级）"));
        Assert.That(markdown, Does.Contain("同一“县”内，评为“一类”的不超过30%（向下取整）"));
    }

    [Test]
    public void Book_Variant_ShowsWhatItOverridesWithTheOldValues()
    {
        var book = SchemeBookBuilder.Build(SchemeCatalogue.Shipped["team-sihao-soe"]);

        Assert.That(book.Variant, Is.Not.Null);
        Assert.That(book.Variant!.BaseId, Is.EqualTo("team-sihao"));
        var clearing = book.Variant.Overrides.Single(o => o.Id == "廉洁项清零");
        Assert.That(clearing.Change, Is.EqualTo("替换"));
        Assert.That(clearing.Old, Does.Contain("“勤政廉洁好”扣 15 分"));
        Assert.That(clearing.New, Does.Contain("“作风形象好”扣 15 分"));
        var removed = book.Variant.Overrides.Single(o => o.Id == "勤政廉洁短板");
        Assert.That((removed.Change, removed.Section, removed.New), Is.EqualTo(("删除", "规则", (string?)null)));
        Assert.That(removed.Old, Does.Contain("勤政廉洁好测评低于"));
        Assert.That(book.Variant.Overrides.Single(o => o.Id == "经营业绩").Change, Is.EqualTo("新增"));
        var level = book.Variant.Overrides.Single(o => o.Id == "四好班子");
        Assert.That(level.Old, Does.Contain("勤政廉洁好测评"));
        Assert.That(level.New, Does.Contain("经营业绩好测评").And.Not.Contain("勤政廉洁"));
        Assert.That(book.Variant.Overrides.Single(o => o.Id == "名称").Old, Is.EqualTo(SchemeCatalogue.Shipped["team-sihao"].Name));

        var markdown = RuleBookWriter.ToMarkdown(SchemeCatalogue.Shipped["team-sihao-soe"], ["team-sihao"]);
        Assert.That(markdown, Does.Contain("## 与基础方案的差异").And.Contain("[《四好五强·领导班子评价》](team-sihao.md)"));
    }

    [Test]
    public void Book_FourGradeVariant_ShowsTheGateItChangesWithItsOldLevel()
    {
        var book = SchemeBookBuilder.Build(SchemeCatalogue.Shipped["org-fenlei-dingji"]);

        var gate = book.Variant!.Overrides.Single(o => o.Id == "满意度闸门");
        Assert.That(gate.Section, Is.EqualTo("闸门"));
        Assert.That(gate.Old, Does.EndWith("等级最高为“二类”"));
        Assert.That(gate.New, Does.EndWith("等级最高为“一般”"));
        Assert.That(book.Variant.Overrides.Where(o => o.Change == "删除").Select(o => o.Id), Is.SupersetOf(new[] { "一类", "二类", "三类" }));
        Assert.That(book.Levels.Select(l => l.Label), Is.EqualTo(new[] { "好", "较好", "一般", "较差" }));
    }

    [Test]
    public void Book_LinkedSchemes_AreLinkedOnlyWhenTheirBooksAreWrittenBeside()
    {
        var scheme = SchemeCatalogue.Shipped["org-sanfenlei"];

        var alone = RuleBookWriter.ToHtml(scheme);
        var together = RuleBookWriter.ToHtml(scheme, ["member-wudai", "team-sihao"]);

        Assert.That(alone, Does.Contain("《五带五争·党员民主评议》").And.Not.Contain("href=\"member-wudai.html\""));
        Assert.That(together, Does.Contain("<a href=\"member-wudai.html\">《五带五争·党员民主评议》</a>"));
        Assert.That(together, Does.Contain("<a href=\"team-sihao.html\">《四好五强·领导班子评价》</a>"));
    }

    [TestCaseSource(nameof(ShippedIds))]
    public void Html_IsStandaloneAndWellFormed(string id)
    {
        var html = RuleBookWriter.ToHtml(SchemeCatalogue.Shipped[id], ShippedIds);

        var document = ParseXhtml(html);
        Assert.That(document.DocumentElement!.Name, Is.EqualTo("html"));
        Assert.That(document.SelectNodes("//table")!.Count, Is.GreaterThan(3));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain(" src=").And.Not.Contain("@import").And.Not.Contain("url(").And.Not.Contain("http"));
        Assert.That(html, Does.Contain("<style>").And.Contain("@media print"));
        var anchors = document.SelectNodes("//*[@id]")!.Cast<XmlElement>().Select(e => e.GetAttribute("id")).ToHashSet();
        foreach (var href in document.SelectNodes("//a/@href")!.Cast<XmlAttribute>().Select(a => a.Value).Where(h => h.StartsWith('#')))
        {
            Assert.That(anchors, Does.Contain(href[1..]), href);
        }
    }

    internal static XmlDocument ParseXhtml(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        var document = new XmlDocument { XmlResolver = null };
        document.Load(reader);
        return document;
    }
}
