using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch.Report;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading report</c>: a run's results as one HTML page with charts, to open offline, print or forward.</summary>
internal static class ReportCommand
{
    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "help", "h", "quiet" };

    public const string Help = """
        grading report --results <folder> [--out <file>] [--schemes <folder>]

        Writes a run's results as one standalone HTML page (report.html; no script, nothing fetched, prints well with
        a page per section): the levels of 党组织, 领导班子 and 党员, the transitions from last year's level with the
        biggest movers, each city's and county's level distribution, quotas and bottom rankings, the items where most
        points are lost, and the most frequent flags and measures. Charts are SVG; aggregates only, never the rows.
          --results <folder>   a folder grading grade wrote (CSV results and summary.json; required)
          --out <file>         the page to write (default: <results>/report.html)
          --schemes <folder>   the schemes the run graded with, for the items' full points (default: the shipped schemes)
          --quiet              print nothing but errors
        Exit codes: 0 written · 1 the results folder is missing or incomplete, or its schemes are not found · 2 wrong command line
        """;

    public static int Run(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine(args, Flags);
        if (line.Help)
        {
            output.WriteLine(Help);
            return Program.Ok;
        }

        var results = line.Text("results") ?? throw new UsageException("缺少 --results <folder> (the results folder is required)");
        var outFile = line.Text("out") ?? Path.Combine(results, ProvinceReport.FileName);
        var schemes = line.Text("schemes");
        var quiet = line.Flag("quiet");
        line.Finish(maxPositional: 0);
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
