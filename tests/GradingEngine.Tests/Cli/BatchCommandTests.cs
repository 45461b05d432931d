using GradingEngine.Cli;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.Cli;

public class BatchCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void Demo_GeneratesGradesAndPrintsTheSummary()
    {
        var folder = ProvinceFixture.NewOutputFolder();

        var (code, output, error) = Run("demo", "--out", folder, "--orgs", "60");

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output, Does.Contain("文件核对").And.Contain("按地区").And.Contain("一类").And.Contain("与上年比较"));
        Assert.That(File.Exists(Path.Combine(folder, "results", "organisations.csv")));
        Assert.That(File.Exists(Path.Combine(folder, "results", "summary.json")));
        Assert.That(output, Does.Contain("评定结果报告（HTML）：" + Path.Combine(folder, "results", "report.html")));
        Assert.That(File.ReadAllText(Path.Combine(folder, "results", "report.html")), Does.Contain("<svg class=\"chart\" data-chart=\"levels-党组织\""));
        Assert.That(File.ReadAllText(Path.Combine(folder, "results", "report.html")),
            Is.EqualTo(GradingEngine.Tests.Report.RunReportTests.Html(GradingEngine.Batch.Report.ProvinceReport.FromFolder(Path.Combine(folder, "results")))), "the run's aggregates are the result files' report");
    }

    [Test]
    public void Grade_FilesWithBadRows_ExitsThreeAndPointsAtTheErrorsFile()
    {
        var (data, _) = ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Corrupt);
        var output = ProvinceFixture.NewOutputFolder();

        var (code, text, error) = Run("grade", "--data", data, "--out", output, "--threads", "2");

        Assert.That(code, Is.EqualTo(Program.RowsRejected));
        Assert.That(error, Does.Contain("errors.csv"));
        Assert.That(text, Does.Contain("✓").And.Not.Contain("✗"), "every file reconciles");
    }

    [Test]
    public void Grade_EveryRowRejected_ExitsOneAndWritesTheErrorsFile()
    {
        var data = ResultSets.CopyOfData(ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Plain).Folder);
        var organisations = Path.Combine(data, "organisations.csv");
        var lines = File.ReadAllLines(organisations);
        File.WriteAllLines(organisations, lines.Take(1).Concat(lines.Skip(1).Select(l => l[l.IndexOf(',', StringComparison.Ordinal)..]))); // no 组织编号: nothing can be graded
        var output = ProvinceFixture.NewOutputFolder();

        var (code, _, error) = Run("grade", "--data", data, "--out", output, "--threads", "2", "--quiet");

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("nothing graded").And.Contain("errors.csv"));
        Assert.That(File.ReadAllLines(Path.Combine(output, "errors.csv")), Has.Length.GreaterThan(lines.Length), "every row reported");
    }

    [Test]
    public void Grade_NoSuchFolder_ExitsOne()
    {
        var (code, _, error) = Run("grade", "--data", Path.Combine(Path.GetTempPath(), "no-such-province-" + Guid.NewGuid()));

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("organisations.csv"));
    }

    [TestCase("same")]
    [TestCase("sub-path")]
    [TestCase("link")]
    [TestCase("input file")]
    public void Grade_OutIsTheDataFolder_ExitsTwoAndTheInputsAreUntouched(string how)
    {
        var data = ResultSets.CopyOfData(ResultSets.NewData);
        var before = ProvinceFixture.Files(data);
        Directory.CreateDirectory(Path.Combine(data, "sub"));
        var link = Path.Combine(ProvinceFixture.NewOutputFolder(), "results");
        ResultSets.Link(link, data, folder: true);
        var output = how switch
        {
            "same" => data,
            "sub-path" => Path.Combine(data, "sub", ".."),
            "link" => link,
            _ => Path.Combine(data, "organisations.csv"),
        };

        var (code, text, error) = Run("grade", "--data", data, "--out", output, "--threads", "2");

        Assert.That(code, Is.EqualTo(Program.Usage), text + error);
        Assert.That(error, Does.Contain(Path.GetFullPath(output)).And.Contain(Path.Combine(Path.GetFullPath(data), "organisations.csv")), "names both paths");
        Directory.Delete(Path.Combine(data, "sub"));
        ResultSets.AssertHolds(data, before, "the data files byte for byte");
    }

    [Test]
    public void Grade_OutIsTheSchemesFolder_ExitsTwoAndTheSchemesAreUntouched()
    {
        var schemes = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(Golden.GoldenCases.SchemesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(schemes, Path.GetFileName(file)));
        }

        var before = ProvinceFixture.Files(schemes);

        var (code, _, error) = Run("grade", "--data", ResultSets.NewData, "--schemes", schemes, "--out", schemes);

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        ResultSets.AssertHolds(schemes, before, "the schemes byte for byte");
    }

    [TestCase("grade", "--threads", "0")]
    [TestCase("grade", "--data", "x", "--colour", "red")]
    [TestCase("generate")]
    [TestCase("explain")]
    [TestCase("grade", "--data", "x", "--engine", "drools")]
    public void BadCommandLine_ExitsTwo(params string[] args)
    {
        Assert.That(Run(args).Code, Is.EqualTo(Program.Usage));
    }

    [TestCase("grade", "team-sihao")]
    [TestCase("grade", "member-wudai")]
    [TestCase("explain", "team-sihao")]
    [TestCase("generate", "member-wudai")]
    public void Command_SchemeThatDoesNotGradeOrganisations_ExitsTwoNamingTheOrganisationSchemes(string command, string scheme)
    {
        string[] args = command switch
        {
            "grade" => ["grade", "--data", ResultSets.NewData, "--out", ProvinceFixture.NewOutputFolder(), "--scheme", scheme],
            "explain" => ["explain", "D010100001", "--data", ResultSets.NewData, "--scheme", scheme],
            _ => ["generate", "--out", ProvinceFixture.NewOutputFolder(), "--scheme", scheme],
        };

        var (code, _, error) = Run(args);

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain(scheme).And.Contain("org-sanfenlei").And.Contain("not organisations"));
        Assert.That(error, Does.Not.Contain("Parameter").And.Not.Contain("organisationScheme"));
    }

    [TestCase("grade", "--out")]
    [TestCase("grade", "--schemes")]
    [TestCase("grade", "--data")]
    [TestCase("generate", "--out")]
    public void Command_OptionGivenEmpty_ExitsTwoNamingTheOption(string command, string option)
    {
        var args = new List<string> { command };
        if (command == "grade" && option != "--data")
        {
            args.AddRange(["--data", ResultSets.NewData]);
        }

        args.AddRange([option, " "]);

        var (code, _, error) = Run([.. args]);

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain(option + " "));
        Assert.That(error, Does.Not.Contain("Parameter").And.Not.Contain("'path'").And.Not.Contain("'folder'"));
    }

    [TestCase("generate")]
    [TestCase("demo")]
    public void Command_MoreOrganisationsThanASampleHolds_ExitsTwoWithTheRange(string command)
    {
        var (code, _, error) = Run(command, "--out", ProvinceFixture.NewOutputFolder(), "--orgs", "1500000");

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain("--orgs").And.Contain("1000000"));
        Assert.That(error, Does.Not.Contain("Parameter").And.Not.Contain("options"));
    }

    [Test]
    public void Grade_OrganisationSchemeLinkingNoMembers_ExitsOneWithoutTheParameterName()
    {
        var schemes = ProvinceFixture.NewOutputFolder();
        File.Copy(Engine.ExampleScheme.PathOf("example-branch.json"), Path.Combine(schemes, "example-branch.json"));

        var (code, _, error) = Run("grade", "--data", ResultSets.NewData, "--out", ProvinceFixture.NewOutputFolder(), "--schemes", schemes, "--scheme", "example-branch");

        Assert.That(code, Is.EqualTo(Program.InputProblems), error);
        Assert.That(error, Does.Contain("example-branch").And.Contain("links no member list"));
        Assert.That(error, Does.Not.Contain("Parameter").And.Not.Contain("organisationScheme"));
    }

    [Test]
    public void UserMessage_ArgumentExceptionNamingAParameter_ParameterNameLeftOut()
    {
        Assert.That(Program.UserMessage(new ArgumentException("方案“x”没有链接党员方案的名单输入项 (the scheme links no member list)", "organisationScheme")),
            Is.EqualTo("方案“x”没有链接党员方案的名单输入项 (the scheme links no member list)"));
        Assert.That(Program.UserMessage(new IOException("磁盘已满")), Is.EqualTo("磁盘已满"));
    }

    [TestCase("grade")]
    [TestCase("explain")]
    [TestCase("generate")]
    [TestCase("demo")]
    public void Help_OnEveryCommand(string command)
    {
        var (code, output, _) = Run(command, "--help");

        Assert.That(code, Is.EqualTo(Program.Ok));
        Assert.That(output, Does.Contain("grading " + command).And.Contain("Exit codes"));
    }

    [Test]
    public void Explain_AnOrganisation_PrintsItsReasons()
    {
        var (data, _) = ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Plain);
        var id = File.ReadLines(Path.Combine(data, "organisations.csv")).Skip(1).First().Split(',')[0];

        var (code, output, error) = Run("explain", id, "--data", data);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output, Does.Contain(id).And.Contain("【评定结论】").And.Contain("【关联评定】"));
    }

    [Test]
    public void Grade_MemberMeasuresOnlyWhenAskedFor_AndExplainListsEveryMembers()
    {
        var (data, _) = ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Plain);
        var plain = ProvinceFixture.NewOutputFolder();
        var full = ProvinceFixture.NewOutputFolder();

        Assert.That(Run("grade", "--data", data, "--out", plain, "--quiet", "--no-store").Code, Is.EqualTo(Program.Ok));
        Assert.That(Run("grade", "--data", data, "--out", full, "--quiet", "--no-store", "--member-measures").Code, Is.EqualTo(Program.Ok));

        Assert.That(File.ReadLines(Path.Combine(plain, "members.csv")).First().Split(','), Does.Not.Contain("措施"));
        Assert.That(File.ReadLines(Path.Combine(plain, "teams.csv")).First().Split(','), Does.Contain("措施"));
        using var csv = new GradingEngine.Batch.Report.ResultCsv(Path.Combine(full, "members.csv"));
        var id = csv.Header.ToList().IndexOf("党员编号");
        var organisation = csv.Header.ToList().IndexOf("组织编号");
        var measures = csv.Header.ToList().IndexOf("措施");
        Assert.That(measures, Is.GreaterThan(0));
        var first = csv.Next()!;
        var members = new List<string[]> { first };
        while (csv.Next() is { } row && row[organisation] == first[organisation])
        {
            members.Add(row);
        }

        var (code, output, error) = Run("explain", first[organisation], "--data", data);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output, Does.Contain("【党员】"));
        Assert.That(members.Count(m => m[measures].Length > 0), Is.GreaterThan(0));
        foreach (var member in members)
        {
            Assert.That(output, Does.Contain(member[id] + "："), "every member listed");
            if (member[measures].Length > 0)
            {
                Assert.That(output, Does.Contain("措施：" + member[measures]), member[id]);
            }
        }
    }

    [Test]
    public void Grade_Log_AppendsEachRunsStepsWithTheirTimes()
    {
        var (data, _) = ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Plain);
        var folder = ProvinceFixture.NewOutputFolder();
        var log = Path.Combine(folder, "logs", "grading.log");

        Assert.That(Run("grade", "--data", data, "--out", Path.Combine(folder, "a"), "--quiet", "--no-store", "--log", log).Code, Is.EqualTo(Program.Ok));
        Assert.That(Run("grade", "--data", data, "--out", Path.Combine(folder, "b"), "--quiet", "--no-store", "--log", log).Code, Is.EqualTo(Program.Ok));

        var lines = File.ReadAllLines(log);
        foreach (var step in new[] { " ToolStarted ", " SchemesLoaded ", " RunStarting ", " FileReconciled ", " Committed " })
        {
            Assert.That(lines.Count(l => l.Contains(step, StringComparison.Ordinal)), Is.AtLeast(2), step);
        }

        foreach (var stage in new[] { "党组织索引", "上年结果", "领导班子", "党员", "党组织排名", "党组织名额与末位排名", "党组织" })
        {
            Assert.That(lines.Count(l => l.Contains($" StageDone 阶段“{stage}”完成，用时 ", StringComparison.Ordinal)), Is.EqualTo(2), stage);
        }

        Assert.That(lines, Has.All.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2} (信息|警告|错误) \w+ "), "time, level, event, message");
        Assert.That(lines.First(l => l.Contains(" Committed ", StringComparison.Ordinal)), Does.Contain(Path.Combine(folder, "a")));

        var (code, _, error) = Run("grade", "--data", data, "--out", Path.Combine(folder, "c"), "--quiet", "--no-store", "--log", folder);
        Assert.That(code, Is.EqualTo(Program.Usage));
        Assert.That(error, Does.Contain("无法打开日志文件"));
    }

    [Test]
    public void Grade_EngineNRules_WritesTheSameFilesAsThePlan()
    {
        var (data, _) = ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Corrupt);
        var plan = ProvinceFixture.NewOutputFolder();
        var nrules = ProvinceFixture.NewOutputFolder();

        var (planCode, _, planError) = Run("grade", "--data", data, "--out", plan, "--quiet", "--format", "both");
        var (nrulesCode, _, nrulesError) = Run("grade", "--data", data, "--out", nrules, "--quiet", "--format", "both", "--engine", "nrules");

        Assert.That(planCode, Is.EqualTo(Program.RowsRejected), planError);
        Assert.That(nrulesCode, Is.EqualTo(planCode), nrulesError);
        var files = Directory.GetFiles(plan).Where(f => !ProvinceFixture.IsStore(f)).Select(Path.GetFileName).Order().ToList();
        Assert.That(Directory.GetFiles(nrules).Where(f => !ProvinceFixture.IsStore(f)).Select(Path.GetFileName).Order(), Is.EqualTo(files));
        foreach (var file in files.Where(f => f != "summary.json"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(nrules, file!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(plan, file!))), file);
        }
    }

    [Test]
    public void Explain_EngineNRules_AddsTheNRulesRulesThatFired()
    {
        var (data, _) = ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Plain);
        var id = File.ReadLines(Path.Combine(data, "organisations.csv")).Skip(1).First().Split(',')[0];

        var plan = Run("explain", id, "--data", data);
        var nrules = Run("explain", id, "--data", data, "--engine", "nrules");

        Assert.That(nrules.Code, Is.EqualTo(Program.Ok), nrules.Error);
        Assert.That(nrules.Output, Does.Contain("【规则引擎（NRules）触发顺序】").And.Contain("org-sanfenlei:阶段0"));
        Assert.That(plan.Output, Does.Not.Contain("NRules"));
        var withoutTrace = nrules.Output.Split('\n')
            .Where(l => !l.StartsWith("【规则引擎", StringComparison.Ordinal) && !System.Text.RegularExpressions.Regex.IsMatch(l, @"^  · [a-z-]+:"));
        Assert.That(string.Join('\n', withoutTrace), Is.EqualTo(plan.Output));
    }

    [Test]
    public void Generate_WritesTheFilesWithTheSeed()
    {
        var a = ProvinceFixture.NewOutputFolder();
        var b = ProvinceFixture.NewOutputFolder();

        Assert.That(Run("generate", "--out", a, "--orgs", "20", "--seed", "5").Code, Is.EqualTo(Program.Ok));
        Assert.That(Run("generate", "--out", b, "--orgs", "20", "--seed", "5").Code, Is.EqualTo(Program.Ok));

        Assert.That(ProvinceFixture.Files(b), Is.EqualTo(ProvinceFixture.Files(a)));
    }
}
