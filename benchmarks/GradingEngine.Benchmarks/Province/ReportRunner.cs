using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Batch.Report;
using GradingEngine.Store;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// <c>report</c> mode: the HTML report of cached sample provinces, timed like the <c>province</c> mode (median of N runs
/// after a warm-up, in process). Each province is graded once into its results folder and the results store (SQLite
/// results.db there, or <c>--store "Host=…"</c>); then the report is made from the aggregates the run kept in the store,
/// from the store's result rows (what a run recorded before the store kept aggregates gets) and from the result files,
/// each written to a page; and the run's cost of aggregating the report as it commits (files only, with and without).
/// </summary>
internal static class ReportRunner
{
    public static void Run(string[] args)
    {
        var scales = Option(args, "--orgs", "3000,30000,300000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var storeChoice = Option(args, "--store", "sqlite");
        var gradeCost = Array.IndexOf(args, "--grade-cost") >= 0;
        var grader = new ProvinceGrader(ProvinceData.Organisation);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; {runs} runs each, median reported; results store: {storeChoice}");
        Console.WriteLine("| scale | rows | report from the store's aggregates | from the store's rows | from the result files | report.html | grade, files only | + report aggregates |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var organisations in scales)
        {
            var folder = ProvinceData.Folder(organisations);
            var rows = ProvinceData.Rows(folder);
            var files = ProvinceFiles.InFolder(folder);
            var output = Path.Combine(ProvinceData.CacheRoot, $"report-results-{organisations}");
            var page = Path.Combine(output, ProvinceReport.FileName);
            ResultStore OpenStore() => storeChoice == "sqlite" ? ResultStore.InFolder(output) : ResultStore.Open(storeChoice);
            using (var store = OpenStore())
            {
                grader.Grade(files, output, store, new StoreOptions { Year = 2026 });
            }

            TimeSpan Report(bool fromRows) => Median(runs, () =>
            {
                using var store = OpenStore();
                var report = fromRows
                    ? StoreReports.Report(store.Backend, StoreReports.Latest(store.Backend, null), ProvinceData.Schemes, fromRows: true).Report
                    : store.LatestReport().Report;
                report.WriteHtml(page);
            });

            var kept = Report(fromRows: false);
            var size = new FileInfo(page).Length;
            var stored = Report(fromRows: true);
            var fromFiles = Median(runs, () => ProvinceReport.FromFolder(output, ProvinceData.Schemes).WriteHtml(page));
            // interleaved, so that a loaded machine's drift falls on both alike; wall and this process's CPU time
            var (plain, collecting) = gradeCost ? Interleaved(runs, () => grader.Grade(files, output), () => grader.Grade(files, output, new BatchOptions { Report = new ReportCollector() })) : default;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| 1/{300_000 / organisations} | {rows:N0} | {kept.TotalSeconds:0.000} s | {stored.TotalSeconds:0.00} s | {fromFiles.TotalSeconds:0.00} s | {size / 1024.0:N0} KB | {(gradeCost ? Text(plain) : "–")} | {(gradeCost ? Text(collecting) : "–")} |"));
        }
    }

    private static string Text((TimeSpan Wall, TimeSpan Cpu) time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.Wall.TotalSeconds:0.00} s (CPU {time.Cpu.TotalSeconds:0.00} s)");

    /// <summary>Two actions in alternation after a warm-up of each: the median wall and CPU time of each.</summary>
    private static ((TimeSpan Wall, TimeSpan Cpu) First, (TimeSpan Wall, TimeSpan Cpu) Second) Interleaved(int runs, Action first, Action second)
    {
        first();
        second();
        var times = new[] { new List<(TimeSpan, TimeSpan)>(), new List<(TimeSpan, TimeSpan)>() };
        for (var i = 0; i < runs; i++)
        {
            foreach (var (action, at) in new[] { (first, 0), (second, 1) })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                action();
                times[at].Add((clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu));
            }
        }

        (TimeSpan, TimeSpan) Median(List<(TimeSpan Wall, TimeSpan Cpu)> list) =>
            (list.Select(t => t.Wall).Order().ElementAt(list.Count / 2), list.Select(t => t.Cpu).Order().ElementAt(list.Count / 2));
        return (Median(times[0]), Median(times[1]));
    }

    private static TimeSpan Median(int runs, Action action)
    {
        action(); // warm-up: JIT, page cache
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
