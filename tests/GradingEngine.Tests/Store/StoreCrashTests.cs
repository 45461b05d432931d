using System.Diagnostics;
using GradingEngine.Cli;
using GradingEngine.Samples;
using GradingEngine.Store;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.Store;

/// <summary>
/// A <c>grading grade</c> process killed while it writes its rows into the store (SQLite and PostgreSQL): the store
/// still holds the earlier complete run and nothing else that looks complete, and the rerun replaces it with identical rows.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StoreCrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_KilledWhileWritingTheStore_LeavesNoCompleteLookingRun_AndTheRerunIsIdentical(string kind)
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 60, CorruptRowsPerFile = 2 });
        var output = ProvinceFixture.NewOutputFolder();
        var connection = StoreDatabases.NewStore(kind, output);
        string[] arguments = ["grade", "--data", data, "--out", output, "--store", connection, "--year", "2026", "--threads", "2", "--quiet"];
        using var text = new StringWriter();
        Assert.That(Program.Run(arguments, text, text), Is.EqualTo(Program.RowsRejected), text.ToString());
        long earlier;
        List<string> rows;
        using (var store = ResultStore.Open(connection))
        {
            earlier = store.Runs().Single().Id;
            rows = StoreTests.AllRows(store, earlier);
        }

        KillGradeAfterStoredRows(arguments, rows: 1);

        using (var store = ResultStore.Open(connection))
        {
            Assert.That(store.Runs().Select(r => r.Id), Is.EqualTo(new[] { earlier }), "readers see the earlier complete run only");
            var all = store.Runs(includeIncomplete: true);
            Assert.That(all.Where(r => r.Id != earlier).Select(r => r.Status), Is.EqualTo(new[] { "writing" }), "the killed run is left as writing, never complete");
            Assert.That(all.Single(r => r.Status == "writing").Finished, Is.Null);
            Assert.That(StoreTests.AllRows(store, earlier), Is.EqualTo(rows));
        }

        Assert.That(StoreReportTests.KeptReports(connection), Is.EqualTo(new[] { earlier }), "the killed run kept no report");

        Assert.That(Program.Run(arguments, text, text), Is.EqualTo(Program.RowsRejected), text.ToString());
        using (var store = ResultStore.Open(connection))
        {
            var runs = store.Runs(includeIncomplete: true);
            Assert.That(runs.Select(r => r.Status), Is.EqualTo(new[] { "complete" }), "the rerun replaced the earlier run and cleared the killed one");
            Assert.That(StoreTests.AllRows(store, runs[0].Id), Is.EqualTo(rows), "the rerun's rows are the earlier run's");
        }
    }

    private static void KillGradeAfterStoredRows(string[] arguments, int rows)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[StoreTestHook.Variable] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
            if (e.Data.Contains(StoreTestHook.PausedMarker, StringComparison.Ordinal))
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
            Assert.That(first, Is.EqualTo("paused"), $"grading should pause writing the store: {string.Join('\n', errors)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
