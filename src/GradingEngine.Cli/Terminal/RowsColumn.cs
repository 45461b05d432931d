using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GradingEngine.Cli.Terminal;

/// <summary>A progress column: the rows a stage has read and its rows per second (kept in the task's state as <see cref="Key"/>).</summary>
internal sealed class RowsColumn : ProgressColumn
{
    /// <summary>The task state key of the rows read.</summary>
    public const string Key = "rows";

    /// <summary>Not wrapped: a row per stage.</summary>
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var rows = task.State.Get<long>(Key);
        var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
        var rate = seconds > 0.001 ? rows / seconds : 0;
        return new Text(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} 行 {rate:N0} 行/秒")) { Overflow = Overflow.Ellipsis }.RightJustified();
    }
}
