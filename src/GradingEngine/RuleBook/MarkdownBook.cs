using System.Text;

namespace GradingEngine.RuleBook;

/// <summary>
/// Writes a <see cref="BookDocument"/> as Markdown (CommonMark with tables). Scheme text is escaped: characters that
/// Markdown reads as markup (<c>| * _ [ ] &lt; &gt;</c> …) are written with a backslash, line breaks become spaces.
/// </summary>
internal static class MarkdownBook
{
    private const string Special = "\\`*_[]<>|&~";

    /// <param name="document">The book.</param>
    /// <param name="booksBeside">Ids of schemes whose books are written beside this one (linked as <c>&lt;id&gt;.md</c>).</param>
    public static string Write(BookDocument document, IReadOnlySet<string> booksBeside)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading heading:
                    text.Append('#', heading.Level).Append(' ').Append(Escape(heading.Text)).Append("\n\n");
                    break;
                case Paragraph paragraph:
                    text.Append(Inline(paragraph.Text, booksBeside)).Append("\n\n");
                    break;
                case BulletList list:
                    foreach (var item in list.Items)
                    {
                        text.Append("- ").Append(Inline(item, booksBeside)).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case Table table:
                    WriteTable(text, table, booksBeside);
                    break;
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Text as Markdown shows it literally.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in Words.OneLine(text))
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        // Text that starts a line must not start a heading, a list (bulleted or numbered) or a quote.
        if (escaped.Length > 0 && "#-+=".Contains(escaped[0], StringComparison.Ordinal))
        {
            escaped.Insert(0, '\\');
        }

        var digits = 0;
        while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')')
        {
            escaped.Insert(digits, '\\');
        }

        return escaped.ToString();
    }

    private static void WriteTable(StringBuilder text, Table table, IReadOnlySet<string> booksBeside)
    {
        text.Append("| ").Append(string.Join(" | ", table.Header.Select(Escape))).Append(" |\n");
        text.Append('|').Append(string.Concat(table.Header.Select(_ => "---|"))).Append('\n');
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cells = table.Rows[r].Select(c => Inline(c, booksBeside)).ToList();
            if (table.Indents is { } indents && indents[r] > 0)
            {
                cells[0] = new string('　', 2 * indents[r]) + "└ " + cells[0];
            }

            text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }

        text.Append('\n');
    }

    private static string Inline(Line line, IReadOnlySet<string> booksBeside) =>
        string.Concat(line.Spans.Select(s => s.BookOf is { } id && booksBeside.Contains(id)
            ? $"[{Escape(s.Text)}]({Uri.EscapeDataString(RuleBookWriter.FileStem(id))}.md)"
            : Escape(s.Text)));
}
