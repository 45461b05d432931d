using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// <c>cold</c> mode: the <c>grading</c> tool run on a province as users run it, each run a new process (start-up, JIT
/// and all), timed from outside: wall time, user and system CPU time (the kernel's accounting of the finished child,
/// <c>getrusage(RUSAGE_CHILDREN)</c>) and the largest child's peak resident memory. One warm-up run (page cache), then
/// <c>--runs</c> counted runs; the median is quoted.
/// <c>-- cold --data &lt;folder&gt; [--runs 3] [--tool path/to/grading.dll] [--out folder] [--no-floor] [--no-log] [-- extra grade arguments]</c>;
/// by default the tool built by <c>dotnet build src/GradingEngine.Cli -c Release</c> and <c>--no-store</c>.
/// Each run writes its log (<c>grade --log</c>; <c>--no-log</c> for a tool older than that option), and the median
/// of each step over the counted runs says where a cold run's time goes: the process's start, loading the schemes,
/// each stage, the summary and commit, and the process's end.
/// Then, unless <c>--no-floor</c>, the I/O floor (<see cref="IoFloor"/>: the same files read and split, the runs'
/// results written again, nothing graded; in this process, median of as many runs) and the cold median over it: the
/// machine's speed moves both, so the ratio compares runs of days when the machine was not the same.
/// </summary>
internal static class ColdRunner
{
    public static void Run(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        var extra = split >= 0 ? args[(split + 1)..] : ["--no-store"];
        args = split >= 0 ? args[..split] : args;
        var data = Option(args, "--data") ?? ProvinceData.Folder(int.Parse(Option(args, "--orgs") ?? "30000", CultureInfo.InvariantCulture));
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var tool = Option(args, "--tool") ?? Path.Combine(RepositoryRoot(), "src", "GradingEngine.Cli", "bin", "Release", "net10.0", "grading.dll");
        var output = Option(args, "--out") ?? Path.Combine(ProvinceData.CacheRoot, "cold");
        if (!File.Exists(tool))
        {
            throw new FileNotFoundException($"The tool {tool} is not built: dotnet build src/GradingEngine.Cli -c Release");
        }

        var logs = Array.IndexOf(args, "--no-log") < 0 ? Path.Combine(ProvinceData.CacheRoot, "cold-logs") : null;
        if (logs is not null)
        {
            Directory.CreateDirectory(logs);
        }

        string[] command = [tool, "grade", "--data", data, "--out", output, "--quiet", .. extra];
        Console.WriteLine($"dotnet {string.Join(' ', command)}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, load {Load()}; 1 warm-up run, then {runs}");
        Console.WriteLine("| run | wall | user | system | CPU | exit |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var counted = new List<(double Wall, double User, double Sys)>();
        var steps = new List<IReadOnlyList<(string Step, double Seconds)>>();
        for (var run = 0; run <= runs; run++)
        {
            var before = Children();
            var log = logs is null ? null : Path.Combine(logs, $"run-{run}.log");
            if (log is not null)
            {
                File.Delete(log);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("dotnet", log is null ? command : [.. command, "--log", log]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var wall = clock.Elapsed.TotalSeconds;
            var after = Children();
            var (user, sys) = (after.User - before.User, after.Sys - before.Sys);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(run == 0 ? "warm-up" : run.ToString(CultureInfo.InvariantCulture))} | {wall:0.00} s | {user:0.00} s | {sys:0.00} s | {user + sys:0.00} s | {process.ExitCode} |"));
            if (run > 0)
            {
                counted.Add((wall, user, sys));
                if (log is not null && File.Exists(log))
                {
                    steps.Add(ColdSteps.Read(log, wall));
                }
            }
        }

        double Median(Func<(double Wall, double User, double Sys), double> of) => counted.Select(of).Order().ElementAt(counted.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs}: wall {Median(r => r.Wall):0.00} s (min {counted.Min(r => r.Wall):0.00}, max {counted.Max(r => r.Wall):0.00}), CPU {Median(r => r.User + r.Sys):0.00} s (user {Median(r => r.User):0.00}, system {Median(r => r.Sys):0.00}), peak resident memory of the largest run {Children().MaxRssKb / 1024.0:N0} MiB; load {Load()}"));
        if (steps.Count > 0)
        {
            ColdSteps.Print(steps);
        }

        if (Array.IndexOf(args, "--no-floor") < 0)
        {
            var floors = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                IoFloor.Run(data, output, Path.Combine(ProvinceData.CacheRoot, "cold-floor"), Environment.ProcessorCount);
                floors.Add(clock.Elapsed.TotalSeconds);
            }

            var floor = floors.Order().ElementAt(floors.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"I/O floor (the same files read and split, the results written again, nothing graded; in process, median of {runs}): {floor:0.00} s; cold median ÷ floor: {Median(r => r.Wall) / floor:0.00}×"));
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "GradingEngine.sln")))
            {
                return folder;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static (double User, double Sys, long MaxRssKb) Children()
    {
        if (getrusage(-1 /* RUSAGE_CHILDREN */, out var usage) != 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        return (usage.UserSeconds + (usage.UserMicroseconds / 1e6), usage.SystemSeconds + (usage.SystemMicroseconds / 1e6), usage.MaxRss);
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable CA5392, SYSLIB1054 // libc is the system's; a classic P/Invoke keeps the struct layout obvious
    private static extern int getrusage(int who, out RUsage usage);
#pragma warning restore CA5392, SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }
}
