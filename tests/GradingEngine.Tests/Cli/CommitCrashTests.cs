using System.Diagnostics;
using GradingEngine.Batch;
using GradingEngine.Cli;
using GradingEngine.Cli.Commands;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.Cli;

/// <summary>
/// Kills the real <c>grading</c> process in the middle of the commit of its results (it pauses at the step the test
/// hook names, then the test kills it) and checks that the results folder then holds the old complete set or the
/// new one once a reader or the next run has recovered it.
/// </summary>
public class CommitCrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [TestCase("Staged", false)]
    [TestCase("Committed", true)]
    [TestCase("Moved:2", true)]
    public void Grade_ProcessKilledAtACommitStep_ReaderFindsTheOldOrTheNewCompleteSet(string step, bool committed)
    {
        var output = ResultSets.FolderWithOldSet();

        KillGradeAt(step, output);

        Assert.That(Directory.GetFiles(output, ".grading-commit-*").Count(f => !f.EndsWith(".tmp", StringComparison.Ordinal)), Is.EqualTo(committed ? 1 : 0),
            "the journal is there once the commit point is passed");
        Assert.That(Directory.GetDirectories(output, ".grading-staging-*"), Has.Length.EqualTo(1), "the killed run's staging folder");
        Assert.That(ResultFolder.Recover(output), Is.EqualTo(committed));
        ResultSets.AssertHolds(output, committed ? ResultSets.New : ResultSets.Old, $"killed after {step}, recovered by a reader");
    }

    [Test]
    public void Grade_ProcessKilledHalfWayThroughTheRenames_NextRunFinishesItAndWritesItsOwn()
    {
        var output = ResultSets.FolderWithOldSet();
        KillGradeAt("Moved:3", output);
        var expected = ResultSets.Reference(ResultSets.OldData, ResultFormats.Csv);

        using var text = new StringWriter();
        var code = Program.Run(["grade", "--data", ResultSets.OldData, "--out", output, "--threads", "2", "--quiet"], text, text);

        Assert.That(code, Is.EqualTo(Program.Ok), text.ToString());
        ResultSets.AssertHolds(output, expected, "the next run's complete set, nothing of the killed run's");
    }

    /// <summary>Runs <c>grading grade</c> (province B, CSV) into <paramref name="output"/> and kills it at <paramref name="step"/>.</summary>
    private static void KillGradeAt(string step, string output)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "grade", "--data", ResultSets.NewData, "--out", output, "--format", "csv", "--threads", "2", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[CommitPauseHook.Variable] = step;
        using var process = new Process { StartInfo = start };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            errors.Enqueue(e.Data);
            if (e.Data.Contains(CommitPauseHook.PausedMarker, StringComparison.Ordinal))
            {
                paused.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = Task.WhenAny(paused.Task, exited).Wait(Patience) ? (paused.Task.IsCompleted ? "paused" : "exited") : "timed out";
            Assert.That(first, Is.EqualTo("paused"), $"grading should pause at {step}: {string.Join('\n', errors)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
