using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Cli.Terminal;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary>Grades a province into its results (and the store) and prints the summary: what grade and demo share.</summary>
internal static class ProvinceRun
{
    /// <summary>Grades, prints the summary unless <paramref name="quiet"/>, and returns the exit code (0, 1 nothing graded, 3 rows rejected).</summary>
    public static int Grade(ProvinceGrader grader, ProvinceFiles files, string outFolder, BatchOptions options, StoreChoice? storeChoice,
        bool quiet, bool? showProgress, bool allRegions, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        using var cancel = new CtrlC(cancellation);
        var clock = Stopwatch.StartNew();
        StoredGrading? stored = null;
        string? where = null;
        var summary = ProgressDisplay.Run(error, showProgress, progress =>
        {
            var run = options with { Progress = progress, CommitObserver = CommitPauseHook.FromEnvironment(error) };
            if (storeChoice is null)
            {
                return grader.Grade(files, outFolder, run, cancel.Token);
            }

            using var store = ResultStore.Open(storeChoice.ConnectionString);
            where = store.Where;
            stored = grader.Grade(files, outFolder, store, storeChoice.Options, run, cancel.Token);
            return stored.Summary;
        });

        clock.Stop();
        if (!quiet)
        {
            output.WriteLine(SummaryTable.Render(summary, allRegions ? int.MaxValue : 2));
            var rows = summary.Files.Sum(f => f.RowsRead);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"用时 {clock.Elapsed.TotalSeconds:0.00} 秒，{options.Threads} 个线程，共 {rows:N0} 行（{rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} 行/秒）。结果：{Path.GetFullPath(outFolder)}"));
            if (stored is not null)
            {
                output.WriteLine(StoredLine(stored, where!));
            }
        }

        var rejected = summary.Files.Sum(f => f.Rejected);
        if (summary.Kinds.Sum(k => k.Graded) == 0)
        {
            error.WriteLine(rejected > 0
                ? $"没有评定任何一行：{rejected} 行全部未通过检查，见 {Path.Combine(outFolder, "errors.csv")} (nothing graded: all {rejected} rows were rejected; see errors.csv)"
                : "没有评定任何一行：数据文件中没有数据行 (nothing graded: the data files hold no rows)");
            return Program.InputProblems;
        }

        if (rejected > 0)
        {
            error.WriteLine($"有 {rejected} 行未能评定，见 {Path.Combine(outFolder, "errors.csv")} ({rejected} rows rejected; see errors.csv)");
            return Program.RowsRejected;
        }

        return Program.Ok;
    }

    /// <summary>The grading date and the version of each scheme the run grades with.</summary>
    public static string Versions(ProvinceGrader grader, DateOnly date) =>
        $"评定日期 {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}，方案版本：{string.Join("，", new[] { grader.OrganisationScheme, grader.TeamScheme, grader.MemberScheme }.Select(s => $"{s.Id} {s.Version}"))}";

    /// <summary>Where the run was recorded and what it was compared with.</summary>
    private static string StoredLine(StoredGrading stored, string where)
    {
        var run = stored.Run;
        var last = stored.LastYear is { } l
            ? $"上年等级与升降取自结果库中 {l.Year} 年的评定（第 {l.Id} 次运行）"
            : $"结果库中没有 {run.Year - 1} 年的评定，上年等级取自 last-year 文件（如有）";
        return $"结果库：{where}（{run.Province} {run.Year} 年，第 {run.Id} 次运行，{run.Graded:N0} 行已评定）；{last}";
    }
}
