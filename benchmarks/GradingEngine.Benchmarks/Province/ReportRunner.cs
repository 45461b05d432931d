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
            var (plain, collecting) = gradeCost
                ? (Median(runs, () => grader.Grade(files, output)), Median(runs, () => grader.Grade(files, output, new BatchOptions { Report = new ReportCollector() })))
                : (TimeSpan.Zero, TimeSpan.Zero);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| 1/{300_000 / organisations} | {rows:N0} | {kept.TotalSeconds:0.000} s | {stored.TotalSeconds:0.00} s | {fromFiles.TotalSeconds:0.00} s | {size / 1024.0:N0} KB | {(gradeCost ? $"{plain.TotalSeconds:0.00} s" : "–")} | {(gradeCost ? $"{collecting.TotalSeconds:0.00} s" : "–")} |"));
        }
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
