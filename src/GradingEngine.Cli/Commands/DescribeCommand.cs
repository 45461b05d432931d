using System.CommandLine;
using GradingEngine.Grading;
using GradingEngine.RuleBook;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading describe</c>: writes the rule book of schemes, in Chinese, as Markdown and as one HTML page.</summary>
internal sealed class DescribeCommand : GradingCommand
{
    private readonly Argument<string[]> _names = CommandOptions.Positional<string[]>("scheme id | scheme.json",
        "要写规则手册的方案：方案 id 或方案文件，可以多个 (the schemes to describe: ids or scheme files, one or more)", ArgumentArity.OneOrMore);

    private readonly Option<string> _out = CommandOptions.Text("--out", "folder", "手册写到哪里（需要时创建；必需） (where the books go; created if needed; required)", required: true);
    private readonly Option<string> _schemes = CommandOptions.Text("--schemes", "folder",
        "在此文件夹中查找方案 id，而不是内置方案 (look scheme ids up in this folder instead of the shipped schemes)");

    private readonly Option<bool> _withLinked = CommandOptions.Flag("--with-linked",
        "也写出它们链接（党员、班子）和扩展的方案的手册 (also write the books of the schemes they link, members and team, and extend)");

    public DescribeCommand()
        : base("describe", "写出方案的评分规则手册：Markdown 和 HTML (write a scheme's rule book: Markdown and HTML)")
    {
        _names.CompletionSources.Add(SchemeCompletions.Ids(_schemes, organisationsOnly: false));
        Arguments.Add(_names);
        Options.Add(_out);
        Options.Add(_schemes);
        Options.Add(_withLinked);
    }

    public override string Notes => """
        Writes the rule book (评分规则手册) of each scheme named, in Chinese, for policy teams: <id>.md (Markdown)
        and <id>.html (one standalone page: no script, nothing fetched, prints well). It lists the inputs, the items
        and their points, every rule's condition and actions in plain words, the levels with their thresholds, gates
        and vetoes (一票否决), quotas and bottom rankings, the measures and the linked schemes; a variant (extends)
        also lists what it changes in its base scheme, with the old values. Books written together link to each other.

        A scheme id is looked up in the shipped schemes, or in --schemes <folder>. A file is loaded with the other
        *.json files of its folder (for the schemes it extends or links), as validate does.

        Exit codes: 0 written · 1 a scheme has problems (all listed), or a file cannot be written · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var outFolder = result.GetValue(_out)!;
        var folder = result.GetValue(_schemes);
        var withLinked = result.GetValue(_withLinked);
        var schemes = new List<GradingScheme>();
        SchemeCatalogue? catalogue = null;
        foreach (var name in result.GetValue(_names)!)
        {
            if (IsFile(name))
            {
                if (LoadFile(name, error) is not { } scheme)
                {
                    return Program.InputProblems;
                }

                schemes.Add(scheme);
                continue;
            }

            catalogue ??= ShippedSchemes.Load(folder); // a folder with problems throws: listed like validate, exit code 1
            schemes.Add(catalogue.TryGet(name, out var found)
                ? found
                : throw new UsageException($"没有方案“{name}”；可用的方案：{string.Join("、", catalogue.All.Select(s => s.Id))} (no scheme '{name}')"));
        }

        if (withLinked)
        {
            schemes = WithLinked(schemes);
        }

        foreach (var path in RuleBookWriter.WriteBooks(schemes, outFolder))
        {
            output.WriteLine($"已写出 (written): {path}");
        }

        return Program.Ok;
    }

    private static bool IsFile(string name) =>
        File.Exists(name) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Loads exactly the file named, with the other scheme files of its folder; null (problems printed) when it does not load.</summary>
    private static GradingScheme? LoadFile(string path, TextWriter error)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"找不到方案文件“{path}” (no such scheme file)");
        }

        var full = Path.GetFullPath(path);
        var named = new SchemeSource(path, null, File.ReadAllBytes(full));
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var others = SchemeCatalogue.SchemeFiles(Path.GetDirectoryName(full)!)
            .Where(f => !string.Equals(Path.GetFullPath(f), full, comparison))
            .Select(SchemeSource.FromFile);
        var outcome = SchemeCatalogue.Compile([named, .. others], preferred: named)[0];
        foreach (var diagnostic in outcome.Problems)
        {
            error.WriteLine(diagnostic);
        }

        if (outcome.Problems.Count > 0)
        {
            error.WriteLine($"{outcome.Problems.Count} 个问题 ({outcome.Problems.Count} problems)");
        }

        return outcome.Problems.Count == 0 ? outcome.Scheme : null;
    }

    /// <summary>The schemes with every scheme they link or extend, each once, in the order first met.</summary>
    private static List<GradingScheme> WithLinked(List<GradingScheme> schemes)
    {
        var all = new List<GradingScheme>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<GradingScheme>(schemes);
        while (queue.Count > 0)
        {
            var scheme = queue.Dequeue();
            if (!seen.Add(scheme.Id))
            {
                continue;
            }

            all.Add(scheme);
            foreach (var next in scheme.LinkedSchemes.Append(scheme.Variant?.Base).OfType<GradingScheme>())
            {
                queue.Enqueue(next);
            }
        }

        return all;
    }
}
