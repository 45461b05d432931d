using GradingEngine.Batch;
using GradingEngine.Batch.Output;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// The results folder switches from one complete set of result files to the next as a whole: whatever step of the
/// commit a run is stopped at, the folder then holds (or a reader recovers it to) the old complete set or the new one.
/// </summary>
public class ResultCommitTests
{
    private static readonly CommitStep[] CommitSteps =
    [
        CommitStep.Staged, CommitStep.JournalWritten, CommitStep.Committed,
        CommitStep.Moved, CommitStep.Moved, CommitStep.Moved, CommitStep.Moved, CommitStep.Moved,
        CommitStep.Removed, CommitStep.Removed, CommitStep.Removed,
        CommitStep.JournalRemoved, CommitStep.Done,
    ];

    /// <summary>Grades province B (CSV only) into <paramref name="output"/>, which holds the old set.</summary>
    private static void GradeNew(string output, ICommitObserver? observer = null) =>
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ResultSets.NewData), output,
            new BatchOptions { Threads = 2, Formats = ResultFormats.Csv, CommitObserver = observer });

    [Test]
    public void Grade_KilledAtEachCommitStep_FolderRecoversToTheOldOrTheNewCompleteSet()
    {
        var output = ResultSets.FolderWithOldSet();
        var snapshots = new List<(CommitStep Step, string? File, string Folder)>();

        GradeNew(output, new Observer((step, file) => snapshots.Add((step, file, ResultSets.Snapshot(output)))));

        Assert.That(snapshots.Select(s => s.Step), Is.EqualTo(CommitSteps), "every step of the commit is observed");
        ResultSets.AssertHolds(output, ResultSets.New, "after the run");
        foreach (var (step, file, folder) in snapshots)
        {
            var committed = step >= CommitStep.Committed;
            Assert.That(Directory.GetFiles(folder, ".grading-commit-*").Any(f => !f.EndsWith(".tmp", StringComparison.Ordinal)), Is.EqualTo(committed && step < CommitStep.JournalRemoved),
                $"killed after {step} {file}: a journal exactly while the commit is under way");

            Assert.That(ResultFolder.Recover(folder), Is.EqualTo(committed && step < CommitStep.JournalRemoved), $"killed after {step} {file}: rolled forward");

            ResultSets.AssertHolds(folder, committed ? ResultSets.New : ResultSets.Old, $"killed after {step} {file}, recovered");
            Assert.That(ResultFolder.Recover(folder), Is.False, "recovering again finds nothing to do");
        }
    }

    [Test]
    public void Grade_KilledAtEachCommitStep_NextRunStartsFromACompleteSetAndWritesItsOwn()
    {
        var output = ResultSets.FolderWithOldSet();
        var snapshots = new List<string>();
        GradeNew(output, new Observer((_, _) => snapshots.Add(ResultSets.Snapshot(output))));

        foreach (var folder in snapshots.Where((_, i) => i % 4 == 1)) // a few of them: each run takes a while
        {
            ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ResultSets.OldData), folder,
                new BatchOptions { Threads = 2, Formats = ResultFormats.Csv | ResultFormats.JsonLines });

            ResultSets.AssertHolds(folder, ResultSets.Old, "the next run's own complete set");
        }
    }

    [Test]
    public void Grade_CommitStoppedByAnErrorAtEachStep_FolderHoldsTheOldOrTheNewCompleteSet()
    {
        for (var stop = 0; stop < CommitSteps.Length; stop++)
        {
            var output = ResultSets.FolderWithOldSet();
            var calls = 0;

            Assert.Throws<StopHere>(() => GradeNew(output, new Observer((_, _) =>
            {
                if (calls++ == stop)
                {
                    throw new StopHere();
                }
            })));

            var committed = CommitSteps[stop] >= CommitStep.Committed;
            ResultSets.AssertHolds(output, committed ? ResultSets.New : ResultSets.Old, $"stopped after {CommitSteps[stop]} (step {stop})");
        }
    }

    [TestCase(ResultFormats.Csv | ResultFormats.JsonLines, ResultFormats.Csv)]
    [TestCase(ResultFormats.Csv, ResultFormats.JsonLines)]
    [TestCase(ResultFormats.JsonLines, ResultFormats.Csv | ResultFormats.JsonLines)]
    public void Grade_EarlierRunInAnotherFormat_ItsResultsRemovedWithTheCommit(ResultFormats before, ResultFormats now)
    {
        var output = ProvinceFixture.NewOutputFolder();
        var expected = ResultSets.Reference(ResultSets.NewData, now);
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ResultSets.OldData), output, new BatchOptions { Threads = 2, Formats = before });

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ResultSets.NewData), output, new BatchOptions { Threads = 2, Formats = now });

        ResultSets.AssertHolds(output, expected, "only this run's results");
    }

    [Test]
    public void Grade_LeftoversOfKilledRuns_CleanedUpByTheNextRun()
    {
        var output = ResultSets.FolderWithOldSet();
        var staging = Directory.CreateDirectory(Path.Combine(output, ".grading-staging-20250101000000-deadbeef")).FullName;
        File.WriteAllBytes(Path.Combine(staging, "members.csv"), new byte[4 << 20]);
        File.WriteAllBytes(Path.Combine(staging, ".owner"), []);
        Directory.CreateDirectory(Path.Combine(output, ".grading-staging-20250101000001-0badf00d")); // killed before its owner file
        File.WriteAllText(Path.Combine(output, ".grading-commit-20250101000002-cafebabe.tmp"), "grading-results-commit 1\nstaging .grading-staging-20250101000002-cafebabe\nmove org");
        File.WriteAllBytes(Path.Combine(output, ".grading-lock"), []);
        File.WriteAllBytes(Path.Combine(output, ".members.csv.999999999.partial"), new byte[1 << 20]); // an earlier version's temporary file

        GradeNew(output);

        ResultSets.AssertHolds(output, ResultSets.New, "the leftovers are gone");
    }

    [Test]
    public void Grade_StagingFolderOfARunStillGoing_LeftAlone()
    {
        var output = ResultSets.FolderWithOldSet();
        var staging = Directory.CreateDirectory(Path.Combine(output, ".grading-staging-20250101000000-0000beef")).FullName;
        File.WriteAllBytes(Path.Combine(staging, "members.csv"), [1, 2, 3]);
        using (new FileStream(Path.Combine(staging, ".owner"), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            GradeNew(output);

            Assert.That(File.ReadAllBytes(Path.Combine(staging, "members.csv")), Is.EqualTo(new byte[] { 1, 2, 3 }), "the other run's files");
        }

        Assert.That(ResultFolder.Recover(output), Is.False, "nothing to roll forward");
        ResultSets.AssertHolds(output, ResultSets.New, "once that run is gone its staging folder is removed too");
    }

    [Test]
    public void Grade_ResultFileHeldOpenByAnotherProgram_FailsBeforeTheCommitAndKeepsTheOldSet()
    {
        var output = ResultSets.FolderWithOldSet();

        using (new FileStream(Path.Combine(output, "organisations.csv"), FileMode.Open, FileAccess.Read, FileShare.None))
        {
            var ex = Assert.Throws<IOException>(() => GradeNew(output));

            Assert.That(ex!.Message, Does.Contain("organisations.csv").And.Contain("未改动"));
        }

        ResultSets.AssertHolds(output, ResultSets.Old, "nothing switched");
    }

    private sealed class StopHere : Exception;

    private sealed class Observer(Action<CommitStep, string?> reached) : ICommitObserver
    {
        public void Reached(CommitStep step, string? file) => reached(step, file);
    }
}
