using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch;

namespace GradingEngine.Cli.Terminal;

/// <summary>
/// A one-line progress bar on the error stream: stage, rows, rows per second, share of the file read and the time
/// left. Redrawn at most ten times a second; silent when the error stream is not a terminal (unless forced).
/// </summary>
internal sealed class ProgressBar(TextWriter writer, bool enabled) : IProgress<BatchProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _stageClock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private string _stage = string.Empty;
    private BatchProgress? _last;
    private long _lastDraw = -1000;
    private int _width;

    public void Report(BatchProgress value)
    {
        if (!enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (value.Stage != _stage)
            {
                if (_last is { } previous)
                {
                    Draw(previous, final: true);
                }

                _stage = value.Stage;
                _stageClock.Restart();
            }

            _last = value;
            if (_clock.ElapsedMilliseconds - _lastDraw >= 100)
            {
                Draw(value, final: false);
            }
        }
    }

    private void Draw(BatchProgress value, bool final)
    {
        _lastDraw = _clock.ElapsedMilliseconds;
        var seconds = Math.Max(_stageClock.Elapsed.TotalSeconds, 0.001);
        var share = value.TotalBytes > 0 ? Math.Clamp((double)value.Bytes / value.TotalBytes, 0, 1) : 0;
        const int Bar = 24;
        var filled = (int)Math.Round(share * Bar);
        var rate = value.Rows / seconds;
        var eta = share > 0.01 && share < 1 ? TimeSpan.FromSeconds(seconds * (1 - share) / share) : TimeSpan.Zero;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {value.Stage,-8} [{new string('#', filled)}{new string('-', Bar - filled)}] {share,4:P0}  {value.Rows,12:N0} 行  {rate,10:N0} 行/秒  剩余 {eta:mm\\:ss}");
        var pad = Math.Max(0, _width - line.Length);
        _width = line.Length;
        writer.Write('\r' + line + new string(' ', pad));
        if (final)
        {
            writer.WriteLine();
            _width = 0;
        }

        writer.Flush();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (enabled && _last is { } last)
            {
                Draw(last, final: true);
                _last = null;
            }
        }
    }
}
