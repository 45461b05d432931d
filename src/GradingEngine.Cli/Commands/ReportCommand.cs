using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch.Report;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading report</c>: a run's results as one HTML page with charts, to open offline, print or forward.</summary>
internal sealed class ReportCommand : GradingCommand
{
    private readonly Option<string> _results = CommandOptions.Text("--results", "folder",
        "grading grade 写出的文件夹（CSV 结果和 summary.json），边读边汇总 (a folder grading grade wrote: CSV results and summary.json, read once as it streams)");

    private readonly Option<string> _store = CommandOptions.Text("--store", "store",
        "结果库：SQLite 文件（results.db）或 PostgreSQL 连接串；报告取自该次运行保存的汇总 (a results store: a SQLite file or a PostgreSQL connection string; the report is the aggregates the run kept there)");

    private readonly Option<int> _run = CommandOptions.Integer("--run", "id", "结果库中的运行编号（默认：最近记录的完整运行） (the store's run; default: the complete run recorded last)", 0, 1, int.MaxValue);

    private readonly Option<int> _year = CommandOptions.Integer("--year", "year", "该年度最近记录的完整运行 (the complete run of that year recorded last)", 0, 1900, 9999);

    private readonly Option<string> _out = CommandOptions.Text("--out", "file",
        "要写的页面（默认：结果文件夹中或 results.db 旁的 report.html；PostgreSQL 为当前文件夹） (the page to write; default: report.html in the results folder, beside results.db, or in the current folder for PostgreSQL)");

    private readonly Option<string> _schemes = CommandOptions.Text("--schemes", "folder",
        "本次评定所用的方案，用于各项目的满分（默认：内置方案） (the schemes the run graded with, for the items' full points; default: the shipped schemes)");

    private readonly Option<bool> _quiet = CommandOptions.Quiet("只输出错误 (print nothing but errors)");

    public ReportCommand()
        : base("report", "一次评定的结果：一个带图表的 HTML 页面（report.html） (a run's results as one HTML page with charts)")
    {
        Options.Add(_results);
        Options.Add(_store);
        Options.Add(_run);
        Options.Add(_year);
        Options.Add(_out);
        Options.Add(_schemes);
        Options.Add(_quiet);
    }

    public override string Notes => """
        Writes a run's results as one standalone HTML page (report.html; no script, nothing fetched, prints well with
        a page per section): the levels of 党组织, 领导班子 and 党员, the transitions from last year's level with the
        biggest movers, each city's and county's level distribution, quotas and bottom rankings, the items where most
        points are lost, and the most frequent flags and measures. Charts are SVG; aggregates only, never the rows.
        Give exactly one of --results <folder> and --store <store>; with --store, --run <id> or --year <year> picks the
        run (a run recorded before the store kept report aggregates is aggregated from its rows).

        Exit codes: 0 written · 1 the results folder or store is missing or incomplete, it holds no such run, or its schemes are not found · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var results = result.GetValue(_results);
        var store = result.GetValue(_store);
        long? run = result.GetResult(_run) is { Implicit: false } ? result.GetValue(_run) : null;
        int? year = result.GetResult(_year) is { Implicit: false } ? result.GetValue(_year) : null;
        var schemes = result.GetValue(_schemes);
        var quiet = result.GetValue(_quiet);
        if ((results is null) == (store is null))
        {
            throw new UsageException("请给出 --results <folder> 或 --store <store> 之一 (give exactly one of --results and --store)");
        }

        if (store is null && (run is not null || year is not null))
        {
            throw new UsageException("--run 与 --year 只用于 --store (--run and --year go with --store)");
        }

        if (run is not null && year is not null)
        {
            throw new UsageException("--run 与 --year 不能同时使用 (--run and --year together)");
        }

        var outFile = result.GetValue(_out) ?? Path.Combine(results ?? StoreFolder(store!), ProvinceReport.FileName);
        if (Directory.Exists(outFile))
        {
            throw new UsageException($"--out 应为文件，“{outFile}”是文件夹 (--out names a file, not the folder '{outFile}')");
        }

        var clock = Stopwatch.StartNew();
        string path;
        string? source = null;
        try
        {
            if (results is not null)
            {
                path = Write(results, outFile, ShippedSchemes.Load(schemes));
            }
            else
            {
                using var opened = ResultStore.OpenExisting(store!);
                var catalogue = schemes is null ? null : ShippedSchemes.Load(schemes);
                var stored = run is { } runId ? opened.Report(runId, catalogue) : opened.LatestReport(year, catalogue);
                path = Write(stored.Report, outFile);
                source = $"结果库 {opened.Where}：{stored.Run.Province} {stored.Run.Year} 年，第 {stored.Run.Id} 次运行"
                    + (stored.FromRows ? "；该运行记录于结果库保存报告汇总之前，已从其结果行逐行汇总 (recorded before the store kept report aggregates: aggregated from its result rows)" : string.Empty);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException)
        {
            error.WriteLine($"“{results ?? store}”中的结果无法读取：{ex.Message} (the results cannot be read)");
            return Program.InputProblems;
        }

        if (!quiet)
        {
            if (source is not null)
            {
                output.WriteLine(source);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"报告：{path}（{new FileInfo(path).Length / 1024.0:N0} KB，用时 {clock.Elapsed.TotalSeconds:0.00} 秒）"));
        }

        return Program.Ok;
    }

    /// <summary>Where a store's report goes by default: beside a SQLite file, or the current folder for PostgreSQL.</summary>
    private static string StoreFolder(string store) =>
        ResultStore.SqliteFile(store) is { } file ? Path.GetDirectoryName(Path.GetFullPath(file)) ?? "." : ".";

    /// <summary>Writes the report of <paramref name="results"/> to <paramref name="outFile"/>; returns its full path.</summary>
    public static string Write(string results, string outFile, Grading.SchemeCatalogue catalogue) =>
        Write(ProvinceReport.FromFolder(results, catalogue), outFile);

    /// <summary>Writes <paramref name="report"/> to <paramref name="outFile"/>; returns its full path.</summary>
    public static string Write(ProvinceReport report, string outFile)
    {
        var full = Path.GetFullPath(outFile);
        if (Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        report.WriteHtml(full);
        return full;
    }
}
