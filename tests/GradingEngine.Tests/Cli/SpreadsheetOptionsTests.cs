using System.Text;
using GradingEngine.Cli;
using GradingEngine.Samples;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.Cli;

/// <summary>grade --output-encoding gb18030 and --format xlsx from the command line.</summary>
public class SpreadsheetOptionsTests
{
    [Test]
    public void Grade_OutputEncodingGb18030AndCsvPlusXlsx_WritesGb18030CsvAndTheWorkbook()
    {
        var data = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 47 }).Folder;
        var output = ProvinceFixture.NewOutputFolder();
        using var text = new StringWriter();
        using var error = new StringWriter();

        var code = Program.Run(["grade", "--data", data, "--out", output, "--threads", "2", "--no-store", "--quiet",
            "--format", "csv+xlsx", "--output-encoding", "gb18030"], text, error);

        Assert.That(code, Is.EqualTo(Program.Ok), error.ToString());
        Assert.That(File.Exists(Path.Combine(output, "results.xlsx")));
        var bytes = File.ReadAllBytes(Path.Combine(output, "organisations.csv"));
        Assert.That(bytes.AsSpan(0, 3).SequenceEqual(Encoding.UTF8.Preamble), Is.False, "no byte-order mark");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Assert.That(Encoding.GetEncoding("GB18030").GetString(bytes), Does.StartWith("组织编号,组织名称,"));
    }

    [Test]
    public void Report_FromGb18030Results_SameReportAsFromUtf8Results()
    {
        var data = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 47 }).Folder;
        string ReportOf(params string[] extra)
        {
            var output = ProvinceFixture.NewOutputFolder();
            using var text = new StringWriter();
            using var error = new StringWriter();
            Assert.That(Program.Run(["grade", "--data", data, "--out", output, "--threads", "2", "--no-store", "--quiet", .. extra], text, error), Is.EqualTo(Program.Ok), error.ToString());
            var page = Path.Combine(ProvinceFixture.NewOutputFolder(), "report.html");
            Assert.That(Program.Run(["report", "--results", output, "--out", page], text, error), Is.EqualTo(Program.Ok), error.ToString());
            return File.ReadAllText(page);
        }

        var utf8 = ReportOf();
        var gb = ReportOf("--output-encoding", "gb18030");
        Assert.That(gb, Does.Contain("党组织"));
        Assert.That(Strip(gb), Is.EqualTo(Strip(utf8)));
    }

    /// <summary>The page without what differs between two runs (times, folders).</summary>
    private static string Strip(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, @"\d{4}-\d\d-\d\d[T ][\d:.+\-Z]+|/tmp/[^\s""<]+", "");

    [Test]
    public void GradeHelp_NamesTheNewOptions()
    {
        using var text = new StringWriter();
        using var error = new StringWriter();
        Program.Run(["grade", "--help"], text, error);
        Assert.That(text.ToString() + error, Does.Contain("--output-encoding").And.Contain("xlsx").And.Contain("JSON Lines and summary.json are always UTF-8"));
    }
}
