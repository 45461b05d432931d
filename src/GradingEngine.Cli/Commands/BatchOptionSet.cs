using System.CommandLine;
using GradingEngine.Batch;

namespace GradingEngine.Cli.Commands;

/// <summary>The options of a batch run that grade, explain and demo share: <c>--threads</c>, <c>--format</c>, <c>--encoding</c>, <c>--output-encoding</c>, <c>--member-measures</c>.</summary>
internal sealed class BatchOptionSet
{
    public BatchOptionSet(string defaultFormat)
    {
        Format = CommandOptions.Choice("--format",
            $"结果文件格式（默认：{defaultFormat}）；xlsx 写出 results.xlsx，每类一张工作表（党组织、领导班子、党员），表头冻结，分数为数字 " +
            $"(the result files: default {defaultFormat}; xlsx writes results.xlsx, a sheet per kind, header frozen, scores as numbers)",
            defaultFormat, Choices.Formats.Keys);
    }

    public Option<int> Threads { get; } = CommandOptions.Integer("--threads", "n",
        "工作线程数（默认：每个核一个）；任何线程数结果都相同 (worker threads; default: every core; results are identical for any n)",
        Environment.ProcessorCount, 1, 1024);

    public Option<string> Format { get; }

    public Option<string> Encoding { get; } = CommandOptions.Choice("--encoding",
        "输入文件的编码（默认：auto 自动识别） (the input files' encoding; default: auto)", "auto", Choices.InputEncodings.Keys);

    public Option<string> OutputEncoding { get; } = CommandOptions.Choice("--output-encoding",
        "CSV 结果和 errors.csv 的编码：utf-8（带 BOM，默认）或 gb18030（不带 BOM，供中文 Windows 上的旧版电子表格程序）；GB18030 可表示所有 Unicode 字符，不会替换 " +
        "(the CSV results' and errors.csv's encoding: utf-8 with BOM, the default, or gb18030 without BOM for older spreadsheet programs " +
        "on Chinese Windows; GB18030 holds every Unicode character, nothing is replaced. JSON Lines and summary.json are always UTF-8)",
        "utf-8", Choices.OutputEncodings.Keys);

    public Option<bool> MemberMeasures { get; } = CommandOptions.Flag("--member-measures",
        "党员结果也写出措施（默认不写：members.csv 无“措施”列，约小一半；单个党员的措施见 grading explain） " +
        "(write each member's measures too; by default members.csv has no 措施 column and is about half the size; one member's are in grading explain)");

    public void AddTo(Command command)
    {
        command.Options.Add(Threads);
        command.Options.Add(Format);
        command.Options.Add(Encoding);
        command.Options.Add(OutputEncoding);
        command.Options.Add(MemberMeasures);
    }

    public BatchOptions Read(ParseResult result) => new()
    {
        Threads = result.GetValue(Threads),
        Formats = Choices.Of(Choices.Formats, result.GetValue(Format)!),
        InputEncoding = Choices.Of(Choices.InputEncodings, result.GetValue(Encoding)!),
        OutputEncoding = Choices.Of(Choices.OutputEncodings, result.GetValue(OutputEncoding)!),
        MemberMeasures = result.GetValue(MemberMeasures),
    };
}
