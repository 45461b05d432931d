using System.Globalization;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Samples;
using MiniExcelLibs;

namespace GradingEngine.Tests.Batch;

/// <summary>A province given as .xlsx workbooks (one sheet each) grades exactly as the same data given as CSV.</summary>
public class XlsxInputTests
{
    /// <summary>Writes a CSV file's rows as a workbook's only sheet: numbers as number cells, everything else as text.</summary>
    private static void CsvToWorkbook(string csv, string xlsx, string sheet, Func<List<string>, List<string>>? change = null)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8);
        var cells = new List<string>();
        ScratchCsv.Read(reader, cells);
        var header = cells.ToList();
        var rows = new List<Dictionary<string, object?>>();
        while (ScratchCsv.Read(reader, cells))
        {
            var values = change is null ? cells : change(cells.ToList());
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                var text = i < values.Count ? values[i] : string.Empty;
                row[header[i]] = text.Length == 0
                    ? null
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        && number.ToString(CultureInfo.InvariantCulture) == text
                        && !text.StartsWith('D') // ids stay text
                            ? number
                            : text;
            }

            rows.Add(row);
        }

        MiniExcel.SaveAs(xlsx, rows, sheetName: sheet);
    }

    private static string XlsxProvince(string source, Func<List<string>, List<string>>? changeMembers = null)
    {
        var data = ProvinceFixture.NewOutputFolder();
        CsvToWorkbook(Path.Combine(source, "organisations.csv"), Path.Combine(data, "organisations.xlsx"), "党组织");
        CsvToWorkbook(Path.Combine(source, "teams.csv"), Path.Combine(data, "teams.xlsx"), "领导班子");
        CsvToWorkbook(Path.Combine(source, "members.csv"), Path.Combine(data, "members.xlsx"), "党员", changeMembers);
        if (File.Exists(Path.Combine(source, "last-year.csv")))
        {
            File.Copy(Path.Combine(source, "last-year.csv"), Path.Combine(data, "last-year.csv"));
        }

        return data;
    }

    [Test]
    public void Grade_XlsxInput_ResultsByteIdenticalToCsvInput()
    {
        var source = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 200, Seed = 45 }).Folder;
        var data = XlsxProvince(source);

        var fromCsv = ProvinceFixture.NewOutputFolder();
        var fromXlsx = ProvinceFixture.NewOutputFolder();
        var csvSummary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(source), fromCsv, new BatchOptions { Threads = 2 });
        var xlsxFiles = ProvinceFiles.InFolder(data);
        Assert.That(xlsxFiles.Organisations, Does.EndWith("organisations.xlsx"));
        var xlsxSummary = ProvinceFixture.Grader.Grade(xlsxFiles, fromXlsx, new BatchOptions { Threads = 2 });

        Assert.That(xlsxSummary.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected)), Is.EqualTo(csvSummary.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected))));
        foreach (var name in new[] { "organisations.csv", "teams.csv", "members.csv", "errors.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(fromXlsx, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fromCsv, name))), name);
        }
    }

    [Test]
    public void Grade_XlsxInputWithABadRow_RejectedWithSheetAndRow()
    {
        var source = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 100, Seed = 46 }).Folder;
        var row = 0;
        var data = XlsxProvince(source, cells =>
        {
            if (++row == 5)
            {
                cells[^1] = "十二"; // not a number
            }

            return cells;
        });

        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2 });

        var errors = File.ReadAllLines(Path.Combine(output, "errors.csv"), Encoding.UTF8);
        Assert.That(errors, Has.Length.EqualTo(2), string.Join('\n', errors));
        Assert.That(errors[1], Does.StartWith("members.xlsx[党员],6,"));
        Assert.That(errors[1], Does.Contain("十二"));
    }
}
