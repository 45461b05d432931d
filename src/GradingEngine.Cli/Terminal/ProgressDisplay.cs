using GradingEngine.Batch;
using Spectre.Console;

namespace GradingEngine.Cli.Terminal;

/// <summary>
/// Long work's progress on the error stream, drawn by Spectre.Console: a line per stage with its rows, rows per
/// second, a bar of the share of the file read, and the time left. Shown only when the error stream is the
/// process's own and a terminal (or when <c>--progress</c> asks for it); otherwise nothing at all is written, so that
/// redirected output, tests and CI never see escape codes. The library reports through
/// <see cref="IProgress{T}"/> (<see cref="BatchOptions.Progress"/>) and never writes to the console itself.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/> with a progress reporter that draws on <paramref name="error"/> when the display is
    /// wanted (<paramref name="show"/>: true forces it, false turns it off, null shows it on a terminal), else with null.
    /// </summary>
    public static T Run<T>(TextWriter error, bool? show, Func<IProgress<BatchProgress>?, T> work)
    {
        var forced = show == true;
        if (!(show ?? IsTerminal(error)))
        {
            return work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.Detect,
            Interactive = forced ? InteractionSupport.Yes : InteractionSupport.Detect,
        });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new RowsColumn(), new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => work(new Reporter(context)));
    }

    /// <summary>The error stream is this process's own and goes to a terminal.</summary>
    private static bool IsTerminal(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>A task per stage, updated from the batch's reports (from any thread).</summary>
    private sealed class Reporter(ProgressContext context) : IProgress<BatchProgress>
    {
        private readonly Lock _lock = new();
        private ProgressTask? _task;
        private string? _stage;

        public void Report(BatchProgress value)
        {
            lock (_lock)
            {
                if (value.Stage != _stage || _task is null)
                {
                    if (_task is not null)
                    {
                        _task.Value = _task.MaxValue;
                        _task.StopTask();
                    }

                    _stage = value.Stage;
                    _task = context.AddTask(Markup.Escape(value.Stage), autoStart: true, maxValue: Math.Max(value.TotalBytes, 1));
                }

                _task.State.Update<long>(RowsColumn.Key, _ => value.Rows);
                _task.MaxValue = Math.Max(value.TotalBytes, 1);
                _task.Value = Math.Clamp(value.Bytes, 0, _task.MaxValue);
            }
        }
    }
}
