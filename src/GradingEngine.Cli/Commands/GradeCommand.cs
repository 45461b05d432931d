using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading grade</c>: grades a province's files (or tables) into result files and the results store.</summary>
internal sealed class GradeCommand : GradingCommand
{
    private readonly Argument<string?> _dataArgument = CommandOptions.Positional<string?>("data",
        "数据文件夹，同 --data (the data folder, as --data)", ArgumentArity.ZeroOrOne);

    private readonly Option<string> _data = CommandOptions.Text("--data", "folder",
        "数据文件夹（必需）；或数据库连接字符串（Data Source=x.db 或 Host=…;Database=…），其表或视图 organisations、teams、members 与文件列相同（结果默认写到 ./results） " +
        "(the data files, required; or a database's connection string whose tables or views organisations, teams and members have the files' columns; results then go to ./results unless --out says otherwise)");

    private readonly Option<string> _out = CommandOptions.Text("--out", "folder",
        "结果写到哪里（默认：<data>/results）；不能是数据或方案文件夹 (where results go; default: <data>/results; not the data or schemes folder)");

    private readonly Option<string> _schemes = CommandOptions.Schemes();
    private readonly Option<string> _scheme;
    private readonly Option<DateOnly?> _date = CommandOptions.Date("--date",
        "评定日期：使用各方案当日有效的版本（默认：今天）；所用版本写在 summary.json (kinds[].schemeVersion) " +
        "(the grading date: each scheme's version in force that day; default: today; the versions used are named in summary.json)");

    private readonly Option<string> _engine = CommandOptions.Engine();
    private readonly BatchOptionSet _batch = new("csv");
    private readonly ResultStoreOptions _store = new();
    private readonly Option<bool> _allRegions = CommandOptions.Flag("--all-regions", "表中列出各级地区（默认：到市） (show every region level in the table; default: down to cities)");
    private readonly Option<bool> _progress = CommandOptions.Flag("--progress", "错误输出被重定向（日志文件）时也显示进度 (show the progress even when the error stream is redirected, a log file)");
    private readonly Option<bool> _quiet = CommandOptions.Quiet("不显示进度和表格 (no progress and no table)");
    private readonly Option<string> _log = CommandOptions.Text("--log", "file",
        "把本次评定的日志追加到文件：启动与方案载入用时、各阶段用时、各文件读取/评定/拒绝行数、提交 " +
        "(append the run's log to a file: start-up and scheme loading times, each stage's time, each file's rows read, graded and rejected, the commit)");

    public GradeCommand()
        : base("grade", "评定一个省的数据文件：党员、领导班子、党组织 (grade a province's files: members, teams, organisations)")
    {
        _scheme = CommandOptions.Text("--scheme", "id",
            "党组织方案（默认：org-sanfenlei；四个等级用 org-fenlei-dingji） (the organisation scheme; default: org-sanfenlei; org-fenlei-dingji for four grades)")
            .WithSchemeIds(_schemes, organisationsOnly: true);
        Arguments.Add(_dataArgument);
        Options.Add(_data);
        Options.Add(_out);
        Options.Add(_scheme);
        Options.Add(_schemes);
        Options.Add(_date);
        Options.Add(_engine);
        _batch.AddTo(this);
        _store.AddTo(this);
        Options.Add(_allRegions);
        Options.Add(_progress);
        Options.Add(_quiet);
        Options.Add(_log);
    }

    public override string Notes => """
        Grades a province from its data files: members.csv (党员), teams.csv (领导班子) and organisations.csv
        (党组织), each .csv (UTF-8 with or without BOM, or GBK/GB18030), .jsonl or .xlsx (first sheet, same headers
        and checks; a bad row named by file, sheet and row), plus last-year.csv (组织编号,
        等级) if present. Writes organisations/teams/members results, errors.csv (every rejected row with its file,
        line, column number or character position, and reason) and summary.json into the output folder, all switched
        in together only when the run completes (results of another --format left by an earlier run are removed at the
        same time). The output folder must not hold any file the run reads: --out naming the data folder is refused
        (exit code 2). In CSV results, text a spreadsheet would evaluate (starting with = + - @) gets a ' in front.
        The run and every result are also recorded in the results store (SQLite results.db in the output folder by
        default), switched in as the province's complete run of its year (replacing an earlier run of that year) only
        when every row is in.

        Exit codes: 0 every row graded · 1 nothing graded: a scheme or a file cannot be used (nothing written), or no
                    row could be graded (every row rejected, see errors.csv) · 2 wrong command line
                    3 graded, but some rows were rejected (see errors.csv) · 130 cancelled (Ctrl+C)
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var data = result.GetValue(_data) ?? result.GetValue(_dataArgument) ?? throw new UsageException("缺少 --data <folder> (the data folder is required)");
        var outFolder = result.GetValue(_out) ?? (DataSource.IsDatabase(data) ? "results" : Path.Combine(data, "results"));
        var schemes = result.GetValue(_schemes);
        var quiet = result.GetValue(_quiet);
        var progress = result.GetValue(_progress) ? true : quiet ? false : (bool?)null;
        var options = _batch.Read(result);
        var engine = Choices.Of(Choices.Engines, result.GetValue(_engine)!);
        var date = result.GetValue(_date) ?? ShippedSchemes.Today;
        var store = _store.Read(result, outFolder);
        using var log = result.GetValue(_log) is { } logPath ? RunLog.Open(logPath) : null;
        if (log is not null)
        {
            using var process = Process.GetCurrentProcess();
            log.Write("ToolStarted", string.Create(CultureInfo.InvariantCulture,
                $"grading {Program.Version}，进程启动后 {(DateTime.Now - process.StartTime).TotalSeconds:F2} 秒开始评定命令"));
        }

        // A connection string: the province is read from its tables (organisations, teams, members).
        (var files, options) = DataSource.Of(data, options);

        // Refused before anything is read: results must not overwrite or mix with the data files or the schemes.
        OutputGuard.Check(outFolder, schemes is null ? files.All : files.All.Concat(Directory.GetFiles(schemes, "*.json")));
        var loading = Stopwatch.StartNew();
        var grader = new ProvinceGrader(ShippedSchemes.Organisation(ShippedSchemes.Load(schemes, date), result.GetValue(_scheme)).WithBackEnd(engine));
        log?.Write("SchemesLoaded", string.Create(CultureInfo.InvariantCulture,
            $"方案已载入并编译：{grader.OrganisationScheme.Id}、{grader.TeamScheme.Id}、{grader.MemberScheme.Id}，用时 {loading.Elapsed.TotalSeconds:F2} 秒"));
        if (log is not null)
        {
            options = options with { Logger = log };
        }
        if (!quiet)
        {
            output.WriteLine(ProvinceRun.Versions(grader, date));
        }

        return ProvinceRun.Grade(grader, files, outFolder, options with { GradingDate = date }, store, quiet, progress, result.GetValue(_allRegions), output, error, cancellation);
    }
}
