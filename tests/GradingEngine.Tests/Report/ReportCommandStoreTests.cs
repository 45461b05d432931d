using GradingEngine.Cli;
using GradingEngine.Tests.Batch;
using GradingEngine.Tests.Store;

namespace GradingEngine.Tests.Report;

/// <summary><c>grading report --store</c>: the page the results folder gives, byte for byte; the run chosen; what is wrong with the store or the command line.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ReportCommandStoreTests
{
    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Store_SamePageAsTheResultsFolder(string kind)
    {
        var output = ProvinceFixture.NewOutputFolder();
        var store = kind == "sqlite" ? Path.Combine(output, "results.db") : StoreDatabases.NewPostgresSchema();
        Grade(output, store, 2026);
        var fromStore = Path.Combine(output, "store.html");
        var fromFolder = Path.Combine(output, "folder.html");

        var (code, text, error) = Run("report", "--store", store, "--out", fromStore);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(text, Does.Contain("2026 年，第 ").And.Contain("报告：").And.Not.Contain("逐行汇总"));
        Assert.That(Run("report", "--results", output, "--out", fromFolder).Code, Is.EqualTo(Program.Ok));
        Assert.That(File.ReadAllBytes(fromStore), Is.EqualTo(File.ReadAllBytes(fromFolder)));
    }

    [Test]
    public void Store_DefaultOut_IsBesideTheDatabase_AndYearOrRunChoose()
    {
        var output = ProvinceFixture.NewOutputFolder();
        var store = Path.Combine(output, "results.db");
        Grade(output, store, 2026);
        Grade(output, store, 2027);

        var latest = Run("report", "--store", store);
        var year = Run("report", "--store", "Data Source=" + store, "--year", "2026", "--out", Path.Combine(output, "2026.html"));
        var run = Run("report", "--store", store, "--run", "1", "--out", Path.Combine(output, "run1.html"));

        Assert.That(latest.Code, Is.EqualTo(Program.Ok), latest.Error);
        Assert.That(latest.Output, Does.Contain("2027 年，第 2 次运行"));
        Assert.That(File.Exists(Path.Combine(output, "report.html")));
        Assert.That(year.Output, Does.Contain("2026 年，第 1 次运行"), year.Error);
        Assert.That(File.ReadAllBytes(Path.Combine(output, "run1.html")), Is.EqualTo(File.ReadAllBytes(Path.Combine(output, "2026.html"))));
    }

    [Test]
    public void Store_MissingRunYearOrFile_ExitsOneNamingIt()
    {
        var output = ProvinceFixture.NewOutputFolder();
        var store = Path.Combine(output, "results.db");
        Grade(output, store, 2026);

        var run = Run("report", "--store", store, "--run", "99");
        var year = Run("report", "--store", store, "--year", "2001");
        var file = Run("report", "--store", Path.Combine(output, "nope.db"));

        Assert.That((run.Code, year.Code, file.Code), Is.EqualTo((Program.InputProblems, Program.InputProblems, Program.InputProblems)));
        Assert.That(run.Error, Does.Contain("没有第 99 次运行").And.Contain("第 1 次"));
        Assert.That(year.Error, Does.Contain("没有 2001 年"));
        Assert.That(file.Error, Does.Contain("不存在").And.Contain("nope.db"));
        Assert.That(File.Exists(Path.Combine(output, "nope.db")), Is.False, "a missing store is not created");
    }

    [TestCase("report", "--results", "r", "--store", "s.db")]
    [TestCase("report", "--results", "r", "--run", "1")]
    [TestCase("report", "--store", "s.db", "--run", "1", "--year", "2026")]
    [TestCase("report", "--store", "s.db", "--run", "x")]
    [TestCase("report", "--store", "s.db", "--year", "26")]
    public void WrongCommandLine_ExitsTwo(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.That(code, Is.EqualTo(Program.Usage));
        Assert.That(error, Does.Contain("("), "bilingual");
    }

    private static void Grade(string output, string store, int year)
    {
        var (code, _, error) = Run("grade", "--data", ReportProvince.Data, "--out", output, "--store", store, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "2", "--quiet");
        Assert.That(code, Is.EqualTo(Program.Ok), error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
