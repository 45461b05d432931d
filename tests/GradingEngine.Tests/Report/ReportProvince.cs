using System.Text;
using GradingEngine.Batch;
using GradingEngine.Batch.Report;
using GradingEngine.Samples;
using GradingEngine.Tests.Batch;
using Microsoft.VisualBasic.FileIO;

namespace GradingEngine.Tests.Report;

/// <summary>
/// A small province (300 organisations, with last year's levels) whose data holds hostile names — a script, a formula,
/// an element in a county's name — graded once, its report written once; and the result files read back here
/// independently of the report's own reader, for the tests to compute what the charts must show.
/// </summary>
internal static class ReportProvince
{
    public const string ScriptName = "<script>document.title='pwned'</script>党支部";
    public const string FormulaName = "=HYPERLINK(\"http://example.com\",\"点击\")";
    public const string ElementCounty = "<img src=x onerror=\"document.title='pwned'\">区";

    private static readonly Lazy<(string Data, string Results, string Report)> Graded = new(() =>
    {
        var (source, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 300, Seed = 14 });
        var data = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        MakeHostile(Path.Combine(data, "organisations.csv"));
        var results = Path.Combine(data, "results");
        var summary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), results, new BatchOptions { Threads = 2 });
        Assert.That(summary.Files.Sum(f => f.Rejected), Is.Zero);
        var report = Path.Combine(results, ProvinceReport.FileName);
        ProvinceReport.FromFolder(results).WriteHtml(report);
        return (data, results, report);
    });

    public static string Data => Graded.Value.Data;

    public static string Results => Graded.Value.Results;

    public static string ReportFile => Graded.Value.Report;

    /// <summary>The cells of a result CSV file, header first, read with the framework's own CSV parser.</summary>
    public static List<string[]> Csv(string name)
    {
        using var parser = new TextFieldParser(Path.Combine(Results, name), Encoding.UTF8) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }

    /// <summary>The values of one column of a result file.</summary>
    public static List<string> Column(List<string[]> rows, string name)
    {
        var at = Array.IndexOf(rows[0], name);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), name);
        return [.. rows.Skip(1).Select(r => r[at])];
    }

    /// <summary>Gives the first organisation a script as its name, the second a formula, the third a county named as an element.</summary>
    private static void MakeHostile(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = lines[0].Split(',');
        var county = Array.IndexOf(header, "县");
        string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string Replace(string line, int column, string text)
        {
            var cells = line.Split(',');
            Assert.That(cells, Has.Length.EqualTo(header.Length), "the sample's cells hold no commas");
            cells[column] = Quote(text);
            return string.Join(',', cells);
        }

        lines[1] = Replace(lines[1], 1, ScriptName);
        lines[2] = Replace(lines[2], 1, FormulaName);
        lines[3] = Replace(lines[3], county, ElementCounty);
        File.WriteAllLines(path, lines, new UTF8Encoding(false));
    }
}
