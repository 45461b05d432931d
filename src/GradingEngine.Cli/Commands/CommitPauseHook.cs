using System.Globalization;
using GradingEngine.Batch.Output;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// Test hook, not a setting: when the environment variable <c>GRADING_TEST_PAUSE_AT_COMMIT_STEP</c> names a step of
/// the commit of the result files (<c>Staged</c>, <c>Committed</c>, <c>Moved:2</c> for the second file moved …; see
/// <see cref="CommitStep"/>), <c>grading grade</c> prints <c>grading-test-paused</c> on the error stream when the
/// commit gets there and then waits for ever, so that a test can kill the process at that very point and check what
/// the results folder holds (tests/GradingEngine.Tests/Cli/CommitCrashTests.cs).
/// </summary>
internal sealed class CommitPauseHook(CommitStep step, int occurrence, TextWriter error) : ICommitObserver
{
    public const string Variable = "GRADING_TEST_PAUSE_AT_COMMIT_STEP";

    public const string PausedMarker = "grading-test-paused";

    private int _seen;

    /// <summary>The hook the environment asks for, or null (always, outside tests).</summary>
    public static CommitPauseHook? FromEnvironment(TextWriter error)
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = value.Split(':');
        var occurrence = 1;
        if (parts.Length > 2 || !Enum.TryParse<CommitStep>(parts[0], out var step) || !Enum.IsDefined(step)
            || (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out occurrence)))
        {
            throw new UsageException($"{Variable}=“{value}”不是提交步骤 (not a commit step: {string.Join(", ", Enum.GetNames<CommitStep>())}, optionally :n)");
        }

        return new CommitPauseHook(step, occurrence, error);
    }

    public void Reached(CommitStep reached, string? file)
    {
        if (reached != step || ++_seen != occurrence)
        {
            return;
        }

        error.WriteLine($"{PausedMarker} {reached}:{_seen} {file}");
        error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
