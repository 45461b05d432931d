using System.Globalization;
using GradingEngine.Batch;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// <c>stages</c> mode: grades one province in this process several times and prints, per stage of the run, the wall
/// and CPU seconds of the first (cold: every plan and reader jitted on first use) and the median of the later runs.
/// <c>-- stages --data &lt;folder&gt; [--runs 3] [--threads 2] [--engine plan|nrules]</c>; the results go to a folder in
/// the benchmark cache.
/// </summary>
internal static class StageRunner
{
    public static void Run(string[] args)
    {
        var data = Option(args, "--data", null) ?? ProvinceData.Folder(int.Parse(Option(args, "--orgs", "30000")!, CultureInfo.InvariantCulture));
        var runs = int.Parse(Option(args, "--runs", "3")!, CultureInfo.InvariantCulture);
        var threads = int.Parse(Option(args, "--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture))!, CultureInfo.InvariantCulture);
        var output = Path.Combine(ProvinceData.CacheRoot, "stages");
        var timings = new StageTimings();
        var scheme = ProvinceData.Organisation;
        if (Option(args, "--engine", "plan") == "nrules")
        {
            scheme = scheme.WithBackEnd(GradingEngine.NRules.NRulesBackEnd.Instance);
        }

        var grader = new ProvinceGrader(scheme);
        var options = new BatchOptions { Threads = threads, Logger = timings };
        var all = new List<IReadOnlyList<(string Stage, double Wall, double Cpu)>>();
        var gc = new List<string>();
        for (var run = 0; run < runs; run++)
        {
            var (pause, gen0, gen1, gen2, allocated) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
            timings.Start();
            grader.Grade(ProvinceFiles.InFolder(data), output, options);
            timings.Finish("汇总与提交 (summary, commit)");
            all.Add([.. timings.Stages]);
            gc.Add(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: GC pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s, collections gen0 {GC.CollectionCount(0) - gen0} / gen1 {GC.CollectionCount(1) - gen1} / gen2 {GC.CollectionCount(2) - gen2}, allocated {(GC.GetTotalAllocatedBytes() - allocated) / (1024.0 * 1024):N0} MB"));
        }

        Console.WriteLine($"province {data}, {threads} threads, {Environment.ProcessorCount} cores, {runs} runs in one process");
        gc.ForEach(Console.WriteLine);
        Console.WriteLine("| stage | first run: wall | CPU | later runs (median): wall | CPU |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var stages = all[0].Select(s => s.Stage).ToList();
        stages.Add("合计 (total)");
        foreach (var stage in stages)
        {
            (double Wall, double Cpu) Of(IReadOnlyList<(string Stage, double Wall, double Cpu)> r) =>
                stage == "合计 (total)" ? (r.Sum(s => s.Wall), r.Sum(s => s.Cpu)) : r.Where(s => s.Stage == stage).Select(s => (s.Wall, s.Cpu)).FirstOrDefault();
            var first = Of(all[0]);
            var later = all.Skip(1).Select(Of).ToList();
            var laterCells = later.Count == 0
                ? "— | —" // one run: nothing later to take a median of
                : string.Create(CultureInfo.InvariantCulture, $"{Median(later.Select(l => l.Wall)):0.00} s | {Median(later.Select(l => l.Cpu)):0.00} s");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {first.Wall:0.00} s | {first.Cpu:0.00} s | {laterCells} |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string? Option(string[] args, string name, string? fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
