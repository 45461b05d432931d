using System.CommandLine;
using GradingEngine.Cli.Terminal;
using GradingEngine.BackEnds;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.Grading.Cases;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading test</c>: runs the golden cases beside schemes, for the policy teams who write them.</summary>
internal sealed class TestCommand : GradingCommand
{
    private readonly Argument<string> _path = CommandOptions.Positional<string>("folder | scheme.json",
        "方案文件夹，或一个方案文件 (a folder of schemes, or one scheme file)", ArgumentArity.ExactlyOne);

    private readonly Option<string> _engine = CommandOptions.Engine();
    private readonly Option<string> _lang = CommandOptions.Language();

    public TestCommand()
        : base("test", "运行方案旁的黄金用例（cases/*.cases.json） (run the golden cases beside the schemes)")
    {
        Arguments.Add(_path);
        Options.Add(_engine);
        Options.Add(_lang);
    }

    public override string Notes => """
        Runs the golden cases beside the schemes: every cases/*.cases.json file of the folder (for one scheme file,
        those of its folder's cases/ that name its id). Each case's input is graded with its scheme (the version in
        force on the case file's "date", when it gives one) and compared with its "expect". One line per passing case;
        for a failing case, each expectation that differs with the expected and the actual value, and the rules that
        fired. A case file that does not fit its scheme (an unknown input, a value of the wrong type, an expectation
        naming an item, level or flag the scheme does not have) is reported with file(line,col).
        A case can be copied from a graded organisation: grading explain <org id> --data <folder> --as-case <file>.

        Exit codes: 0 every case passed · 1 a case failed, a case file has problems, or a scheme has problems
                    (or there is no case to run) · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var engine = Choices.Of(Choices.Engines, result.GetValue(_engine)!);
        var language = Choices.Of(Choices.Languages, result.GetValue(_lang)!);
        output = LanguageWriter.For(output, language);
        error = LanguageWriter.For(error, language);
        var path = result.GetValue(_path)!;

        SchemeCatalogue catalogue;
        IReadOnlyList<string> caseFiles;
        string? onlyId = null;
        if (Directory.Exists(path))
        {
            catalogue = SchemeCatalogue.LoadFolder(path);
            caseFiles = SchemeCaseFile.FilesBeside(path);
        }
        else if (File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var named = SchemeSource.FromFile(path);
            var others = SchemeCatalogue.SchemeFiles(folder).Where(f => Path.GetFullPath(f) != Path.GetFullPath(path)).Select(SchemeSource.FromFile);
            var build = SchemeCatalogue.Build([named, .. others], preferred: named);
            var problems = build.Outcomes[0].Problems;
            if (problems.Count > 0 || build.Outcomes[0].Scheme is not { } scheme)
            {
                throw new SchemeLoadException(problems);
            }

            onlyId = scheme.Id;
            catalogue = SchemeCatalogue.FromBuild(build);
            caseFiles = SchemeCaseFile.FilesBeside(folder);
        }
        else
        {
            throw new UsageException($"找不到文件或目录“{path}” (no such file or folder)");
        }

        var runner = new SchemeCaseRunner(catalogue.WithBackEnd(engine));
        var (passed, failed, fileProblems) = (0, 0, 0);
        foreach (var caseFile in caseFiles)
        {
            SchemeCaseFile file;
            try
            {
                file = SchemeCaseFile.Read(caseFile);
            }
            catch (SchemeCaseFileException e)
            {
                foreach (var problem in e.Problems)
                {
                    output.WriteLine(problem);
                }

                fileProblems += e.Problems.Count;
                continue;
            }

            if (onlyId is not null && file.SchemeId != onlyId)
            {
                continue;
            }

            if (!catalogue.All.Any(s => s.Id == file.SchemeId))
            {
                output.WriteLine(new SchemeDiagnostic(DiagnosticCodes.CaseFileFormat,
                    $"用例文件指定的方案“{file.SchemeId}”不存在 (the case file names no scheme there is)", file.SchemeLocation));
                fileProblems++;
                continue;
            }

            foreach (var outcome in runner.Run(file))
            {
                output.Write(outcome.ToText());
                _ = outcome.Passed ? passed++ : failed++;
            }
        }

        var total = passed + failed;
        output.WriteLine($"共 {total} 个用例：通过 {passed} 个，未通过 {failed} 个{(fileProblems > 0 ? $"；用例文件有 {fileProblems} 个问题" : string.Empty)} " +
                         $"({total} cases: {passed} passed, {failed} failed{(fileProblems > 0 ? $", {fileProblems} case file problems" : string.Empty)}; engine {engine.Name})");
        if (total == 0 && fileProblems == 0)
        {
            error.WriteLine($"没有可运行的用例：{Path.Combine(Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? ".", "cases")} 中没有对应的 *.cases.json (no cases to run)");
            return Program.InputProblems;
        }

        return failed == 0 && fileProblems == 0 ? Program.Ok : Program.InputProblems;
    }
}
