using System.Globalization;
using System.IO.Compression;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Samples;
using MiniExcelLibs;

namespace GradingEngine.Tests.Batch;

/// <summary>results.xlsx: a sheet per kind equal to the CSV results cell by cell, numbers as numbers, formulas never.</summary>
public class XlsxOutputTests
{
    private const string Hyperlink = "=HYPERLINK(\"http://x\",\"点击\")";

    private static string ProvinceWithFormulaName()
    {
        var source = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 200, Seed = 43, CorruptRowsPerFile = 2 }).Folder;
        var data = ProvinceFixture.CopyOf(source);

        var organisations = Path.Combine(data, "organisations.csv");
        var lines = File.ReadAllLines(organisations, Encoding.UTF8);
        var cells = lines[1].Split(',');
        cells[1] = "\"" + Hyperlink.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        lines[1] = string.Join(',', cells);
        File.WriteAllLines(organisations, lines, new UTF8Encoding(false));
        return data;
    }

    private static List<List<string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var rows = new List<List<string>>();
        var cells = new List<string>();
        while (ScratchCsv.Read(reader, cells))
        {
            // The CSV's guard against formulas (a ' in front) is the CSV's own: the spreadsheet holds the text itself.
            rows.Add(cells.Select(c => c.Length > 1 && c[0] == '\'' && c[1] is '=' or '+' or '-' or '@' ? c[1..] : c).ToList());
        }

        return rows;
    }

    [Test]
    public void Grade_Xlsx_EachSheetEqualsItsCsvCellByCellWithNumbersAsNumbers()
    {
        var data = ProvinceWithFormulaName();
        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2, Formats = ResultFormats.Csv | ResultFormats.Xlsx });
        var workbook = Path.Combine(output, "results.xlsx");

        Assert.That(MiniExcel.GetSheetNames(workbook), Is.EqualTo(new[] { "党组织", "领导班子", "党员" }));
        foreach (var (sheet, csv) in new[] { ("党组织", "organisations.csv"), ("领导班子", "teams.csv"), ("党员", "members.csv") })
        {
            var expected = ReadCsv(Path.Combine(output, csv));
            var header = expected[0];
            var numbers = new HashSet<int>(Enumerable.Range(header.IndexOf("总分"), header.IndexOf("标记") - header.IndexOf("总分")));
            var actual = MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>()
                .Select(r => r.Values.ToList()).ToList();
            Assert.That(actual, Has.Count.EqualTo(expected.Count), sheet);
            Assert.That(actual[0].Select(v => v as string), Is.EqualTo(header), sheet + " header");
            for (var r = 1; r < expected.Count; r++)
            {
                for (var c = 0; c < header.Count; c++)
                {
                    var value = actual[r][c];
                    if (numbers.Contains(c))
                    {
                        Assert.That(value, Is.TypeOf<double>(), $"{sheet} row {r} {header[c]}");
                        Assert.That(value, Is.EqualTo(double.Parse(expected[r][c], CultureInfo.InvariantCulture)), $"{sheet} row {r} {header[c]}");
                    }
                    else
                    {
                        Assert.That(value as string ?? string.Empty, Is.EqualTo(expected[r][c]), $"{sheet} row {r} {header[c]}");
                    }
                }
            }
        }

        Assert.That(MiniExcel.Query(workbook, useHeaderRow: false, sheetName: "党组织").Cast<IDictionary<string, object?>>().Skip(1).First().Values.ElementAt(1), Is.EqualTo(Hyperlink));
    }

    [Test]
    public void Grade_Xlsx_FormulaLikeNameIsAStringCellNoFormulaHeaderFrozen()
    {
        var data = ProvinceWithFormulaName();
        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2, Formats = ResultFormats.Xlsx });

        Assert.That(File.Exists(Path.Combine(output, "organisations.csv")), Is.False);
        using var zip = ZipFile.OpenRead(Path.Combine(output, "results.xlsx"));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList();
        Assert.That(sheets, Has.Count.EqualTo(3));
        var strings = zip.GetEntry("xl/sharedStrings.xml") is { } shared ? new StreamReader(shared.Open()).ReadToEnd() : string.Empty;
        var escaped = System.Security.SecurityElement.Escape(Hyperlink);
        foreach (var entry in sheets)
        {
            var xml = new StreamReader(entry.Open()).ReadToEnd();
            Assert.That(xml, Does.Not.Contain("<f>").And.Not.Contain("<x:f>").And.Not.Contain("<x:f ").And.Not.Contain("<f "), entry.FullName);
            Assert.That(xml, Does.Match("ySplit=\"1\""), entry.FullName + " header frozen");
        }

        var all = string.Concat(sheets.Select(e => new StreamReader(e.Open()).ReadToEnd())) + strings;
        Assert.That(all.Contains(escaped, StringComparison.Ordinal) || all.Contains(Hyperlink.Replace("\"", "&quot;", StringComparison.Ordinal), StringComparison.Ordinal)
            || all.Contains(Hyperlink, StringComparison.Ordinal), Is.True, "the name is written as text");
    }

    [Test]
    public void Grade_XlsxMoreRowsThanASheetHolds_ContinuesInNumberedSheetsEachWithTheHeader()
    {
        var data = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 44 }).Folder;
        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions
        {
            Threads = 2, Formats = ResultFormats.Csv | ResultFormats.Xlsx, XlsxRowsPerSheet = 700,
        });
        var workbook = Path.Combine(output, "results.xlsx");
        var members = File.ReadAllLines(Path.Combine(output, "members.csv")).Length - 1;
        var parts = (members + 699) / 700;
        Assert.That(parts, Is.GreaterThan(1));

        var names = MiniExcel.GetSheetNames(workbook);
        Assert.That(names, Is.EqualTo(new[] { "党组织", "领导班子" }.Concat(Enumerable.Range(1, parts).Select(p => p == 1 ? "党员" : "党员" + p))));
        var rows = names.Skip(2).Select(n => MiniExcel.Query(workbook, useHeaderRow: true, sheetName: n).Count()).ToList();
        Assert.That(rows.Sum(), Is.EqualTo(members));
        Assert.That(rows.Take(parts - 1), Is.All.EqualTo(700));
    }

    [Test]
    public void Grade_XlsxKindWithoutRows_SheetHasTheHeaderOnly()
    {
        var data = ResultSets.CopyOfData(ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 44 }).Folder);
        var members = Path.Combine(data, "members.csv");
        File.WriteAllLines(members, File.ReadLines(members, Encoding.UTF8).Take(1).ToList(), new UTF8Encoding(false));
        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2, Formats = ResultFormats.Csv | ResultFormats.Xlsx });

        var workbook = Path.Combine(output, "results.xlsx");
        var header = File.ReadLines(Path.Combine(output, "members.csv"), Encoding.UTF8).First().TrimStart('\uFEFF').Split(',');
        var rows = MiniExcel.Query(workbook, useHeaderRow: false, sheetName: "党员").Cast<IDictionary<string, object?>>().ToList();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].Values.Select(v => v as string), Is.EqualTo(header));
    }

    [Test]
    public void Grade_CsvOnlyAfterXlsx_RemovesTheEarlierWorkbook()
    {
        var data = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 44 }).Folder;
        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2, Formats = ResultFormats.Xlsx });
        Assert.That(File.Exists(Path.Combine(output, "results.xlsx")), Is.True);
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2 });
        Assert.That(File.Exists(Path.Combine(output, "results.xlsx")), Is.False);
    }
}
