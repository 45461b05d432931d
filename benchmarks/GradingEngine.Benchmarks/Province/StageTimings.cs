using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// A logger that keeps the province run's stage messages (event 2, <c>StageDone</c>) with the process's CPU time
/// spent during each stage, so that a run can say where its time goes: wall seconds and CPU seconds per stage (CPU
/// above wall means both cores were busy).
/// </summary>
internal sealed class StageTimings : ILogger
{
    private readonly List<(string Stage, double Wall, double Cpu)> _stages = [];
    private TimeSpan _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<(string Stage, double Wall, double Cpu)> Stages => _stages;

    /// <summary>Marks the start of a run: the first stage's CPU is counted from here.</summary>
    public void Start()
    {
        _stages.Clear();
        _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        _clock.Restart();
    }

    /// <summary>Adds what followed the last stage (summary, commit of every sink) as its own row.</summary>
    public void Finish(string name)
    {
        var wall = _clock.Elapsed.TotalSeconds - _stages.Sum(s => s.Wall);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _stages.Add((name, wall, (cpu - _cpuMark).TotalSeconds));
        _cpuMark = cpu;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != 2 || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        var stage = values.FirstOrDefault(v => v.Key == "Stage").Value?.ToString() ?? "?";
        var seconds = Convert.ToDouble(values.FirstOrDefault(v => v.Key == "Seconds").Value, CultureInfo.InvariantCulture);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _stages.Add((stage, seconds, (cpu - _cpuMark).TotalSeconds));
        _cpuMark = cpu;
    }
}
