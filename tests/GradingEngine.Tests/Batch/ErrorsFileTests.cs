using System.Globalization;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>What errors.csv says about a rejected row, column by column.</summary>
public class ErrorsFileTests
{
    /// <summary>A copy of a small sample province whose organisations file the test changes.</summary>
    internal static (string Data, List<string[]> Organisations) CopyOfSmallProvince()
    {
        var data = ResultSets.CopyOfData(ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 20, Seed = 32 }).Folder);
        var rows = File.ReadAllLines(Path.Combine(data, "organisations.csv"), Encoding.UTF8).Select(l => l.Split(',')).ToList();
        return (data, rows);
    }

    internal static void WriteOrganisations(string data, IEnumerable<string> lines) =>
        File.WriteAllLines(Path.Combine(data, "organisations.csv"), lines, new UTF8Encoding(false));

    /// <summary>The errors file's rows, each split into its cells (no cell of these tests holds a comma).</summary>
    internal static List<string[]> ErrorRows(string output) =>
        File.ReadAllLines(Path.Combine(output, "errors.csv"), Encoding.UTF8).Select(l => l.Split(',')).ToList();

    [Test]
    public void Grade_CellErrorAndMalformedRecord_FieldNumberAndCharacterPositionEachInItsOwnColumn()
    {
        var (data, rows) = CopyOfSmallProvince();
        var members = Array.IndexOf(rows[0], "党员人数");
        rows[1][members] = "十二";
        var lines = rows.Select(r => string.Join(",", r)).ToList();
        var length = lines[2].Length;
        lines[2] += ",多余";
        WriteOrganisations(data, lines);
        var output = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2 });

        var errors = ErrorRows(output);
        Assert.That(errors[0], Is.EqualTo(new[] { "文件", "行号", "列号", "字符位置", "列名", "编号", "原因" }));
        var cell = errors.Single(e => e[0] == "organisations.csv" && e[1] == "2");
        Assert.That(cell[2..6], Is.EqualTo(new[] { (members + 1).ToString(CultureInfo.InvariantCulture), "", "党员人数", rows[1][0] }), "field number and name, no character position");
        Assert.That(cell[6], Does.Contain("十二"));
        var malformed = errors.Single(e => e[0] == "organisations.csv" && e[1] == "3");
        Assert.That(malformed[2..6], Is.EqualTo(new[] { "", (length + 2).ToString(CultureInfo.InvariantCulture), "", rows[2][0] }), "the character where the extra field starts, no field number");
        Assert.That(malformed[6], Does.Contain("字段数"));
    }
}
