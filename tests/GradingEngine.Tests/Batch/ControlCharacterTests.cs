using System.Globalization;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;
using GradingEngine.Grading;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// A control character (other than tab, line feed, carriage return) or a lone surrogate in any cell the run reads
/// rejects the row, naming the column and the character; nothing of it reaches the results.
/// </summary>
public class ControlCharacterTests
{
    [TestCase("D010100001", -1)]
    [TestCase("青岚市东湖区菱门科技公司党支部", -1)]
    [TestCase("tab\tline\nreturn\r", -1)]
    [TestCase("𠮷野家", -1)] // a surrogate pair: one character outside the BMP
    [TestCase("", -1)]
    [TestCase("a\0b", 1)]
    [TestCase("\u0001", 0)]
    [TestCase("党\u000B", 1)]
    [TestCase("党支部\u001F", 3)]
    [TestCase("x\u007F", 1)]
    public void IndexOfForbiddenCharacter_Text_FindsControlCharacters(string text, int expected)
    {
        Assert.That(InputText.IndexOfForbiddenCharacter(text), Is.EqualTo(expected));
    }

    // Built in code: an attribute's string cannot hold a lone surrogate (it is stored as UTF-8).
    [TestCase("a", 0xD842, "", 1)]   // a high half at the end
    [TestCase("", 0xD842, "x", 0)]   // a high half without its low half
    [TestCase("ab", 0xDFB7, "", 2)]  // a low half alone
    [TestCase("x", 0xDFB7, "y", 1)]  // a low half between two letters
    public void IndexOfForbiddenCharacter_LoneSurrogate_Found(string before, int half, string after, int expected)
    {
        Assert.That(InputText.IndexOfForbiddenCharacter(before + (char)half + after), Is.EqualTo(expected));
    }

    [Test]
    public void DescribeForbiddenCharacter_Nul_NamesItAsUPlusAndItsPosition()
    {
        Assert.That(InputText.DescribeForbiddenCharacter("ab\0", 2), Does.Contain("U+0000").And.Contain("第 3 个字符").And.Contain("character 3"));
        Assert.That(InputText.DescribeForbiddenCharacter("\uD800", 0), Does.Contain("U+D800").And.Contain("surrogate"));
    }

    [Test]
    public void Grade_NulInAnOrganisationName_RowRejectedWithItsColumnAndNothingWritten()
    {
        var (data, rows) = ErrorsFileTests.CopyOfSmallProvince();
        var name = Array.IndexOf(rows[0], "组织名称");
        var id = rows[2][0];
        rows[2][name] = "菱门\0科技党支部";
        ErrorsFileTests.WriteOrganisations(data, rows.Select(r => string.Join(",", r)));
        var output = ProvinceFixture.NewOutputFolder();

        var summary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output,
            new BatchOptions { Threads = 2, Formats = ResultFormats.Csv | ResultFormats.JsonLines });

        var error = ErrorsFileTests.ErrorRows(output).Single(e => e[0] == "organisations.csv");
        Assert.That(error[1..6], Is.EqualTo(new[] { "3", (name + 1).ToString(CultureInfo.InvariantCulture), "", "组织名称", id }));
        Assert.That(error[6], Does.Contain("U+0000").And.Contain("第 3 个字符"));
        Assert.That(summary.Files[0].Rejected, Is.EqualTo(1));
        Assert.That(File.ReadAllText(Path.Combine(output, "organisations.csv")), Does.Not.Contain(id));
        foreach (var file in Directory.GetFiles(output))
        {
            Assert.That(File.ReadAllText(file).Contains('\0', StringComparison.Ordinal), Is.False, Path.GetFileName(file));
        }
    }

    [TestCase("\u001B", "␛")]
    [TestCase("\u007F", "␡")]
    public void Grade_ControlCharacterInAMemberId_RowRejectedAndTheIdShownWithTheVisibleSymbol(string control, string shown)
    {
        var (data, _) = ErrorsFileTests.CopyOfSmallProvince();
        var members = Path.Combine(data, "members.csv");
        var lines = File.ReadAllLines(members, Encoding.UTF8);
        var id = lines[5].Split(',')[0];
        lines[5] = id + control + lines[5][id.Length..];
        File.WriteAllLines(members, lines, new UTF8Encoding(false));
        var output = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2 });

        var error = ErrorsFileTests.ErrorRows(output).Single(e => e[0] == "members.csv");
        Assert.That(error[1..6], Is.EqualTo(new[] { "6", "1", "", "党员编号", id + shown }));
        Assert.That(error[6], Does.Contain($"U+{(int)control[0]:X4}"));
        Assert.That(File.ReadAllText(Path.Combine(output, "members.csv")), Does.Not.Contain(id + ","));
        Assert.That(File.ReadAllText(Path.Combine(output, "errors.csv")).Contains(control, StringComparison.Ordinal), Is.False, "no control character in errors.csv");
    }

    [Test]
    public void Grade_ControlCharacterInAColumnTheRunIgnores_RowGraded()
    {
        var (data, _) = ErrorsFileTests.CopyOfSmallProvince();
        var members = Path.Combine(data, "members.csv");
        var lines = File.ReadAllLines(members, Encoding.UTF8);
        lines[0] += ",备注";
        for (var i = 1; i < lines.Length; i++)
        {
            lines[i] += i == 5 ? ",调\0出" : ",";
        }

        File.WriteAllLines(members, lines, new UTF8Encoding(false));
        var output = ProvinceFixture.NewOutputFolder();

        var summary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2 });

        Assert.That(summary.Files[2].Rejected, Is.Zero);
        Assert.That(summary.Files[2].Warnings, Has.Some.Contains("备注"), "ignored, with a warning");
    }

    [Test]
    public void Grade_NameWithACharacterOutsideTheBmp_GradedAndWrittenWhole()
    {
        var (data, rows) = ErrorsFileTests.CopyOfSmallProvince();
        var name = Array.IndexOf(rows[0], "组织名称");
        rows[2][name] = "𠮷野家社区党支部";
        ErrorsFileTests.WriteOrganisations(data, rows.Select(r => string.Join(",", r)));
        var output = ProvinceFixture.NewOutputFolder();

        var summary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2 });

        Assert.That(summary.Files.Sum(f => f.Rejected), Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(output, "organisations.csv"), Encoding.UTF8), Does.Contain("," + "𠮷野家社区党支部" + ","));
    }

    [Test]
    public void Grade_EscapedNulInAJsonLinesValue_RowRejectedWithItsColumn()
    {
        var data = ResultSets.CopyOfData(ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 20, Seed = 33, Format = SampleFileFormat.JsonLines }).Folder);
        var teams = Path.Combine(data, "teams.jsonl");
        var lines = File.ReadAllLines(teams, Encoding.UTF8);
        var id = lines[0].Split('"')[3]; // {"组织编号":"D…", …}
        Assert.That(lines[0], Does.StartWith("{\"组织编号\":\"" + id + "\""));
        lines[0] = lines[0].Replace("\"" + id + "\"", "\"" + id + "\\u0000\"", StringComparison.Ordinal);
        File.WriteAllLines(teams, lines, new UTF8Encoding(false));
        var output = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2, Formats = ResultFormats.JsonLines });

        var errors = ErrorsFileTests.ErrorRows(output);
        var nul = errors.Single(e => e[0] == "teams.jsonl" && e[6].Contains("U+0000", StringComparison.Ordinal));
        Assert.That(nul[1..6], Is.EqualTo(new[] { "1", "1", "", "组织编号", id + "␀" }));
        Assert.That(File.ReadAllText(Path.Combine(output, "teams.jsonl")), Does.Not.Contain("\\u0000"));
    }
}
