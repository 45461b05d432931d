using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch.Report;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading report</c>: a run's results as one HTML page with charts, to open offline, print or forward.</summary>
internal static class ReportCommand
{
    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "help", "h", "quiet" };

    public const string Help = """
        grading report --results <folder> [--out <file>] [--schemes <folder>]
        grading report --store <connection string | results.db> [--run <id> | --year <year>] [--out <file>] [--schemes <folder>]

        Writes a run's results as one standalone HTML page (report.html; no script, nothing fetched, prints well with
        a page per section): the levels of 党组织, 领导班子 and 党员, the transitions from last year's level with the
        biggest movers, each city's and county's level distribution, quotas and bottom rankings, the items where most
        points are lost, and the most frequent flags and measures. Charts are SVG; aggregates only, never the rows.
          --results <folder>   a folder grading grade wrote (CSV results and summary.json), read once as it streams
          --store <store>      a results store: a SQLite file (results.db) or a PostgreSQL connection string; the report
                               is the aggregates the run kept there (a run recorded before they were kept: its rows)
          --run <id>           the store's run (default: the complete run recorded last)
          --year <year>        the complete run of that year recorded last
          --out <file>         the page to write (default: report.html in the results folder, or beside results.db,
                               or in the current folder for PostgreSQL)
          --schemes <folder>   the schemes the run graded with, for the items' full points (default: the shipped schemes)
          --quiet              print nothing but errors
        Exit codes: 0 written · 1 the results folder or store is missing or incomplete, it holds no such run, or its schemes are not found · 2 wrong command line
        """;

    public static int Run(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine(args, Flags);
        if (line.Help)
        {
            output.WriteLine(Help);
            return Program.Ok;
        }

        var results = line.Text("results");
        var store = line.Text("store");
        var run = line.Text("run") is { } id
            ? long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : throw new UsageException($"--run “{id}”不是运行编号 (not a run id)")
            : (long?)null;
        var year = line.Text("year") is null ? (int?)null : line.Integer("year", 0, 1900, 9999);
        var outFile = line.Text("out");
        var schemes = line.Text("schemes");
        var quiet = line.Flag("quiet");
        line.Finish(maxPositional: 0);
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

        outFile ??= Path.Combine(results ?? StoreFolder(store!), ProvinceReport.FileName);
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
