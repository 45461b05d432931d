namespace GradingEngine.Cli.Commands;

/// <summary>
/// Ctrl+C cancels a run cleanly (temporary files removed, exit code 130) instead of killing the process: a token
/// cancelled by Ctrl+C or by the token it is linked to, for as long as the object lives. Only the commands that
/// watch the token use one, so Ctrl+C still ends any other command at once.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source;

    public CtrlC(CancellationToken linked)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Cancelled on Ctrl+C.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
