using System.Globalization;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// Input files spoilt by hand, graded beside the unspoilt province: no row is lost to another row's broken quote, and
/// an id given twice is graded once (its first row) and reported once more, naming both lines.
/// </summary>
public class ProvinceInputTests
{
    private static readonly SampleProvinceOptions Base = new() { Organisations = 60, Seed = 21 };
    private static readonly Lazy<(string Output, BatchSummary Summary)> Baseline = new(() =>
    {
        var output = ProvinceFixture.NewOutputFolder();
        return (output, Grade(ProvinceFixture.Province(Base).Folder, output));
    });

    private static BatchSummary Grade(string folder, string output) =>
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(folder), output, new BatchOptions { Threads = 2 });

    // ---- An unclosed quote ----

    [Test]
    public void Grade_UnclosedQuoteOnOneOrganisationRow_EveryOtherRowGradedAndReconciled()
    {
        var folder = Copy(out var info);
        var organisations = Lines(folder, "organisations.csv");
        var broken = Cells(organisations[21]);
        var brokenId = broken[0];
        broken[1] = "\"" + broken[1]; // opened, never closed
        organisations[21] = string.Join(",", broken);
        var quoted = Cells(organisations[40]);
        var quotedName = quoted[1] + "，含\"引号\"";
        quoted[1] = "\"" + quotedName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""; // a well-formed quoted name further on, whose quotes the open one could pair with
        organisations[40] = string.Join(",", quoted);
        Write(folder, "organisations.csv", organisations);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        var (orgFile, teamFile, memberFile) = (summary.Files[0], summary.Files[1], summary.Files[2]);
        Assert.That(summary.Files.Select(f => f.Reconciles), Is.All.True);
        Assert.That(orgFile.RowsRead, Is.EqualTo(info.Organisations), "one row per physical line");
        Assert.That((orgFile.Graded, orgFile.Rejected), Is.EqualTo((info.Organisations - 1L, 1L)));
        var errors = Errors(output);
        var organisationErrors = errors.Where(e => e.File == "organisations.csv").ToList();
        Assert.That(organisationErrors.Select(e => (e.Line, e.Column, e.Id)), Is.EqualTo(new[] { (22L, brokenId.Length + 2, brokenId) }));
        Assert.That(organisationErrors[0].Reason, Does.StartWith("引号未闭合"));

        var graded = OutputIds(output, "organisations.csv");
        var expected = organisations.Skip(1).Select(l => Cells(l)[0]).Where(id => id != brokenId);
        Assert.That(graded, Is.EquivalentTo(expected), "every other organisation graded");
        Assert.That(OutputRow(output, "organisations.csv", quoted[0])[1], Is.EqualTo(quotedName));

        // The broken organisation's team and members are unknown; everyone else's are graded.
        var brokenMembers = Lines(folder, "members.csv").Skip(1).Count(l => Cells(l)[1] == brokenId);
        Assert.That((teamFile.Graded, teamFile.Rejected), Is.EqualTo((info.Teams - 1L, 1L)));
        Assert.That((memberFile.Graded, memberFile.Rejected), Is.EqualTo((info.Members - (long)brokenMembers, (long)brokenMembers)));
        Assert.That(errors.Where(e => e.File != "organisations.csv").Select(e => e.Id == brokenId || Cells(Lines(folder, e.File)[(int)e.Line - 1])[1] == brokenId), Is.All.True);
        Assert.That(errors.Where(e => e.File != "organisations.csv").Select(e => e.Reason), Is.All.StartWith("未知的组织编号"));
    }

    [Test]
    public void Grade_OrganisationNameQuotedOverTwoLines_GradedAsOneRow()
    {
        var folder = Copy(out var info);
        var organisations = Lines(folder, "organisations.csv");
        var cells = Cells(organisations[10]);
        cells[1] = "\"" + cells[1] + "\n（原名，2020 年更名）\"";
        organisations[10] = string.Join(",", cells);
        Write(folder, "organisations.csv", organisations);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        Assert.That(summary.Files.Select(f => f.Reconciles), Is.All.True);
        Assert.That((summary.Files[0].RowsRead, summary.Files[0].Graded), Is.EqualTo(((long)info.Organisations, (long)info.Organisations)));
        Assert.That(summary.Files[0].ContinuationLines, Is.EqualTo(1));
        Assert.That(summary.Files[0].Lines, Is.EqualTo(info.Organisations + 2L));
        Assert.That(Errors(output), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(output, "organisations.csv")), Does.Contain(cells[1]), "the name with its line break");
    }

    // ---- Duplicate ids ----

    [Test]
    public void Grade_DuplicateMemberIdInTheSameOrganisation_SecondRejectedNamingBothLinesAndCountedOnce()
    {
        var folder = Copy(out var info);
        var members = Lines(folder, "members.csv");
        members.Insert(12, members[11]); // line 12, then again on line 13
        Write(folder, "members.csv", members);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        var id = Cells(members[11])[0];
        Assert.That(Errors(output), Is.EqualTo(new[]
        {
            new ErrorRow("members.csv", 13, 1, "党员编号", id, $"党员编号“{id}”重复，首次出现在第 12 行 (duplicate member id; first at line 12)"),
        }));
        Assert.That((summary.Files[2].RowsRead, summary.Files[2].Graded, summary.Files[2].Rejected), Is.EqualTo((info.Members + 1L, (long)info.Members, 1L)));
        Assert.That(summary.Files.Select(f => f.Reconciles), Is.All.True);
        Assert.That(OutputIds(output, "members.csv").Count(m => m == id), Is.EqualTo(1));
        AssertSameResults(output, "organisations.csv", "members.csv", "teams.csv");
    }

    [Test]
    public void Grade_DuplicateMemberIdInAnotherOrganisation_SecondRejectedNamingBothLinesAndCountedOnce()
    {
        var folder = Copy(out var info);
        var members = Lines(folder, "members.csv");
        var copy = Cells(members[30]);
        var otherOrganisation = Cells(members.Skip(1).First(l => Cells(l)[1] != copy[1]))[1];
        copy[1] = otherOrganisation;
        members.Add(string.Join(",", copy));
        Write(folder, "members.csv", members);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        var id = copy[0];
        Assert.That(Errors(output), Is.EqualTo(new[]
        {
            new ErrorRow("members.csv", members.Count, 1, "党员编号", id, $"党员编号“{id}”重复，首次出现在第 31 行 (duplicate member id; first at line 31)"),
        }));
        Assert.That((summary.Files[2].Graded, summary.Files[2].Rejected), Is.EqualTo(((long)info.Members, 1L)));
        AssertSameResults(output, "organisations.csv", "members.csv");
    }

    [Test]
    public void Grade_DuplicateMemberId_FirstRowRejected_SecondStillADuplicate()
    {
        var folder = Copy(out _);
        var members = Lines(folder, "members.csv");
        var first = Cells(members[5]);
        members.Add(members[5]);
        first[1] = "D999999999"; // an organisation that is not in the file: the row is rejected, its id still taken
        members[5] = string.Join(",", first);
        Write(folder, "members.csv", members);
        var output = ProvinceFixture.NewOutputFolder();

        Grade(folder, output);

        var errors = Errors(output);
        Assert.That(errors.Select(e => e.Line), Is.EqualTo(new long[] { 6, members.Count }));
        Assert.That(errors[0].Reason, Does.StartWith("未知的组织编号"));
        Assert.That(errors[1].Reason, Does.Contain("首次出现在第 6 行"));
        Assert.That(OutputIds(output, "members.csv"), Does.Not.Contain(first[0]), "neither row graded: which one is right is not for the batch to guess");
    }

    [Test]
    public void Grade_DuplicateTeamRow_SecondRejectedNamingTheFirst()
    {
        var folder = Copy(out var info);
        var teams = Lines(folder, "teams.csv");
        teams.Add(teams[7]);
        Write(folder, "teams.csv", teams);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        var id = Cells(teams[7])[0];
        Assert.That(Errors(output), Is.EqualTo(new[]
        {
            new ErrorRow("teams.csv", teams.Count, 1, "组织编号", id, $"组织编号“{id}”重复：该组织的领导班子已在第 8 行给出 (duplicate organisation id: this organisation's team was already given at line 8)"),
        }));
        Assert.That((summary.Files[1].Graded, summary.Files[1].Rejected), Is.EqualTo(((long)info.Teams, 1L)));
        AssertSameResults(output, "organisations.csv", "teams.csv");
    }

    [Test]
    public void Grade_DuplicateTeamRow_FirstRowRejected_SecondStillADuplicate()
    {
        var folder = Copy(out _);
        var teams = Lines(folder, "teams.csv");
        var first = Cells(teams[7]);
        teams.Add(teams[7]);
        first[3] = "十二";
        teams[7] = string.Join(",", first);
        Write(folder, "teams.csv", teams);
        var output = ProvinceFixture.NewOutputFolder();

        Grade(folder, output);

        var errors = Errors(output);
        Assert.That(errors.Where(e => e.File == "teams.csv").Select(e => e.Line), Is.EqualTo(new long[] { 8, teams.Count }));
        Assert.That(errors.Single(e => e.File == "teams.csv" && e.Line == teams.Count).Reason, Does.Contain("已在第 8 行给出"));
        Assert.That(errors.Single(e => e.File == "organisations.csv").Reason, Does.StartWith("缺少领导班子"));
        Assert.That(OutputIds(output, "organisations.csv"), Does.Not.Contain(first[0]));
    }

    [Test]
    public void Grade_DuplicateOrganisationId_SecondRejectedNamingTheFirst()
    {
        var folder = Copy(out var info);
        var organisations = Lines(folder, "organisations.csv");
        var copy = Cells(organisations[3]);
        copy[1] = "另一个党支部";
        organisations.Add(string.Join(",", copy));
        Write(folder, "organisations.csv", organisations);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        Assert.That(Errors(output), Is.EqualTo(new[]
        {
            new ErrorRow("organisations.csv", organisations.Count, 1, "组织编号", copy[0], $"组织编号“{copy[0]}”重复，首次出现在第 4 行 (duplicate organisation id; first at line 4)"),
        }));
        Assert.That((summary.Files[0].Graded, summary.Files[0].Rejected), Is.EqualTo(((long)info.Organisations, 1L)));
        AssertSameResults(output, "organisations.csv");
    }

    [Test]
    public void Grade_DuplicateLastYearRows_SecondRejectedNamingTheFirst()
    {
        var folder = Copy(out _);
        var lastYear = Lines(folder, "last-year.csv");
        var known = Cells(lastYear[5])[0];
        lastYear.Add($"{known},三类"); // line 62: a second level for an organisation of this year
        lastYear.Add("D888888888,一类"); // 63, 64: an organisation gone this year, twice
        lastYear.Add("D888888888,二类");
        lastYear.Add("D777777777,四类"); // 65, 66: a first row rejected for its level still holds the id
        lastYear.Add("D777777777,二类");
        Write(folder, "last-year.csv", lastYear);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = Grade(folder, output);

        Assert.That(Errors(output).Select(e => (e.Line, e.Column, e.Id, e.Reason[..Math.Min(e.Reason.Length, 30)])), Is.EqualTo(new[]
        {
            (62L, 1, known, $"组织编号“{known}”重复，首次出现在第 6 行 (dup"[..30]),
            (64L, 1, "D888888888", "组织编号“D888888888”重复，首次出现在第 63 行 (d"[..30]),
            (65L, 2, "D777777777", "“四类”不是方案的等级（一类、二类、三类） (not a level"[..30]),
            (66L, 1, "D777777777", "组织编号“D777777777”重复，首次出现在第 65 行 (d"[..30]),
        }));
        var lastYearFile = summary.Files.Single(f => f.Kind == "上年结果");
        Assert.That(lastYearFile.Rejected, Is.EqualTo(4));
        Assert.That(lastYearFile.Reconciles, Is.True);
        AssertSameResults(output, "organisations.csv");
    }

    // ---- Helpers ----

    private sealed record ErrorRow(string File, long Line, int Column, string ColumnName, string Id, string Reason);

    /// <summary>A copy of the base province's files in a new folder.</summary>
    private static string Copy(out SampleProvinceInfo info)
    {
        var (source, sourceInfo) = ProvinceFixture.Province(Base);
        info = sourceInfo;
        var folder = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>The file's lines (the sample's fields hold no line breaks).</summary>
    private static List<string> Lines(string folder, string name) => [.. File.ReadAllLines(Path.Combine(folder, name), Encoding.UTF8)];

    private static void Write(string folder, string name, List<string> lines) =>
        File.WriteAllText(Path.Combine(folder, name), string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));

    /// <summary>The cells of a line of the sample (no quotes in it).</summary>
    private static string[] Cells(string line) => line.Split(',');

    private static List<ErrorRow> Errors(string output) =>
        [.. ReadCsv(Path.Combine(output, "errors.csv")).Select(e => new ErrorRow(
            e[0], long.Parse(e[1], CultureInfo.InvariantCulture), Number(e[2].Length > 0 ? e[2] : e[3]), e[4], e[5], e[6]))];

    /// <summary>The field number (列号) of a cell problem, or the character position (字符位置) of a malformed record.</summary>
    private static int Number(string text) => text.Length == 0 ? 0 : int.Parse(text, CultureInfo.InvariantCulture);

    private static List<string> OutputIds(string output, string name) => [.. ReadCsv(Path.Combine(output, name)).Select(r => r[0])];

    private static string[] OutputRow(string output, string name, string id) => ReadCsv(Path.Combine(output, name)).Single(r => r[0] == id);

    /// <summary>The result files are byte for byte those of the unspoilt province.</summary>
    private static void AssertSameResults(string output, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(output, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Baseline.Value.Output, name))), name);
        }
    }

    /// <summary>An RFC 4180 file's records after the header (result files hold no line breaks in fields but may quote).</summary>
    private static List<string[]> ReadCsv(string path)
    {
        var records = new List<string[]>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
