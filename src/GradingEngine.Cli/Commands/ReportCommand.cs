using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch.Report;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading report</c>: a run's results as one HTML page with charts, to open offline, print or forward.</summary>
internal sealed class ReportCommand : GradingCommand
{
    private readonly Option<string> _results = CommandOptions.Text("--results", "folder",
        "grading grade 写出的文件夹（CSV 结果和 summary.json；必需） (a folder grading grade wrote: CSV results and summary.json; required)", required: true);

    private readonly Option<string> _out = CommandOptions.Text("--out", "file", "要写的页面（默认：<results>/report.html） (the page to write; default: <results>/report.html)");

    private readonly Option<string> _schemes = CommandOptions.Text("--schemes", "folder",
        "本次评定所用的方案，用于各项目的满分（默认：内置方案） (the schemes the run graded with, for the items' full points; default: the shipped schemes)");

    private readonly Option<bool> _quiet = CommandOptions.Quiet("只输出错误 (print nothing but errors)");

    public ReportCommand()
        : base("report", "一次评定的结果：一个带图表的 HTML 页面（report.html） (a run's results as one HTML page with charts)")
    {
        Options.Add(_results);
        Options.Add(_out);
        Options.Add(_schemes);
        Options.Add(_quiet);
    }

    public override string Notes => """
        Writes a run's results as one standalone HTML page (report.html; no script, nothing fetched, prints well with
        a page per section): the levels of 党组织, 领导班子 and 党员, the transitions from last year's level with the
        biggest movers, each city's and county's level distribution, quotas and bottom rankings, the items where most
        points are lost, and the most frequent flags and measures. Charts are SVG; aggregates only, never the rows.

        Exit codes: 0 written · 1 the results folder is missing or incomplete, or its schemes are not found · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var results = result.GetValue(_results)!;
        var outFile = result.GetValue(_out) ?? Path.Combine(results, ProvinceReport.FileName);
        var schemes = result.GetValue(_schemes);
        var quiet = result.GetValue(_quiet);
        if (Directory.Exists(outFile))
        {
            throw new UsageException($"--out 应为文件，“{outFile}”是文件夹 (--out names a file, not the folder '{outFile}')");
        }

        var clock = Stopwatch.StartNew();
        string path;
        try
        {
            path = Write(results, outFile, ShippedSchemes.Load(schemes));
        }
        catch (Exception ex) when (ex is InvalidDataException or Newtonsoft.Json.JsonException)
        {
            error.WriteLine($"结果文件夹“{results}”中的文件无法读取：{ex.Message} (a results file cannot be read)");
            return Program.InputProblems;
        }

        if (!quiet)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"报告：{path}（{new FileInfo(path).Length / 1024.0:N0} KB，用时 {clock.Elapsed.TotalSeconds:0.00} 秒）"));
        }

        return Program.Ok;
    }

    /// <summary>Writes the report of <paramref name="results"/> to <paramref name="outFile"/>; returns its full path.</summary>
    public static string Write(string results, string outFile, Grading.SchemeCatalogue catalogue)
    {
        var report = ProvinceReport.FromFolder(results, catalogue);
        var full = Path.GetFullPath(outFile);
        if (Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        report.WriteHtml(full);
        return full;
    }
}
