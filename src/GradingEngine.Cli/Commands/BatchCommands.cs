using System.Diagnostics;
using System.Globalization;
using System.Text;
using GradingEngine.BackEnds;
using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Samples;
using GradingEngine.Cli.Terminal;
using GradingEngine.Diagnostics;
using GradingEngine.NRules;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary>The commands that work on a province: grade, explain, generate, demo.</summary>
internal static class BatchCommands
{
    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "help", "h", "quiet", "progress", "no-last-year", "all-regions", "as-case", "no-store" };

    private static readonly Dictionary<string, ResultFormats> FormatChoices = new(StringComparer.Ordinal)
    {
        ["csv"] = ResultFormats.Csv,
        ["jsonl"] = ResultFormats.JsonLines,
        ["both"] = ResultFormats.Csv | ResultFormats.JsonLines,
        ["xlsx"] = ResultFormats.Xlsx,
        ["csv+xlsx"] = ResultFormats.Csv | ResultFormats.Xlsx,
        ["all"] = ResultFormats.Csv | ResultFormats.JsonLines | ResultFormats.Xlsx,
    };

    internal static readonly Dictionary<string, GradingBackEnd> EngineChoices = new(StringComparer.Ordinal)
    {
        ["plan"] = GradingBackEnd.Plan,
        ["nrules"] = NRulesBackEnd.Instance,
    };

    internal static readonly Dictionary<string, Encoding?> EncodingChoices = new(StringComparer.Ordinal)
    {
        ["auto"] = null,
        ["utf-8"] = new UTF8Encoding(false),
        ["gb18030"] = Gb18030(),
        ["gbk"] = Gb18030(),
    };

    private static readonly Dictionary<string, Encoding?> OutputEncodingChoices = new(StringComparer.Ordinal)
    {
        ["utf-8"] = null,
        ["gb18030"] = Gb18030(),
        ["gbk"] = Gb18030(),
    };

    public const string GradeHelp = """
        grading grade --data <folder> [--out <folder>] [options]

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

        Options:
          --data <folder>       the data files (required); or a database's connection string (Data Source=x.db, or
                                Host=…;Database=…) whose tables or views organisations, teams and members have the
                                files' columns (results then go to ./results unless --out says otherwise)
          --out <folder>        where results go (default: <data>/results); not the data or schemes folder
          --scheme <id>         the organisation scheme (default: org-sanfenlei; org-fenlei-dingji for four grades)
          --schemes <folder>    load schemes from a folder instead of the shipped ones
          --date <yyyy-MM-dd>   the grading date: each scheme's version in force that day (default: today); the
                                versions used are named in summary.json (kinds[].schemeVersion)
          --threads <n>         worker threads (default: every core); results are identical for any n
          --engine <e>          plan | nrules: the back end that grades (default: plan, the faster); the same results
          --format <f>          csv | jsonl | both | xlsx | csv+xlsx | all (default: csv); xlsx writes results.xlsx,
                                a sheet per kind (党组织, 领导班子, 党员), header frozen, scores as numbers
          --encoding <e>        the input files' encoding: auto | utf-8 | gb18030 (default: auto)
          --output-encoding <e> the CSV results' and errors.csv's encoding: utf-8 (with BOM) | gb18030 (no BOM; for
                                older spreadsheet programs on Chinese Windows); default: utf-8. GB18030 holds every
                                Unicode character, nothing is replaced. JSON Lines and summary.json are always UTF-8
          --store <connection>  the results store: a PostgreSQL connection string (Host=…;Database=…;Username=…) or
                                a SQLite file (Data Source=x.db); default: results.db in the output folder
          --no-store            write the result files only
          --year <yyyy>         the year graded (default: this year); 上年等级 and 升降 come from the store's complete run
                                of the year before, else from last-year.csv
          --province <name>     the province the store files the run under (default: the organisations' 省)
          --all-regions         show every region level in the table (default: down to cities)
          --progress            show the progress bar even when the error stream is redirected (a log file)
          --quiet               no progress bar and no table
        Exit codes: 0 every row graded · 1 nothing graded: a scheme or a file cannot be used (nothing written), or no
                    row could be graded (every row rejected, see errors.csv) · 2 wrong command line
                    3 graded, but some rows were rejected (see errors.csv) · 130 cancelled (Ctrl+C)
        """;

    public const string ExplainHelp = """
        grading explain <organisation id> --data <folder> [--scheme <id>] [--schemes <folder>] [--threads <n>]
                        [--engine plan|nrules] [--date yyyy-MM-dd] [--as-case [<file>]]

        Grades the province (writing nothing) and prints why one organisation got its level: the rules that fired and
        the values they read (with --engine nrules, also the NRules rules that fired, in order), its members' and team's results, what it lacked for the next level, what the batch rules
        (quota, bottom ranking) did to it, and how it compares with last year.
        --as-case prints (or writes into <file>) a golden case instead: the organisation's inputs with its members'
        and team's, and its result as the expectations, in the cases/<scheme>.cases.json format (grading test).
        Exit codes: 0 explained · 1 no such organisation, or its row was rejected · 2 wrong command line
        """;

    public const string GenerateHelp = """
        grading generate --out <folder> [--orgs <n>] [--seed <n>] [--format csv|jsonl] [--encoding utf-8|utf-8-bom|gb18030]
                         [--corrupt <n>] [--no-last-year] [--scheme <id>] [--schemes <folder>]

        Writes a sample province (organisations, teams, members and last year's results) the same way real exports
        look: a region tree, 3–50 members per branch, most organisations fine and about one in ten weak. The same seed
        gives the same files. --corrupt puts n deliberately bad rows in each file (bad numbers, missing ids, unknown
        organisations, wrong encoding …) to see how they are reported. Default: 100 organisations, seed 2026.
        Exit codes: 0 written · 2 wrong command line
        """;

    public const string DemoHelp = """
        grading demo [--orgs <n>] [--out <folder>] [--threads <n>] [--engine plan|nrules] [--year <yyyy>]
                     [--store <connection> | --no-store]

        Generates a small sample province (default 100 organisations), grades it with the shipped schemes and prints
        the summary. Files go to ./grading-demo (or --out): data/ and results/ (CSV and results.xlsx; --format to choose) with the report results/report.html, and
        the run is recorded in the results store results/results.db (SQLite). Run it again with --year and the next year: 上年等级
        and 升降 then come from the store's run of the year before, and the summary shows the transition.
        Exit codes: 0 done · 2 wrong command line
        """;

    public static int Grade(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine(args, Flags);
        if (line.Help)
        {
            output.WriteLine(GradeHelp);
            return Program.Ok;
        }

        var data = line.Text("data") ?? line.Positional.FirstOrDefault() ?? throw new UsageException("缺少 --data <folder> (the data folder is required)");
        var outFolder = line.Text("out") ?? (data.Contains('=', StringComparison.Ordinal) ? "results" : Path.Combine(data, "results"));
        var schemeId = line.Text("scheme");
        var schemes = line.Text("schemes");
        var quiet = line.Flag("quiet");
        var allRegions = line.Flag("all-regions");
        var progress = line.Flag("progress") ? true : quiet ? false : (bool?)null;
        var options = ReadOptions(line);
        var engine = line.Choice("engine", GradingBackEnd.Plan, EngineChoices);
        var date = line.Date("date", ShippedSchemes.Today);
        var store = ReadStore(line, outFolder);
        line.Finish(maxPositional: 1);

        // A connection string: the province is read from its tables (organisations, teams, members).
        var tables = data.Contains('=', StringComparison.Ordinal);
        if (tables)
        {
            options = options.ReadingTables(data);
        }

        // Refused before anything is read: results must not overwrite or mix with the data files or the schemes.
        var files = tables ? ProvinceTables.Tables : ProvinceFiles.InFolder(data);
        OutputGuard.Check(outFolder, schemes is null ? files.All : files.All.Concat(Directory.GetFiles(schemes, "*.json")));
        var grader = new ProvinceGrader(ShippedSchemes.Organisation(ShippedSchemes.Load(schemes, date), schemeId).WithBackEnd(engine));
        if (!quiet)
        {
            output.WriteLine(Versions(grader, date));
        }

        return RunGrade(grader, files, outFolder, options with { GradingDate = date }, store, quiet, progress, allRegions, output, error);
    }

    /// <summary>Where the run is recorded: --store, else results.db in the output folder; null with --no-store.</summary>
    private sealed record StoreChoice(string ConnectionString, StoreOptions Options);

    private static StoreChoice? ReadStore(CommandLine line, string outFolder)
    {
        var connection = line.Text("store");
        var none = line.Flag("no-store");
        var year = line.Text("year") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999 ? y : throw new UsageException($"--year “{text}”不是年份 (not a year)")
            : (int?)null;
        var options = new StoreOptions { Year = year, Province = line.Text("province") };
        if (none)
        {
            return connection is null ? null : throw new UsageException("--store 与 --no-store 不能同时使用 (--store and --no-store together)");
        }

        return new StoreChoice(connection ?? "Data Source=" + Path.Combine(outFolder, ResultStore.DefaultFileName), options);
    }

    private static int RunGrade(ProvinceGrader grader, ProvinceFiles files, string outFolder, BatchOptions options, StoreChoice? storeChoice, bool quiet, bool? showProgress, bool allRegions, TextWriter output, TextWriter error)
    {
        using var cancel = CancelOnCtrlC();
        var clock = Stopwatch.StartNew();
        Batch.Summary.BatchSummary summary;
        StoredGrading? stored = null;
        string? where = null;
        using (var progress = new ProgressBar(error, enabled: showProgress ?? !Console.IsErrorRedirected))
        {
            var run = options with { Progress = progress, CommitObserver = CommitPauseHook.FromEnvironment(error) };
            if (storeChoice is null)
            {
                summary = grader.Grade(files, outFolder, run, cancel.Token);
            }
            else
            {
                using var store = ResultStore.Open(storeChoice.ConnectionString);
                where = store.Where;
                stored = grader.Grade(files, outFolder, store, storeChoice.Options, run, cancel.Token);
                summary = stored.Summary;
            }
        }

        clock.Stop();
        if (!quiet)
        {
            output.WriteLine(SummaryTable.Render(summary, allRegions ? int.MaxValue : 2));
            var rows = summary.Files.Sum(f => f.RowsRead);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"用时 {clock.Elapsed.TotalSeconds:0.00} 秒，{options.Threads} 个线程，共 {rows:N0} 行（{rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} 行/秒）。结果：{Path.GetFullPath(outFolder)}"));
            if (stored is not null)
            {
                output.WriteLine(StoredLine(stored, where!));
            }
        }

        var rejected = summary.Files.Sum(f => f.Rejected);
        if (summary.Kinds.Sum(k => k.Graded) == 0)
        {
            error.WriteLine(rejected > 0
                ? $"没有评定任何一行：{rejected} 行全部未通过检查，见 {Path.Combine(outFolder, "errors.csv")} (nothing graded: all {rejected} rows were rejected; see errors.csv)"
                : "没有评定任何一行：数据文件中没有数据行 (nothing graded: the data files hold no rows)");
            return Program.InputProblems;
        }

        if (rejected > 0)
        {
            error.WriteLine($"有 {rejected} 行未能评定，见 {Path.Combine(outFolder, "errors.csv")} ({rejected} rows rejected; see errors.csv)");
            return Program.RowsRejected;
        }

        return Program.Ok;
    }

    public static int Explain(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine(args, Flags);
        if (line.Help)
        {
            output.WriteLine(ExplainHelp);
            return Program.Ok;
        }

        var id = line.Positional.FirstOrDefault() ?? throw new UsageException("用法 (usage): grading explain <organisation id> --data <folder>");
        var data = line.Text("data") ?? throw new UsageException("缺少 --data <folder> (the data folder is required)");
        var schemeId = line.Text("scheme");
        var schemes = line.Text("schemes");
        var options = ReadOptions(line);
        var engine = line.Choice("engine", GradingBackEnd.Plan, EngineChoices);
        var date = line.Date("date", ShippedSchemes.Today);
        var asCase = line.Flag("as-case");
        var caseFile = line.FlagValue("as-case") ?? (asCase && line.Positional.Count == 2 ? line.Positional[1] : null);
        line.Finish(maxPositional: caseFile is not null && line.FlagValue("as-case") is null ? 2 : 1);

        using var cancel = CancelOnCtrlC();
        var grader = new ProvinceGrader(ShippedSchemes.Organisation(ShippedSchemes.Load(schemes, date), schemeId).WithBackEnd(engine));
        var explanation = grader.Explain(ProvinceFiles.InFolder(data), id, options, cancel.Token);
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

        output.WriteLine(Versions(grader, date));
        output.Write(explanation.ToText());
        return Program.Ok;
    }

    public static int Generate(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine(args, Flags);
        if (line.Help)
        {
            output.WriteLine(GenerateHelp);
            return Program.Ok;
        }

        var outFolder = line.Text("out") ?? line.Positional.FirstOrDefault() ?? throw new UsageException("缺少 --out <folder> (the output folder is required)");
        var options = new SampleProvinceOptions
        {
            Organisations = line.Integer("orgs", 100, 1, SampleProvinceOptions.MaxOrganisations),
            Seed = line.Integer("seed", 2026, int.MinValue, int.MaxValue),
            Format = line.Choice("format", SampleFileFormat.Csv, new Dictionary<string, SampleFileFormat> { ["csv"] = SampleFileFormat.Csv, ["jsonl"] = SampleFileFormat.JsonLines }),
            Encoding = line.Choice("encoding", SampleEncoding.Utf8, new Dictionary<string, SampleEncoding>
            {
                ["utf-8"] = SampleEncoding.Utf8, ["utf-8-bom"] = SampleEncoding.Utf8WithBom, ["gb18030"] = SampleEncoding.Gb18030, ["gbk"] = SampleEncoding.Gb18030,
            }),
            CorruptRowsPerFile = line.Integer("corrupt", 0, 0, 1_000_000),
            LastYear = !line.Flag("no-last-year"),
        };
        var scheme = ShippedSchemes.Organisation(ShippedSchemes.Load(line.Text("schemes"), ShippedSchemes.Today), line.Text("scheme"));
        line.Finish(maxPositional: 1);
        using var cancel = CancelOnCtrlC();
        var clock = Stopwatch.StartNew();
        SampleProvinceInfo info;
        using (var bar = new ProgressBar(error, enabled: !Console.IsErrorRedirected))
        {
            // About 23.4 rows per organisation: itself, its team, about 20.4 members, last year's row.
            var expected = (long)(options.Organisations * 23.4);
            var progress = new InlineProgress<long>(rows => bar.Report(new BatchProgress("生成", rows, rows, expected)));
            info = SampleProvince.Write(outFolder, scheme, options, progress, cancel.Token);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"已生成示例省：{info.Organisations:N0} 个党组织、{info.Teams:N0} 个领导班子、{info.Members:N0} 名党员（种子 {options.Seed}，{clock.Elapsed.TotalSeconds:0.0} 秒）→ {Path.GetFullPath(outFolder)}"));
        if (info.CorruptRows.Count > 0)
        {
            output.WriteLine($"其中故意写坏 {info.CorruptRows.Count} 行（用于检验错误报告）");
        }

        return Program.Ok;
    }

    public static int Demo(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        // The demo shows every output: the CSV results and the same as a spreadsheet (results.xlsx) unless --format says otherwise.
        var given = args.ToList();
        if (!given.Contains("--format"))
        {
            given.AddRange(["--format", "csv+xlsx"]);
        }

        var line = new CommandLine(given, Flags);
        if (line.Help)
        {
            output.WriteLine(DemoHelp);
            return Program.Ok;
        }

        var folder = line.Text("out") ?? "grading-demo";
        var organisations = line.Integer("orgs", 100, 1, SampleProvinceOptions.MaxOrganisations);
        var options = ReadOptions(line);
        var engine = line.Choice("engine", GradingBackEnd.Plan, EngineChoices);
        var store = ReadStore(line, Path.Combine(folder, "results"));
        line.Finish(maxPositional: 0);

        var catalogue = ShippedSchemes.Load(null);
        var scheme = ShippedSchemes.Organisation(catalogue, null);
        var data = Path.Combine(folder, "data");
        output.WriteLine($"1. 生成示例省（{organisations} 个党组织）→ {Path.GetFullPath(data)}");
        // Another year is another sample of the same organisations: the seed is the year (2026 by default).
        var info = SampleProvince.Write(data, scheme, new SampleProvinceOptions { Organisations = organisations, Seed = store?.Options.Year ?? 2026 });
        output.WriteLine($"   {info.Organisations:N0} 个党组织、{info.Teams:N0} 个领导班子、{info.Members:N0} 名党员");
        var grader = new ProvinceGrader(scheme.WithBackEnd(engine));
        output.WriteLine($"2. 按内置方案评定：{scheme.Name}（{scheme.Id}），党员按 {grader.MemberScheme.Id}，领导班子按 {grader.TeamScheme.Id}");
        output.WriteLine();
        var report = new Batch.Report.ReportCollector(); // aggregated as the run commits its rows: no second reading of the results
        var code = RunGrade(grader, ProvinceFiles.InFolder(data), Path.Combine(folder, "results"), options with { Report = report }, store, quiet: false, showProgress: null, allRegions: false, output, error);
        var first = File.ReadLines(Path.Combine(data, "organisations.csv")).Skip(1).First().Split(',')[0];
        output.WriteLine();
        output.WriteLine($"3. 查看某个党组织的评定理由：grading explain {first} --data {data}");
        var results = Path.Combine(folder, "results");
        var page = Path.Combine(results, Batch.Report.ProvinceReport.FileName);
        output.WriteLine($"4. 评定结果报告（HTML）：{(report.Report is { } made ? ReportCommand.Write(made, page) : ReportCommand.Write(results, page, catalogue))}");
        if (store is not null)
        {
            var year = store.Options.Year ?? DateTime.Today.Year;
            output.WriteLine($"5. 评定下一年，与结果库中的本年结果比较（升级/持平/降级）：grading demo --year {year + 1}{(folder == "grading-demo" ? string.Empty : " --out " + folder)}");
        }

        return code;
    }

    /// <summary>The grading date and the version of each scheme the run grades with.</summary>
    private static string Versions(ProvinceGrader grader, DateOnly date) =>
        $"评定日期 {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}，方案版本：{string.Join("，", new[] { grader.OrganisationScheme, grader.TeamScheme, grader.MemberScheme }.Select(s => $"{s.Id} {s.Version}"))}";

    /// <summary>Where the run was recorded and what it was compared with.</summary>
    private static string StoredLine(StoredGrading stored, string where)
    {
        var run = stored.Run;
        var last = stored.LastYear is { } l
            ? $"上年等级与升降取自结果库中 {l.Year} 年的评定（第 {l.Id} 次运行）"
            : $"结果库中没有 {run.Year - 1} 年的评定，上年等级取自 last-year 文件（如有）";
        return $"结果库：{where}（{run.Province} {run.Year} 年，第 {run.Id} 次运行，{run.Graded:N0} 行已评定）；{last}";
    }

    private static BatchOptions ReadOptions(CommandLine line) => new()
    {
        Threads = line.Integer("threads", Environment.ProcessorCount, 1, 1024),
        Formats = line.Choice("format", ResultFormats.Csv, FormatChoices),
        InputEncoding = line.Choice("encoding", (Encoding?)null, EncodingChoices),
        OutputEncoding = line.Choice("output-encoding", (Encoding?)null, OutputEncodingChoices),
    };

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Ctrl+C cancels the run cleanly (temporary files removed) instead of killing the process.</summary>
    private static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }

    /// <summary>Formats a scheme problem list for the error stream.</summary>
    public static void Print(SchemeLoadException ex, TextWriter error)
    {
        foreach (var diagnostic in ex.Diagnostics)
        {
            error.WriteLine(diagnostic);
        }

        error.WriteLine($"{ex.Diagnostics.Count} 个问题 ({ex.Diagnostics.Count} problems)");
    }
}

/// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts to a synchronisation context).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
