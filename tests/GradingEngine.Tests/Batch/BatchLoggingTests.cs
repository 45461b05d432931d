using GradingEngine.Batch;
using Microsoft.Extensions.Logging;

namespace GradingEngine.Tests.Batch;

/// <summary>The batch logs its start, each stage, each file's counts (a warning when rows were rejected) and the commit.</summary>
public class BatchLoggingTests
{
    [Test]
    public void Grade_WithALogger_LogsStagesFilesAndCommit()
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptionsFor().Corrupt);
        var output = ProvinceFixture.NewOutputFolder();
        var logger = new ListLogger();

        var summary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, new BatchOptions { Threads = 2, Logger = logger });

        Assert.That(logger.Entries[0].Message, Does.StartWith("评定开始：党组织方案 org-sanfenlei").And.Contain("引擎 plan"));
        Assert.That(logger.Entries.Where(e => e.Event == "StageDone").Select(e => e.Message), Has.Some.StartsWith("阶段“党员”完成"));
        foreach (var file in summary.Files)
        {
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Event, string Message)>(e =>
                e.Event == "FileReconciled" && e.Message.Contains($"读取 {file.RowsRead} 行，评定 {file.Graded} 行，拒绝 {file.Rejected} 行", StringComparison.Ordinal)));
        }

        Assert.That(logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Event), Has.All.EqualTo("RowsRejected").And.Not.Empty);
        Assert.That(logger.Entries[^1].Event, Is.EqualTo("Committed"));
    }

    internal sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Event, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, eventId.Name ?? string.Empty, formatter(state, exception)));
            }
        }
    }
}
