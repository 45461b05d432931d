using System.Text;

namespace GradingEngine.RuleBook;

/// <summary>
/// Writes a <see cref="BookDocument"/> as one standalone HTML page: no script, no external style sheet, font or image,
/// the CSS inline, laid out for screen and print, and well-formed as XML (XHTML-compatible). All scheme text is
/// escaped: a label <c>&lt;script&gt;</c> appears as text.
/// </summary>
internal static class HtmlBook
{
    private const string Style = """
        :root { color-scheme: light; }
        body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "SimSun", sans-serif;
               line-height: 1.6; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1100px; padding: 1.5rem 2rem 3rem; }
        h1 { color: #a4000f; border-bottom: 3px solid #a4000f; padding-bottom: .4rem; font-size: 1.8rem; }
        h2 { color: #a4000f; border-left: 5px solid #a4000f; padding-left: .6rem; margin-top: 2.2rem; font-size: 1.35rem; }
        h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .92rem; }
        th, td { border: 1px solid #c9c9c9; padding: .35rem .55rem; text-align: left; vertical-align: top; }
        th { background: #f6eaea; white-space: nowrap; }
        tbody tr:nth-child(even) td { background: #fafafa; }
        td.depth-1 { padding-left: 1.8rem; } td.depth-2 { padding-left: 3.1rem; } td.depth-3 { padding-left: 4.4rem; } td.depth-4 { padding-left: 5.7rem; }
        nav.contents { background: #faf6f6; border: 1px solid #e6d2d2; padding: .6rem 1.2rem; margin: 1rem 0; }
        nav.contents ol { margin: .2rem 0; padding-left: 1.4rem; columns: 2; }
        a { color: #a4000f; }
        ul { padding-left: 1.4rem; }
        footer { margin-top: 2.5rem; color: #666; font-size: .85rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          nav.contents { display: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr, li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
          tbody tr:nth-child(even) td { background: none; }
        }
        """;

    /// <param name="document">The book.</param>
    /// <param name="booksBeside">Ids of schemes whose books are written beside this one (linked as <c>&lt;id&gt;.html</c>).</param>
    public static string Write(BookDocument document, IReadOnlySet<string> booksBeside)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n")
            .Append("<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Escape(document.Title)).Append(" · 评分规则手册</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Escape(document.Title)).Append("</h1>\n");
        var contents = document.Contents.ToList();
        if (contents.Count > 0)
        {
            html.Append("<nav class=\"contents\"><strong>目录</strong><ol>");
            foreach (var heading in contents)
            {
                html.Append("<li><a href=\"#").Append(Escape(heading.Anchor!)).Append("\">").Append(Escape(heading.Text)).Append("</a></li>");
            }

            html.Append("</ol></nav>\n");
        }

        html.Append("<main>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading heading:
                    html.Append("<h").Append(heading.Level);
                    if (heading.Anchor is { } anchor)
                    {
                        html.Append(" id=\"").Append(Escape(anchor)).Append('"');
                    }

                    html.Append('>').Append(Escape(heading.Text)).Append("</h").Append(heading.Level).Append(">\n");
                    break;
                case Paragraph paragraph:
                    html.Append("<p>").Append(Inline(paragraph.Text, booksBeside)).Append("</p>\n");
                    break;
                case BulletList list:
                    html.Append("<ul>\n");
                    foreach (var item in list.Items)
                    {
                        html.Append("<li>").Append(Inline(item, booksBeside)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case Table table:
                    WriteTable(html, table, booksBeside);
                    break;
            }
        }

        html.Append("</main>\n<footer>方案 ").Append(Escape(document.SchemeId)).Append(" 的评分规则手册</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Text (or an attribute value) as HTML shows it literally.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c is not ('\n' or '\t') => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static void WriteTable(StringBuilder html, Table table, IReadOnlySet<string> booksBeside)
    {
        html.Append("<table>\n<thead><tr>");
        foreach (var header in table.Header)
        {
            html.Append("<th>").Append(Escape(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            html.Append("<tr>");
            var depth = table.Indents is { } indents ? Math.Min(indents[r], 4) : 0;
            for (var c = 0; c < table.Rows[r].Count; c++)
            {
                html.Append(c == 0 && depth > 0 ? $"<td class=\"depth-{depth}\">" : "<td>").Append(Inline(table.Rows[r][c], booksBeside)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Inline(Line line, IReadOnlySet<string> booksBeside) =>
        string.Concat(line.Spans.Select(s => s.BookOf is { } id && booksBeside.Contains(id)
            ? $"<a href=\"{Escape(Uri.EscapeDataString(RuleBookWriter.FileStem(id)))}.html\">{Escape(s.Text)}</a>"
            : Escape(s.Text)));
}
