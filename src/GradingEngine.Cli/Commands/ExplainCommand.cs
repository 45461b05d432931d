using System.CommandLine;
using System.Text;
using GradingEngine.Batch;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading explain</c>: why one organisation got its level (or the organisation as a golden case).</summary>
internal sealed class ExplainCommand : GradingCommand
{
    private readonly Argument<string> _id = CommandOptions.Positional<string>("organisation id", "党组织的组织编号 (the organisation's id)", ArgumentArity.ExactlyOne);

    private readonly Option<string> _data = CommandOptions.Text("--data", "folder",
        "数据文件夹，或数据库连接串（读取其 organisations、teams、members 表） (the data folder, or a database connection string: its organisations, teams and members tables)", required: true);
    private readonly Option<string> _schemes = CommandOptions.Schemes();
    private readonly Option<string> _scheme;
    private readonly Option<DateOnly?> _date = CommandOptions.Date("--date", "评定日期：使用各方案当日有效的版本（默认：今天） (the grading date: each scheme's version in force that day; default: today)");
    private readonly Option<string> _engine = CommandOptions.Engine();
    private readonly BatchOptionSet _batch = new("csv");

    private readonly Option<string?> _asCase = new("--as-case")
    {
        HelpName = "file",
        Arity = ArgumentArity.ZeroOrOne,
        Description = "改为输出（或写入 <file>）黄金用例：该组织及其党员、班子的输入和评定结果，格式同 cases/<scheme>.cases.json（grading test） " +
                      "(print, or write into <file>, a golden case instead: the organisation's inputs with its members' and team's, and its result as the expectations)",
    };

    public ExplainCommand()
        : base("explain", "说明一个党组织为何评为该等级 (why one organisation got its level)")
    {
        _scheme = CommandOptions.Text("--scheme", "id", "党组织方案（默认：org-sanfenlei） (the organisation scheme; default: org-sanfenlei)")
            .WithSchemeIds(_schemes, organisationsOnly: true);
        Arguments.Add(_id);
        Options.Add(_data);
        Options.Add(_scheme);
        Options.Add(_schemes);
        Options.Add(_date);
        Options.Add(_engine);
        _batch.AddTo(this);
        Options.Add(_asCase);
    }

    public override string Notes => """
        Grades the province (writing nothing) and prints why one organisation got its level: the rules that fired and
        the values they read (with --engine nrules, also the NRules rules that fired, in order), its members' and team's results, what it lacked for the next level, what the batch rules
        (quota, bottom ranking) did to it, and how it compares with last year.
        --as-case prints (or writes into <file>) a golden case instead: the organisation's inputs with its members'
        and team's, and its result as the expectations, in the cases/<scheme>.cases.json format (grading test).

        Exit codes: 0 explained · 1 no such organisation, or its row was rejected · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var id = result.GetValue(_id)!;
        var data = result.GetValue(_data)!;
        var options = _batch.Read(result);
        var engine = Choices.Of(Choices.Engines, result.GetValue(_engine)!);
        var date = result.GetValue(_date) ?? ShippedSchemes.Today;
        var asCase = result.GetResult(_asCase) is not null;
        var caseFile = result.GetValue(_asCase) is { Length: > 0 } file ? file : null;

        using var cancel = new CtrlC(cancellation);
        var grader = new ProvinceGrader(ShippedSchemes.Organisation(ShippedSchemes.Load(result.GetValue(_schemes), date), result.GetValue(_scheme)).WithBackEnd(engine));
        var (files, read) = DataSource.Of(data, options); // a connection string: its tables, as grade reads them
        var explanation = grader.Explain(files, id, read, cancel.Token);
        if (explanation is null)
        {
            error.WriteLine($"没有评定编号为“{id}”的党组织：文件中没有该组织，或该行未通过检查（运行 grading grade 查看 errors.csv） (no organisation '{id}' was graded)");
            return Program.InputProblems;
        }

        if (asCase)
        {
            var text = CaseWriter.Write(grader, explanation, date);
            if (caseFile is null)
            {
                output.Write(text);
            }
            else
            {
                File.WriteAllText(caseFile, text, new UTF8Encoding(false));
                output.WriteLine($"已写出用例 → {Path.GetFullPath(caseFile)}（运行 grading test 检验） (case written)");
            }

            return Program.Ok;
        }

        output.WriteLine(ProvinceRun.Versions(grader, date));
        output.Write(explanation.ToText());
        return Program.Ok;
    }
}
