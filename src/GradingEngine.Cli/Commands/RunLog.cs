using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// <c>--log &lt;file&gt;</c>: the run's log appended to a file, one line a message (time with offset, level, event,
/// message): when the run started, how long loading the schemes and each stage took, each file's rows read, graded
/// and rejected, and the commit. Written as it happens and flushed line by line, so a killed run leaves what it did.
/// </summary>
internal sealed class RunLog : ILogger, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private RunLog(StreamWriter writer) => _writer = writer;

    /// <summary>Opens <paramref name="path"/> for appending (created with its folder if need be).</summary>
    /// <exception cref="UsageException">The file cannot be opened.</exception>
    public static RunLog Open(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            return new RunLog(new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"无法打开日志文件“{path}”：{e.Message} (cannot open the log file)");
        }
    }

    /// <summary>Writes one line of the tool's own (outside the batch's events), e.g. how long loading the schemes took.</summary>
    public void Write(string eventName, string message) => Line(LogLevel.Information, eventName, message);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Line(logLevel, eventId.Name ?? eventId.Id.ToString(CultureInfo.InvariantCulture), formatter(state, exception));
        }
    }

    public void Dispose() => _writer.Dispose();

    private void Line(LogLevel level, string eventName, string message)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:yyyy-MM-dd'T'HH:mm:ss.fffzzz} {Level(level)} {eventName} {message.ReplaceLineEndings(" ")}");
        lock (_gate)
        {
            _writer.WriteLine(text);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Warning => "警告",
        LogLevel.Error or LogLevel.Critical => "错误",
        _ => "信息",
    };
}
