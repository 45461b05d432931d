using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Store;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// <c>province</c> mode: grades cached sample provinces from CSV files to written outputs, several times each, and
/// reports the median time, rows per second, peak memory (the process's peak working set) and the I/O floor.
/// A whole province takes seconds per run, so this is timed directly (BenchmarkDotNet's statistics need many runs);
/// <see cref="ProvinceBenchmarks"/> covers the smaller scales with BenchmarkDotNet. <c>--store sqlite</c> also records
/// every run in the SQLite results store (results.db in the output folder), <c>--store "Host=…"</c> in PostgreSQL.
/// "written ÷ outputs" is what one run handed to <c>write</c> (files and sockets, Linux's <c>/proc/self/io</c>) over the
/// bytes its output folder holds after it: 1.00 when every byte is written once; above it, a temporary file, journal
/// or rewrite that the outputs do not show (the SQLite store's statement journal made it 2.8).
/// </summary>
internal static class ProvinceRunner
{
    public static void Run(string[] args)
    {
        var scales = Option(args, "--orgs", "3000,30000,300000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var threadCounts = Option(args, "--threads", $"1,{Environment.ProcessorCount}").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Distinct().ToArray();
        var storeChoice = Option(args, "--store", "none");
        var grader = new ProvinceGrader(ProvinceData.Organisation);
        var output = Path.Combine(ProvinceData.CacheRoot, "results");
        var floorOutput = Path.Combine(ProvinceData.CacheRoot, "floor");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInfo()}; {runs} runs each, median reported; peak working set of this process so far");
        Console.WriteLine($"results store: {storeChoice}");
        Console.WriteLine("| scale | organisations | rows | threads | grade (median) | rows/s | per row | I/O floor (median) | grade ÷ floor | peak working set | written ÷ outputs |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var organisations in scales)
        {
            var folder = ProvinceData.Folder(organisations);
            var rows = ProvinceData.Rows(folder);
            var files = ProvinceFiles.InFolder(folder);
            foreach (var threads in threadCounts)
            {
                var options = new BatchOptions { Threads = threads };
                void Grade()
                {
                    if (storeChoice == "none")
                    {
                        grader.Grade(files, output, options);
                        return;
                    }

                    using var store = storeChoice == "sqlite" ? ResultStore.InFolder(output) : ResultStore.Open(storeChoice);
                    grader.Grade(files, output, store, new StoreOptions { Year = 2026 }, options);
                }

                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true); // the warm-up's outputs alone, for "written ÷ outputs"
                }

                var written = BytesWritten();
                Grade(); // warm-up: JIT, page cache
                written = BytesWritten() - written;
                var amplification = written > 0 ? (written / (double)FolderBytes(output)).ToString("0.00", CultureInfo.InvariantCulture) : "—";
                var grade = Median(runs, Grade);
                var peak = Process.GetCurrentProcess().PeakWorkingSet64;
                var floor = Median(runs, () => IoFloor.Run(folder, output, floorOutput, threads));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| 1/{300_000 / organisations} | {organisations:N0} | {rows:N0} | {threads} | {grade.TotalSeconds:0.00} s | {rows / grade.TotalSeconds:N0} | {grade.TotalNanoseconds() / rows:N0} ns | {floor.TotalSeconds:0.00} s | {grade / floor:0.00}× | {peak / (1024.0 * 1024):N0} MB | {amplification} |"));
            }
        }
    }

    private static TimeSpan Median(int runs, Action action)
    {
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

    /// <summary>Bytes this process has handed to <c>write</c> so far (<c>wchar</c> of <c>/proc/self/io</c>); 0 where there is none.</summary>
    private static long BytesWritten()
    {
        const string io = "/proc/self/io";
        if (!File.Exists(io))
        {
            return 0;
        }

        var line = File.ReadLines(io).FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.AsSpan("wchar:".Length).Trim(), CultureInfo.InvariantCulture);
    }

    private static long FolderBytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static double TotalNanoseconds(this TimeSpan time) => time.Ticks * 100.0;

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
