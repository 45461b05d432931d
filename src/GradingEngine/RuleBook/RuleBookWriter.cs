using System.Text;
using GradingEngine.Grading;

namespace GradingEngine.RuleBook;

/// <summary>
/// The rule book of a scheme, in Chinese, for policy teams: the scheme's name, id, version and description; every
/// input with its label, type, unit, range and default; the items with their points and how they are scored; each
/// rule's condition and actions in plain words (rendered from the checked expressions, not copied from the file); the
/// levels with thresholds, gates and vetoes (一票否决); quotas and bottom rankings; the measures; the linked schemes;
/// and, for a variant (<c>extends</c>), what it changes in its base scheme with the old values. Written as Markdown
/// or as one standalone HTML page (no script, no external file, inline CSS, prints well). Stateless and thread-safe.
/// </summary>
/// <example><code>
/// var scheme = SchemeCatalogue.Shipped["org-sanfenlei"];
/// File.WriteAllText("org-sanfenlei.html", RuleBookWriter.ToHtml(scheme));
/// RuleBookWriter.WriteBooks([scheme, catalogue["member-wudai"], catalogue["team-sihao"]], "books"); // linked to each other
/// </code></example>
public static class RuleBookWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The scheme's rule book as Markdown.</summary>
    public static string ToMarkdown(GradingScheme scheme) => ToMarkdown(scheme, []);

    /// <summary>
    /// The scheme's rule book as Markdown, linking to <c>&lt;id&gt;.md</c> for the schemes in
    /// <paramref name="booksBeside"/> (books written in the same folder) that it links or extends.
    /// </summary>
    public static string ToMarkdown(GradingScheme scheme, IEnumerable<string> booksBeside)
    {
        ArgumentNullException.ThrowIfNull(booksBeside);
        return MarkdownBook.Write(Document(scheme), booksBeside.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The scheme's rule book as one standalone HTML page.</summary>
    public static string ToHtml(GradingScheme scheme) => ToHtml(scheme, []);

    /// <summary>
    /// The scheme's rule book as one standalone HTML page, linking to <c>&lt;id&gt;.html</c> for the schemes in
    /// <paramref name="booksBeside"/> (books written in the same folder) that it links or extends.
    /// </summary>
    public static string ToHtml(GradingScheme scheme, IEnumerable<string> booksBeside)
    {
        ArgumentNullException.ThrowIfNull(booksBeside);
        return HtmlBook.Write(Document(scheme), booksBeside.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Writes <c>&lt;id&gt;.md</c> and <c>&lt;id&gt;.html</c> for each scheme into <paramref name="folder"/> (created if
    /// needed), the books linking to each other. Every book is made before any file is written, each file is written
    /// beside its final name and then moved over it, so a failed run leaves no half-written book.
    /// </summary>
    /// <returns>The paths written, in order.</returns>
    /// <exception cref="IOException">A file could not be written; the files of this call not yet in place are removed.</exception>
    public static IReadOnlyList<string> WriteBooks(IEnumerable<GradingScheme> schemes, string folder)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        ArgumentNullException.ThrowIfNull(folder);
        var list = schemes.DistinctBy(s => s.Id, StringComparer.Ordinal).ToList();
        var beside = list.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var files = new List<(string Path, string Text)>();
        foreach (var scheme in list)
        {
            var document = Document(scheme);
            var stem = Path.Combine(folder, FileStem(scheme.Id));
            files.Add((stem + ".md", MarkdownBook.Write(document, beside)));
            files.Add((stem + ".html", HtmlBook.Write(document, beside)));
        }

        Directory.CreateDirectory(folder);
        var temporary = new List<string>();
        try
        {
            foreach (var (path, text) in files)
            {
                var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
                temporary.Add(temp);
                File.WriteAllText(temp, text, Utf8);
            }

            for (var i = 0; i < files.Count; i++)
            {
                File.Move(temporary[i], files[i].Path, overwrite: true);
            }
        }
        finally
        {
            foreach (var temp in temporary.Where(File.Exists))
            {
                File.Delete(temp);
            }
        }

        return files.Select(f => f.Path).ToList();
    }

    /// <summary>The file name (without extension) of a scheme's book: its id, with characters a file name cannot hold replaced.</summary>
    internal static string FileStem(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var stem = new string(id.Select(c => invalid.Contains(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c).ToArray());
        return stem.Trim('.', ' ') is { Length: > 0 } trimmed ? trimmed : "scheme";
    }

    private static BookDocument Document(GradingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return BookLayout.Lay(SchemeBookBuilder.Build(scheme));
    }
}
