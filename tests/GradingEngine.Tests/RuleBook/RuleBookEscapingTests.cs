using GradingEngine.Grading;
using GradingEngine.RuleBook;

namespace GradingEngine.Tests.RuleBook;

/// <summary>Scheme text is user input: the rule book shows it as text, never as markup.</summary>
public class RuleBookEscapingTests
{
    private const string Hostile = """
        {
          "id": "hostile", "name": "<script>alert('名')</script>", "subject": "member",
          "description": "# 不是标题 & <b>不是粗体</b> | 不是表格 *也不是强调* [不是链接](http://example.com)",
          "inputs": [
            { "id": "x", "label": "<img src=x onerror=alert(1)>", "type": "integer", "unit": "次|次" },
            { "id": "y", "label": "a|b*c*_d_", "type": "boolean", "description": "第一行\n第二行 `代码`" },
            { "id": "z", "label": "1. 不是编号", "type": "boolean", "description": "- 不是列表" }
          ],
          "rules": [ { "id": "r<1>", "description": "</li><li>注入", "when": "x < 3 and y", "then": [ { "measure": "<b>{x}</b> & \"引号\"" } ] } ],
          "levels": [ { "id": "合格", "label": "合格 & \"好\"" } ]
        }
        """;

    private static readonly Lazy<GradingScheme> Scheme = new(() => GradingScheme.Parse(Hostile, "hostile.json"));

    [Test]
    public void Html_SchemeTextAppearsAsText()
    {
        var html = RuleBookWriter.ToHtml(Scheme.Value);

        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<img").And.Not.Contain("<b>").And.Not.Contain("</li><li>注入"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;名&#39;)&lt;/script&gt;"));
        Assert.That(html, Does.Contain("&lt;img src=x onerror=alert(1)&gt;"));
        Assert.That(html, Does.Contain("合格 &amp; &quot;好&quot;"));
        Assert.That(html, Does.Not.Contain("href=\"http"));

        var document = RuleBookContentTests.ParseXhtml(html);
        Assert.That(document.SelectSingleNode("//title")!.InnerText, Does.StartWith("<script>alert('名')</script>"));
        Assert.That(document.SelectNodes("//script"), Is.Empty);
    }

    [Test]
    public void Markdown_SchemeTextCannotMakeMarkup()
    {
        var markdown = RuleBookWriter.ToMarkdown(Scheme.Value);

        Assert.That(markdown, Does.Contain("# \\<script\\>alert('名')\\</script\\>\n"));
        Assert.That(markdown, Does.Contain("\\# 不是标题 \\& \\<b\\>不是粗体\\</b\\> \\| 不是表格 \\*也不是强调\\* \\[不是链接\\](http://example.com)"));
        Assert.That(markdown, Does.Contain("a\\|b\\*c\\*\\_d\\_"));
        Assert.That(markdown, Does.Contain("第一行 第二行 \\`代码\\`"), "a line break in a cell would end the table row");
        Assert.That(markdown, Does.Contain("| 1\\. 不是编号 |").And.Contain("| \\- 不是列表 |"));
    }

    [Test]
    public void Markdown_TableRowsHaveAsManyCellsAsTheirHeader()
    {
        var lines = RuleBookWriter.ToMarkdown(Scheme.Value).Split('\n');
        var expected = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|'))
            {
                expected = 0;
                continue;
            }

            var pipes = System.Text.RegularExpressions.Regex.Count(lines[i], @"(?<!\\)\|");
            if (expected == 0)
            {
                expected = pipes;
            }

            Assert.That(pipes, Is.EqualTo(expected), lines[i]);
        }
    }
}
