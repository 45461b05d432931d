using System.CommandLine;
using GradingEngine.Batch;
using GradingEngine.Samples;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading demo</c>: generates a small sample province, grades it with the shipped schemes and prints the summary.</summary>
internal sealed class DemoCommand : GradingCommand
{
    private const string DefaultFolder = "grading-demo";

    private readonly Option<string> _out = CommandOptions.Text("--out", "folder", "文件写到哪里（默认：./grading-demo） (where the files go; default: ./grading-demo)");

    private readonly Option<int> _orgs = CommandOptions.Integer("--orgs", "n", "示例省的党组织个数（默认 100） (organisations in the sample; default 100)",
        100, 1, SampleProvinceOptions.MaxOrganisations);

    private readonly Option<string> _engine = CommandOptions.Engine();

    // The demo shows every output: the CSV results and the same as a spreadsheet (results.xlsx) unless --format says otherwise.
    private readonly BatchOptionSet _batch = new("csv+xlsx");
    private readonly ResultStoreOptions _store = new();

    public DemoCommand()
        : base("demo", "生成示例省、评定并输出汇总 (generate a sample province, grade it, print the summary)")
    {
        Options.Add(_out);
        Options.Add(_orgs);
        Options.Add(_engine);
        _batch.AddTo(this);
        _store.AddTo(this);
    }

    public override string Notes => """
        Generates a small sample province (default 100 organisations), grades it with the shipped schemes and prints
        the summary. Files go to ./grading-demo (or --out): data/ and results/ (CSV and results.xlsx; --format to choose) with the report results/report.html, and
        the run is recorded in the results store results/results.db (SQLite). Run it again with --year and the next year: 上年等级
        and 升降 then come from the store's run of the year before, and the summary shows the transition.

        Exit codes: 0 done · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var folder = result.GetValue(_out) ?? DefaultFolder;
        var organisations = result.GetValue(_orgs);
        var options = _batch.Read(result);
        var engine = Choices.Of(Choices.Engines, result.GetValue(_engine)!);
        var results = Path.Combine(folder, "results");
        var store = _store.Read(result, results);

        using var cancel = new CtrlC(cancellation);
        var catalogue = ShippedSchemes.Load(null);
        var scheme = ShippedSchemes.Organisation(catalogue, null);
        var data = Path.Combine(folder, "data");
        output.WriteLine($"1. 生成示例省（{organisations} 个党组织）→ {Path.GetFullPath(data)}");
        // Another year is another sample of the same organisations: the seed is the year (2026 by default).
        var info = SampleProvince.Write(data, scheme, new SampleProvinceOptions { Organisations = organisations, Seed = store?.Options.Year ?? 2026 }, cancellationToken: cancel.Token);
        output.WriteLine($"   {info.Organisations:N0} 个党组织、{info.Teams:N0} 个领导班子、{info.Members:N0} 名党员");
        var grader = new ProvinceGrader(scheme.WithBackEnd(engine));
        output.WriteLine($"2. 按内置方案评定：{scheme.Name}（{scheme.Id}），党员按 {grader.MemberScheme.Id}，领导班子按 {grader.TeamScheme.Id}");
        output.WriteLine();
        var report = new Batch.Report.ReportCollector(); // aggregated as the run commits its rows: no second reading of the results
        var code = ProvinceRun.Grade(grader, ProvinceFiles.InFolder(data), results, options with { Report = report }, store, quiet: false, showProgress: null, allRegions: false, output, error, cancel.Token);
        var first = File.ReadLines(Path.Combine(data, "organisations.csv")).Skip(1).First().Split(',')[0];
        output.WriteLine();
        output.WriteLine($"3. 查看某个党组织的评定理由：grading explain {first} --data {data}");
        var page = Path.Combine(results, Batch.Report.ProvinceReport.FileName);
        output.WriteLine($"4. 评定结果报告（HTML）：{(report.Report is { } made ? ReportCommand.Write(made, page) : ReportCommand.Write(results, page, catalogue))}");
        if (store is not null)
        {
            var year = store.Options.Year ?? DateTime.Today.Year;
            output.WriteLine($"5. 评定下一年，与结果库中的本年结果比较（升级/持平/降级）：grading demo --year {year + 1}{(folder == DefaultFolder ? string.Empty : " --out " + folder)}");
        }

        return code;
    }
}
