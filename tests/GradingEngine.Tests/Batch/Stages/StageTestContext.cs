using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch.Stages;

/// <summary>A run's context over small files written for one test, with errors.csv kept in memory.</summary>
internal sealed class StageTestContext : IDisposable
{
    private readonly string _folder = ProvinceFixture.NewOutputFolder();

    public StageTestContext(string organisations, string? lastYear = null, string members = "党员编号,组织编号\n")
    {
        var files = new ProvinceFiles(Write("organisations.csv", organisations), Write("teams.csv", "组织编号\n"), Write("members.csv", members))
        {
            LastYear = lastYear is null ? null : Write("last-year.csv", lastYear),
        };
        Context = new RunContext(ProvinceFixture.Grader, files, new BatchOptions { Threads = 1 }, CancellationToken.None)
        {
            Errors = new ErrorLog(Errors),
        };
        Context.Errors.Start();
    }

    public RunContext Context { get; }

    public StringWriter Errors { get; } = new() { NewLine = "\n" };

    /// <summary>The lines of errors.csv written so far.</summary>
    public string[] ErrorLines => Errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        Errors.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
