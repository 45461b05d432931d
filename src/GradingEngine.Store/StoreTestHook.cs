namespace GradingEngine.Store;

/// <summary>
/// Test hook, not a setting: when the environment variable <c>GRADING_TEST_PAUSE_AFTER_STORED_ROWS</c> holds a
/// number n, the store's writer prints <c>grading-test-paused</c> on the error stream once it has written n result
/// rows of a run, and then waits for ever, so that a test can kill the process part-way through writing the store
/// (tests/GradingEngine.Tests/Store/StoreCrashTests.cs).
/// </summary>
internal static class StoreTestHook
{
    public const string Variable = "GRADING_TEST_PAUSE_AFTER_STORED_ROWS";

    public const string PausedMarker = "grading-test-paused";

    private static readonly long PauseAfter = long.TryParse(Environment.GetEnvironmentVariable(Variable), out var n) ? n : -1;
    private static long _written;

    public static void RowsWritten(int rows)
    {
        if (PauseAfter < 0)
        {
            return;
        }

        if ((_written += rows) >= PauseAfter)
        {
            Console.Error.WriteLine($"{PausedMarker} {_written}");
            Console.Error.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
