using System.Globalization;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Samples;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// Text a spreadsheet would evaluate (a cell starting with = + - @, a tab or a carriage return) is escaped in every CSV
/// output, once, by the writer; numbers stay numbers; JSON Lines keep the raw text.
/// </summary>
public class OutputEscapingTests
{
    private const string Hyperlink = "=HYPERLINK(\"http://x\")";

    private static string Csv(string text)
    {
        var buffer = new CharBuffer();
        buffer.AppendCsv(text);
        return buffer.Span.ToString();
    }

    [TestCase("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [TestCase("+1", "\"'+1\"")]
    [TestCase("-2", "\"'-2\"")]
    [TestCase("@SUM(A1)", "\"'@SUM(A1)\"")]
    [TestCase("\tcmd", "\"'\tcmd\"")]
    [TestCase("\rcmd", "\"'\rcmd\"")]
    [TestCase("\0x", "\"'\0x\"")]
    [TestCase("=1,2", "\"'=1,2\"")]
    public void AppendCsv_TextAFormulaWouldStartWith_QuotedWithASingleQuoteInFront(string text, string expected)
    {
        Assert.That(Csv(text), Is.EqualTo(expected));
    }

    [TestCase("D010100001", "D010100001")]
    [TestCase("青岚市东湖区菱门科技公司党支部", "青岚市东湖区菱门科技公司党支部")]
    [TestCase("a=b+c-d@e", "a=b+c-d@e")]
    [TestCase("", "")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("two\nlines", "\"two\nlines\"")]
    [TestCase("'quoted already", "'quoted already")]
    public void AppendCsv_OtherText_OnlyQuotedWhenRfc4180AsksIt(string text, string expected)
    {
        Assert.That(Csv(text), Is.EqualTo(expected));
    }

    [Test]
    public void AppendNumber_NegativeScore_StaysANumber()
    {
        var buffer = new CharBuffer();
        buffer.AppendNumber(-5);
        buffer.Append(',');
        buffer.AppendNumber(-2.5);

        Assert.That(buffer.Span.ToString(), Is.EqualTo("-5,-2.5"));
    }

    [Test]
    public void EndCsvText_TextAppendedAfterOtherCells_EscapesOnlyThatCellOnce()
    {
        var buffer = new CharBuffer();
        buffer.Append("-1,");
        var start = buffer.Length;
        buffer.Append("=A1");
        buffer.Append("、");
        buffer.Append("b\"c");

        buffer.EndCsvText(start);
        buffer.Append(",x");

        Assert.That(buffer.Span.ToString(), Is.EqualTo("-1,\"'=A1、b\"\"c\",x"));
    }

    [Test]
    public void EndCsvText_CellAtTheEndOfAFullBuffer_GrowsAndKeepsEveryCharacter()
    {
        var buffer = new CharBuffer();
        var filler = new string('x', (1 << 16) - 5);
        buffer.Append(filler);
        var start = buffer.Length;
        buffer.Append("=\"\"\"\""); // fills the 64 K chars exactly; the escaped cell needs 7 more

        buffer.EndCsvText(start);

        Assert.That(buffer.Span[..filler.Length].SequenceEqual(filler), "the text before the cell is kept");
        Assert.That(buffer.Span[filler.Length..].ToString(), Is.EqualTo("\"'=\"\"\"\"\"\"\"\"\""));
    }

    [Test]
    public void CsvLine_HeaderCells_EscapedLikeEveryTextCell()
    {
        Assert.That(CharBuffer.CsvLine(["组织编号", "-扣分项", "a,b"]), Is.EqualTo("组织编号,\"'-扣分项\",\"a,b\"\n"));
    }

    [Test]
    public void ResultFormatterAppendCsv_NegativeScores_StayNumbers()
    {
        var plan = GoldenCases.Catalogue["member-wudai"].Model;
        var frame = plan.Layout.NewFrame();
        frame.Numbers[plan.Level.Index] = -1; // withheld: an empty level cell
        frame.Numbers[plan.Total.Index] = -5;
        frame.Numbers[plan.Items[0].Score.Index] = -3.5;
        var buffer = new CharBuffer();

        new ResultFormatter(plan).AppendCsv(buffer, frame);

        Assert.That(buffer.Span.ToString(), Does.StartWith(",,-5,-3.5,"));
    }

    [Test]
    public void Grade_TextCellsAFormulaWouldStartWith_EscapedInEveryCsvOutputAndRawInJsonLines()
    {
        var data = ResultSets.CopyOfData(ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 20, Seed = 31 }).Folder);
        var organisations = Path.Combine(data, "organisations.csv");
        var rows = File.ReadAllLines(organisations, Encoding.UTF8).Select(l => l.Split(',')).ToList();
        var header = rows[0];
        var name = Array.IndexOf(header, "组织名称");
        var county = Array.IndexOf(header, "县");
        rows[1][name] = "\"=HYPERLINK(\"\"http://x\"\")\"";
        rows[2][county] = "@SUM(A1)";
        var renamed = rows[3][0];
        rows[3][0] = "+1";
        var withoutTeam = rows[4][0];
        rows[4][0] = "-2";
        File.WriteAllLines(organisations, rows.Select(r => string.Join(",", r)), new UTF8Encoding(false));
        foreach (var file in new[] { "teams.csv", "members.csv" })
        {
            var path = Path.Combine(data, file);
            var lines = File.ReadAllLines(path, Encoding.UTF8).Select(l => l.Split(','));
            var column = file == "teams.csv" ? 0 : 1;
            File.WriteAllLines(path, lines.Select(l =>
            {
                if (l[column] == renamed)
                {
                    l[column] = "+1";
                }

                return string.Join(",", l);
            }), new UTF8Encoding(false));
        }

        var output = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output,
            new BatchOptions { Threads = 2, Formats = ResultFormats.Csv | ResultFormats.JsonLines });

        var results = File.ReadAllText(Path.Combine(output, "organisations.csv"), Encoding.UTF8);
        Assert.That(results, Does.Contain(",\"'=HYPERLINK(\"\"http://x\"\")\","), "the name");
        Assert.That(results, Does.Contain(",\"'@SUM(A1)\","), "the county");
        Assert.That(results, Does.Contain("\n\"'+1\","), "the id");
        Assert.That(File.ReadAllText(Path.Combine(output, "teams.csv"), Encoding.UTF8), Does.Contain("\n\"'+1\","));
        Assert.That(File.ReadAllText(Path.Combine(output, "members.csv"), Encoding.UTF8), Does.Contain(",\"'+1\","));
        var errors = File.ReadAllLines(Path.Combine(output, "errors.csv"), Encoding.UTF8);
        Assert.That(errors.Any(l => l.Contains(",\"'-2\",", StringComparison.Ordinal) && l.Contains("缺少领导班子", StringComparison.Ordinal)), "the id of the rejected organisation");
        foreach (var file in Directory.GetFiles(output, "*.csv"))
        {
            foreach (var cells in File.ReadLines(file, Encoding.UTF8).Select(CsvCells))
            {
                foreach (var cell in cells.Where(c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal)))
                {
                    Assert.That(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{Path.GetFileName(file)}: “{cell}” is a number");
                }
            }
        }

        var json = File.ReadAllText(Path.Combine(output, "organisations.jsonl"), Encoding.UTF8);
        Assert.That(json, Does.Contain("\"name\":\"=HYPERLINK(\\\"http://x\\\")\"").And.Contain("\"id\":\"+1\"").And.Contain("\"县\":\"@SUM(A1)\""));
        Assert.That(json, Does.Not.Contain("'="));
    }

    /// <summary>The cells of one CSV line as a spreadsheet reads them: quotes removed, doubled quotes single.</summary>
    private static List<string> CsvCells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
