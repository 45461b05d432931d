using System.Globalization;
using System.Text.RegularExpressions;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// Where one cold run of the tool spent its wall time, from its log (<c>grade --log</c>): the process's start until
/// the command ran, loading and compiling the schemes, each stage, the summary and commit after the last stage, and
/// what the process did after the commit (its exit); printed as the median of each step over the runs.
/// </summary>
internal static partial class ColdSteps
{
    public static IReadOnlyList<(string Step, double Seconds)> Read(string log, double wall)
    {
        var steps = new List<(string, double)>();
        double started = 0, stages = 0, total = 0, schemes = 0;
        foreach (var line in File.ReadLines(log))
        {
            if (StartedLine().Match(line) is { Success: true } s)
            {
                started = Seconds(s);
            }
            else if (SchemesLine().Match(line) is { Success: true } l)
            {
                schemes = Seconds(l);
            }
            else if (StageLine().Match(line) is { Success: true } m)
            {
                steps.Add((m.Groups["stage"].Value, Seconds(m)));
                stages += Seconds(m);
            }
            else if (CommittedLine().Match(line) is { Success: true } c)
            {
                total = Seconds(c);
            }
        }

        return
        [
            ("进程启动 (process start, until the command runs)", started),
            ("方案载入与编译 (schemes loaded and compiled)", schemes),
            .. steps,
            ("汇总与提交 (summary, commit)", Math.Max(0, total - stages)),
            ("其余 (the rest: command line, store, process exit)", Math.Max(0, wall - started - schemes - total)),
        ];
    }

    public static void Print(List<IReadOnlyList<(string Step, double Seconds)>> runs)
    {
        Console.WriteLine($"where the cold runs' wall time goes (their logs, median of {runs.Count}):");
        Console.WriteLine("| step | wall |");
        Console.WriteLine("|---|---:|");
        foreach (var step in runs[0].Select(s => s.Step))
        {
            var values = runs.Select(r => r.FirstOrDefault(s => s.Step == step).Seconds).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {values[values.Count / 2]:0.00} s |"));
        }
    }

    private static double Seconds(Match match) => double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@" ToolStarted .*进程启动后 (?<seconds>[0-9.]+) 秒")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@" SchemesLoaded .*用时 (?<seconds>[0-9.]+) 秒")]
    private static partial Regex SchemesLine();

    [GeneratedRegex(@" StageDone 阶段“(?<stage>[^”]+)”完成，用时 (?<seconds>[0-9.]+) 秒")]
    private static partial Regex StageLine();

    [GeneratedRegex(@" Committed .*共用时 (?<seconds>[0-9.]+) 秒")]
    private static partial Regex CommittedLine();
}
