using Microsoft.Extensions.Logging;

namespace GradingEngine.Batch;

/// <summary>The batch's log messages, defined once (no formatting work when the level is off).</summary>
internal static class BatchLog
{
    private static readonly Action<ILogger, string, string, string, string, int, Exception?> Starting =
        LoggerMessage.Define<string, string, string, string, int>(LogLevel.Information, new EventId(1, "RunStarting"),
            "评定开始：党组织方案 {Organisation}，党员方案 {Member}，领导班子方案 {Team}，引擎 {Engine}，{Threads} 个线程");

    private static readonly Action<ILogger, string, double, Exception?> StageDone =
        LoggerMessage.Define<string, double>(LogLevel.Information, new EventId(2, "StageDone"), "阶段“{Stage}”完成，用时 {Seconds:F2} 秒");

    private static readonly Action<ILogger, string, string, long, long, long, Exception?> FileRead =
        LoggerMessage.Define<string, string, long, long, long>(LogLevel.Information, new EventId(3, "FileReconciled"),
            "{Kind}文件 {File}：读取 {Read} 行，评定 {Graded} 行，拒绝 {Rejected} 行");

    private static readonly Action<ILogger, string, string, long, Exception?> FileRejected =
        LoggerMessage.Define<string, string, long>(LogLevel.Warning, new EventId(4, "RowsRejected"),
            "{Kind}文件 {File} 有 {Rejected} 行被拒绝，见 errors.csv");

    private static readonly Action<ILogger, string, double, Exception?> Committed =
        LoggerMessage.Define<string, double>(LogLevel.Information, new EventId(5, "Committed"), "结果已写入 {Folder}，共用时 {Seconds:F2} 秒");

    public static void RunStarting(ILogger logger, ProvinceGrader grader, int threads) =>
        Starting(logger, grader.OrganisationScheme.Id, grader.MemberScheme.Id, grader.TeamScheme.Id, grader.OrganisationScheme.BackEnd.Name, threads, null);

    public static void Stage(ILogger logger, string stage, TimeSpan elapsed) => StageDone(logger, stage, elapsed.TotalSeconds, null);

    public static void File(ILogger logger, Summary.FileSummary file)
    {
        var name = Path.GetFileName(file.File);
        FileRead(logger, file.Kind, name, file.RowsRead, file.Graded, file.Rejected, null);
        if (file.Rejected > 0)
        {
            FileRejected(logger, file.Kind, name, file.Rejected, null);
        }
    }

    public static void Commit(ILogger logger, string folder, TimeSpan elapsed) => Committed(logger, folder, elapsed.TotalSeconds, null);
}
