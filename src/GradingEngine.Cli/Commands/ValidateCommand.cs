using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// <c>grading validate</c>: loads, checks and compiles schemes the way the engine will and lists every problem, as
/// text for people or as JSON for editors and CI (<c>--format json</c>), in Chinese, English or both (<c>--lang</c>).
/// </summary>
internal sealed class ValidateCommand : GradingCommand
{
    private static readonly Dictionary<string, bool> Formats = new(StringComparer.Ordinal) { ["text"] = false, ["json"] = true };

    private readonly Argument<string> _path = CommandOptions.Positional<string>("scheme.json | folder",
        "一个方案文件，或一个文件夹中的全部 *.json（*.schema.json 除外） (a scheme file, or every *.json file of a folder except *.schema.json)", ArgumentArity.ExactlyOne);

    private readonly Option<string> _format = CommandOptions.Choice("--format",
        "text（默认）：每个问题一行，写到标准错误；json：一个 JSON 文档，写到标准输出，供编辑器和 CI 使用 " +
        "(text, the default: one line per problem on standard error; json: one JSON document on standard output, for editors and CI)",
        "text", Formats.Keys);

    private readonly Option<string> _lang = CommandOptions.Language();

    public ValidateCommand()
        : base("validate", "检查方案：列出每个问题及其文件（行，列） (check schemes: every problem with file(line,col))")
    {
        Arguments.Add(_path);
        Options.Add(_format);
        Options.Add(_lang);
    }

    public override string Notes => """
        Loads, checks and compiles schemes the way the engine will, and lists every problem with its
        file(line,column), JSON path and, inside an expression, the column in the expression.
        A folder: every *.json file in it (the extension in any case), except JSON Schema files (*.schema.json).
        A file: exactly that file, whatever its name; the schemes it extends or links are found among
        the *.json files of its folder, and only the file's own problems are listed.

        --format text   (default) one line per problem on standard error, file(line,col): error CODE: message
        --format json   one JSON document on standard output (UTF-8), for editors and CI:
                        { "valid": false, "diagnostics": [ { "file", "line", "column", "path", "expressionColumn"?,
                          "code", "severity", "message", "excerpt"? } ], "schemes": [ { "id", "name", "file" } ] }
                        line and column are 1-based (0: unknown); problems in file order, files in name order.
        --lang both     (default) messages as written: Chinese, then the English gloss in parentheses
        --lang zh       Chinese only                --lang en   English only

        Exit codes: 0 every scheme is valid · 1 problems found (or a folder with no scheme) · 2 wrong command line.
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var json = Choices.Of(Formats, result.GetValue(_format)!);
        var language = Choices.Of(Choices.Languages, result.GetValue(_lang)!);
        var report = new Report(json, language, output, error);
        var path = result.GetValue(_path)!;
        if (Directory.Exists(path))
        {
            var files = SchemeCatalogue.SchemeFiles(path);
            if (files.Count == 0)
            {
                return report.NoSchemes(path);
            }

            return report.Write(SchemeCatalogue.Compile(files.Select(SchemeSource.FromFile).ToList()));
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"找不到文件或目录“{path}” (no such file or folder)");
        }

        // Exactly the file named, whatever its name; the schemes it extends or links may come from its folder, whose
        // own problems are not this file's.
        var full = Path.GetFullPath(path);
        var named = new SchemeSource(path, null, File.ReadAllBytes(full));
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var others = SchemeCatalogue.SchemeFiles(Path.GetDirectoryName(full)!)
            .Where(f => !string.Equals(Path.GetFullPath(f), full, comparison))
            .Select(TryReadFile)
            .OfType<SchemeSource>();
        var outcomes = SchemeCatalogue.Compile([named, .. others], preferred: named);
        return report.Write([outcomes[0]]);
    }

    /// <summary>A scheme file beside the one validated; null when it cannot be read (it is not the one validated).</summary>
    private static SchemeSource? TryReadFile(string path)
    {
        try
        {
            return SchemeSource.FromFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the outcome as text or JSON, in the language asked for.</summary>
    private sealed class Report(bool json, MessageLanguage language, TextWriter output, TextWriter error)
    {
        private static readonly JsonWriterOptions WriterOptions = new()
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese as UTF-8 text, not \u escapes
        };

        /// <summary>Words of the text report: Chinese, English, or both as the messages are written.</summary>
        private string Say(string chinese, string english) => language switch
        {
            MessageLanguage.Chinese => chinese,
            MessageLanguage.English => english,
            _ => $"{chinese} ({english})",
        };

        public int NoSchemes(string folder)
        {
            var message = Say($"目录“{folder}”中没有方案文件（*.json）", $"no scheme files (*.json) in folder '{folder}'");
            error.WriteLine(message);
            if (json)
            {
                WriteJson([], [], message);
            }

            return Program.InputProblems;
        }

        public int Write(IReadOnlyList<SchemeOutcome> outcomes)
        {
            var problems = outcomes.SelectMany(o => o.Problems).Select(d => d.Localized(language)).ToList();
            var schemes = outcomes.Where(o => o.Scheme is not null).OrderBy(o => o.Scheme!.Id, StringComparer.Ordinal).ToList();
            if (json)
            {
                WriteJson(problems, problems.Count > 0 ? [] : schemes, null);
                return problems.Count > 0 ? Program.InputProblems : Program.Ok;
            }

            if (problems.Count > 0)
            {
                foreach (var diagnostic in problems)
                {
                    error.WriteLine(diagnostic);
                }

                error.WriteLine(Say($"{problems.Count} 个问题", $"{problems.Count} problems"));
                return Program.InputProblems;
            }

            foreach (var scheme in schemes.Select(o => o.Scheme!))
            {
                var levels = string.Join(" / ", scheme.Levels.Select(l => l.Label));
                var summary = language == MessageLanguage.English
                    ? $"version {scheme.Version}, {scheme.Inputs.Count} inputs, levels: {levels}"
                    : $"版本 {scheme.Version}，{scheme.Inputs.Count} 个输入项，等级：{levels}";
                output.WriteLine($"✓ {scheme.Id}  {scheme.Name}  ({summary})");
            }

            return Program.Ok;
        }

        private void WriteJson(IReadOnlyList<SchemeDiagnostic> problems, IReadOnlyList<SchemeOutcome> schemes, string? failure)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("valid", problems.Count == 0 && failure is null);
                if (failure is not null)
                {
                    writer.WriteString("error", failure);
                }

                writer.WriteStartArray("diagnostics");
                foreach (var d in problems)
                {
                    writer.WriteStartObject();
                    writer.WriteString("file", d.Location.File);
                    writer.WriteNumber("line", d.Location.Line);
                    writer.WriteNumber("column", d.Location.Column);
                    writer.WriteString("path", d.Location.JsonPath);
                    if (d.Location.ExpressionColumn is { } expressionColumn)
                    {
                        writer.WriteNumber("expressionColumn", expressionColumn);
                    }

                    writer.WriteString("code", d.Code);
                    writer.WriteString("severity", "error");
                    writer.WriteString("message", d.Message);
                    if (d.Excerpt is not null)
                    {
                        writer.WriteString("excerpt", d.Excerpt.ReplaceLineEndings("\n"));
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("schemes");
                foreach (var outcome in schemes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", outcome.Scheme!.Id);
                    writer.WriteString("name", outcome.Scheme.Name);
                    writer.WriteString("file", outcome.Source.Name);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            output.Write('\n');
        }
    }
}
