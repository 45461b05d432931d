using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Cli.Terminal;
using GradingEngine.Samples;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading generate</c>: writes a sample province, any scale, the same files for the same seed.</summary>
internal sealed class GenerateCommand : GradingCommand
{
    private static readonly Dictionary<string, SampleFileFormat> Formats = new(StringComparer.Ordinal)
    {
        ["csv"] = SampleFileFormat.Csv,
        ["jsonl"] = SampleFileFormat.JsonLines,
    };

    private static readonly Dictionary<string, SampleEncoding> Encodings = new(StringComparer.Ordinal)
    {
        ["utf-8"] = SampleEncoding.Utf8,
        ["utf-8-bom"] = SampleEncoding.Utf8WithBom,
        ["gb18030"] = SampleEncoding.Gb18030,
        ["gbk"] = SampleEncoding.Gb18030,
    };

    private readonly Argument<string?> _outArgument = CommandOptions.Positional<string?>("out", "输出文件夹，同 --out (the output folder, as --out)", ArgumentArity.ZeroOrOne);
    private readonly Option<string> _out = CommandOptions.Text("--out", "folder", "示例省写到哪里（必需） (where the sample province goes; required)");

    private readonly Option<int> _orgs = CommandOptions.Integer("--orgs", "n", "党组织个数（默认 100） (organisations; default 100)",
        100, 1, SampleProvinceOptions.MaxOrganisations);

    private readonly Option<int> _seed = CommandOptions.Integer("--seed", "n", "随机种子，种子相同文件相同（默认 2026） (the seed: the same seed gives the same files; default 2026)",
        2026, int.MinValue, int.MaxValue);

    private readonly Option<string> _format = CommandOptions.Choice("--format", "文件格式（默认 csv） (the files' format; default csv)", "csv", Formats.Keys);
    private readonly Option<string> _encoding = CommandOptions.Choice("--encoding", "CSV 文件的编码（默认 utf-8） (the CSV files' encoding; default utf-8)", "utf-8", Encodings.Keys);

    private readonly Option<int> _corrupt = CommandOptions.Integer("--corrupt", "n",
        "每个文件故意写坏的行数，用于检验错误报告（默认 0） (deliberately bad rows per file, to see how they are reported; default 0)", 0, 0, 1_000_000);

    private readonly Option<bool> _noLastYear = CommandOptions.Flag("--no-last-year", "不写上年结果 last-year.csv (no last-year.csv)");
    private readonly Option<string> _schemes = CommandOptions.Schemes();
    private readonly Option<string> _scheme;

    public GenerateCommand()
        : base("generate", "写出一个示例省（任意规模，固定种子） (write a sample province: any scale, fixed seed)")
    {
        _scheme = CommandOptions.Text("--scheme", "id", "示例数据所依据的党组织方案（默认：org-sanfenlei） (the organisation scheme the sample is made for; default: org-sanfenlei)")
            .WithSchemeIds(_schemes, organisationsOnly: true);
        Arguments.Add(_outArgument);
        Options.Add(_out);
        Options.Add(_orgs);
        Options.Add(_seed);
        Options.Add(_format);
        Options.Add(_encoding);
        Options.Add(_corrupt);
        Options.Add(_noLastYear);
        Options.Add(_scheme);
        Options.Add(_schemes);
    }

    public override string Notes => """
        Writes a sample province (organisations, teams, members and last year's results) the same way real exports
        look: a region tree, 3–50 members per branch, most organisations fine and about one in ten weak. The same seed
        gives the same files. --corrupt puts n deliberately bad rows in each file (bad numbers, missing ids, unknown
        organisations, wrong encoding …) to see how they are reported. Default: 100 organisations, seed 2026.

        Exit codes: 0 written · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var outFolder = result.GetValue(_out) ?? result.GetValue(_outArgument) ?? throw new UsageException("缺少 --out <folder> (the output folder is required)");
        var options = new SampleProvinceOptions
        {
            Organisations = result.GetValue(_orgs),
            Seed = result.GetValue(_seed),
            Format = Choices.Of(Formats, result.GetValue(_format)!),
            Encoding = Choices.Of(Encodings, result.GetValue(_encoding)!),
            CorruptRowsPerFile = result.GetValue(_corrupt),
            LastYear = !result.GetValue(_noLastYear),
        };
        var scheme = ShippedSchemes.Organisation(ShippedSchemes.Load(result.GetValue(_schemes), ShippedSchemes.Today), result.GetValue(_scheme));
        using var cancel = new CtrlC(cancellation);
        var clock = Stopwatch.StartNew();
        var info = ProgressDisplay.Run(error, show: null, bar =>
        {
            // About 23.4 rows per organisation: itself, its team, about 20.4 members, last year's row.
            var expected = (long)(options.Organisations * 23.4);
            var progress = bar is null ? null : new InlineProgress<long>(rows => bar.Report(new BatchProgress("生成", rows, rows, expected)));
            return SampleProvince.Write(outFolder, scheme, options, progress, cancel.Token);
        });

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"已生成示例省：{info.Organisations:N0} 个党组织、{info.Teams:N0} 个领导班子、{info.Members:N0} 名党员（种子 {options.Seed}，{clock.Elapsed.TotalSeconds:0.0} 秒）→ {Path.GetFullPath(outFolder)}"));
        if (info.CorruptRows.Count > 0)
        {
            output.WriteLine($"其中故意写坏 {info.CorruptRows.Count} 行（用于检验错误报告）");
        }

        return Program.Ok;
    }
}
