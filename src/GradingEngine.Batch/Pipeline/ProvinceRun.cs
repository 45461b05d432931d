using System.Diagnostics;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;
using GradingEngine.Facts;
using GradingEngine.Grading;
using Microsoft.Extensions.Logging.Abstractions;

namespace GradingEngine.Batch;

/// <summary>
/// One batch run: the state that grows with the province (organisation index, members' and teams' kept values,
/// ranking keys) and the stages that fill it. Stages run one after another; within a stage, blocks of rows are
/// graded in parallel and committed in file order (<see cref="Pipeline.BlockPipeline"/>).
/// </summary>
internal sealed partial class ProvinceRun
{
    private readonly ProvinceGrader _grader;
    private readonly ProvinceFiles _files;
    private readonly BatchOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly CheckedScheme _org;
    private readonly CheckedScheme _team;
    private readonly CheckedScheme _member;
    private readonly IReadOnlyList<string> _groupColumns;
    private readonly List<FileSummary> _fileSummaries = [];
    private ErrorLog _errors = new(null);
    private IReadOnlyList<IResultSink> _sinks = [];

    // Organisations, by ordinal (file order of accepted rows).
    private readonly List<string> _orgIds = [];
    private readonly List<long> _orgLines = [];
    private readonly Dictionary<string, int> _ordinalById = new(StringComparer.Ordinal);
    private readonly List<int[]> _orgGroups = [];            // per org: value id per group column
    private readonly List<List<string>> _groupValues = [];   // per group column: distinct values
    private readonly List<Dictionary<string, int>> _groupValueIds = [];

    public ProvinceRun(ProvinceGrader grader, ProvinceFiles files, BatchOptions options, CancellationToken cancellation)
    {
        _grader = grader;
        _files = files;
        _options = options;
        _cancellation = cancellation;
        _org = grader.OrganisationScheme.Model;
        _team = grader.TeamScheme.Model;
        _member = grader.MemberScheme.Model;
        var groups = new List<string>(options.RegionLevels);
        foreach (var within in _org.Quotas.Select(q => q.Within).Concat(_org.BottomRankings.Select(r => r.Within)))
        {
            if (!groups.Contains(within))
            {
                groups.Add(within);
            }
        }

        _groupColumns = groups;
        foreach (var _ in groups)
        {
            _groupValues.Add([]);
            _groupValueIds.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        }
    }

    private int Threads => Math.Max(1, _options.Threads);

    /// <summary>The columns quotas and bottom rankings group by: the organisations file must have them.</summary>
    private IEnumerable<string> RankingGroups =>
        _org.Quotas.Select(q => q.Within).Concat(_org.BottomRankings.Select(r => r.Within)).Distinct();

    public (BatchSummary Summary, BatchExplanation? Explanation) Execute(string? outputFolder, string? explainId)
    {
        _explainId = explainId;
        if (outputFolder is not null)
        {
            ResultFolder.Recover(outputFolder); // a commit a killed run left is finished even if this run fails
        }

        var log = _options.Logger ?? NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var stageClock = Stopwatch.StartNew();
        void Stage(string name, Action stage)
        {
            stageClock.Restart();
            stage();
            BatchLog.Stage(log, name, stageClock.Elapsed);
        }

        BatchLog.RunStarting(log, _grader, Threads);
        CheckHeaders();
        var sinks = new List<IResultSink>();
        try
        {
            ResultFileSink? files = null;
            if (outputFolder is not null)
            {
                sinks.Add(files = new ResultFileSink(outputFolder, _options.Formats, ResultEncoding.Of(_options.OutputEncoding), _options.CommitObserver));
                if ((_options.Formats & ResultFormats.Xlsx) != 0)
                {
                    sinks.Add(new XlsxResultSink(files.Files, _options.XlsxRowsPerSheet));
                }

                sinks.AddRange(_options.Sinks);
            }

            _sinks = sinks;
            _errors = new ErrorLog(files?.OpenErrors());
            _errors.Start();

            Stage("党组织索引", IndexOrganisations);
            var run = DescribeRun(clock);
            foreach (var sink in sinks)
            {
                sink.Begin(run);
            }

            PrepareExplanation();
            Stage("上年结果", () => ReadLastYear(run));
            Stage("领导班子", GradeTeams);
            Stage("党员", GradeMembers);
            GroupMembers();
            if (_org.HasBatchRules)
            {
                Stage("党组织排名", () => GradeOrganisations(finalPass: false));
                ApplyBatchRules();
            }

            Stage("党组织", () => GradeOrganisations(finalPass: true));
            var summary = BuildSummary();
            foreach (var file in summary.Files)
            {
                BatchLog.File(log, file);
            }

            foreach (var sink in sinks)
            {
                sink.Complete(summary);
            }

            _cancellation.ThrowIfCancellationRequested();
            foreach (var sink in sinks.Skip(1).Append(files).OfType<IResultSink>())
            {
                sink.Commit(); // the files last: a store that cannot commit leaves the earlier result files
            }

            if (outputFolder is not null)
            {
                BatchLog.Commit(log, outputFolder, clock.Elapsed);
            }

            return (summary, explainId is null ? null : BuildExplanation());
        }
        finally
        {
            foreach (var sink in sinks)
            {
                sink.Dispose();
            }
        }
    }

    /// <summary>Opens every sink's writer of one kind's rows.</summary>
    private IResultRows[] OpenSinks(ResultTable table) =>
        _sinks.Select(s => s.Open(table)).OfType<IResultRows>().ToArray();

    /// <summary>What the run is, for the sinks: dates, province, engine, schemes and a fingerprint of every input.</summary>
    private RunDescription DescribeRun(Stopwatch clock)
    {
        var started = DateTimeOffset.Now - clock.Elapsed;
        var province = _groupColumns.Count > 0 && _options.RegionLevels.Count > 0 && _groupValues[0].Count == 1 ? _groupValues[0][0] : string.Empty;
        var inputs = new List<InputFingerprint>();
        void Add(string kind, string? path)
        {
            if (path is not null)
            {
                inputs.Add(_options.Input?.Fingerprint(kind, path) ?? InputFingerprints.Of(kind, path));
            }
        }

        Add("党组织", _files.Organisations);
        Add("领导班子", _files.Teams);
        Add("党员", _files.Members);
        Add("上年结果", _files.LastYear);
        return new RunDescription(
            started,
            _options.GradingDate ?? DateOnly.FromDateTime(started.LocalDateTime),
            province,
            _grader.OrganisationScheme.BackEnd.Name,
            [
                new SchemeUsed("党组织", _grader.OrganisationScheme.Id, _grader.OrganisationScheme.Version),
                new SchemeUsed("党员", _grader.MemberScheme.Id, _grader.MemberScheme.Version),
                new SchemeUsed("领导班子", _grader.TeamScheme.Id, _grader.TeamScheme.Version),
            ],
            inputs,
            _options.RegionLevels);
    }


    private RecordFileReader Open(string path) => _options.Input is { } input
        ? input.Open(path, new RecordFileOptions { Encoding = _options.InputEncoding })
        : RecordFileReader.Open(path, new RecordFileOptions { Encoding = _options.InputEncoding });

    /// <summary>How errors.csv and the summary name an input: its file name, and a workbook's sheet too.</summary>
    private string FileName(string path) =>
        _options.Input is null && GradingEngine.Batch.Input.XlsxRecordStream.IsWorkbook(path) ? GradingEngine.Batch.Input.XlsxRecordStream.Describe(path) : Path.GetFileName(path);

    private void Report(string stage, long rows, RecordFileReader reader) =>
        _options.Progress?.Report(new BatchProgress(stage, rows, reader.Position, reader.Length));

    /// <summary>The field of <paramref name="record"/> in <paramref name="column"/>, trimmed; empty when absent.</summary>
    internal static ReadOnlySpan<char> FieldIn(RecordBlock block, int record, int column)
    {
        if (column < 0)
        {
            return default;
        }

        var count = block.FieldCount(record);
        if (column < count && block.ColumnOf(record, column) == column)
        {
            return block.Field(record, column).Trim();
        }

        for (var f = 0; f < count; f++)
        {
            if (block.ColumnOf(record, f) == column)
            {
                return block.Field(record, f).Trim();
            }
        }

        return default;
    }

    /// <summary>Column maps per header snapshot: one for a CSV file, one per new set of names in JSON Lines.</summary>
    private sealed class ColumnMaps(CheckedScheme plan, FileConventions conventions)
    {
        private readonly Dictionary<IReadOnlyList<string>, ColumnMap> _maps = new(ReferenceEqualityComparer.Instance);
        private readonly Lock _lock = new();

        public ColumnMap For(RecordBlock block)
        {
            lock (_lock)
            {
                if (!_maps.TryGetValue(block.Columns, out var map))
                {
                    _maps[block.Columns] = map = ColumnMap.Build(plan, block.Columns, conventions);
                }

                return map;
            }
        }

        public List<string> Warnings()
        {
            lock (_lock)
            {
                return _maps.Values.SelectMany(m => m.Warnings).Distinct().ToList();
            }
        }
    }

    /// <summary>Checks every file's columns before anything is graded or written.</summary>
    private void CheckHeaders()
    {
        using (var reader = Open(_files.Organisations))
        {
            CheckHeader(reader, _org, FileConventions.Organisations(_groupColumns), [.. RankingGroups, "组织编号"]);
        }

        using (var reader = Open(_files.Teams))
        {
            CheckHeader(reader, _team, FileConventions.Teams, "组织编号");
        }

        using (var reader = Open(_files.Members))
        {
            CheckHeader(reader, _member, FileConventions.Members, "组织编号");
        }
    }

    /// <summary>Checks a CSV header before any row is graded: every required input must have a column.</summary>
    private static void CheckHeader(RecordFileReader reader, CheckedScheme plan, FileConventions conventions, params string[] requiredColumns)
    {
        if (reader.Format != RecordFormat.Csv)
        {
            return; // JSON Lines has no header: each row's names are checked as it is bound
        }

        var map = ColumnMap.Build(plan, reader.Header, conventions);

        var problems = new List<string>();
        if (map.MissingRequired.Count > 0)
        {
            problems.Add($"缺少必需的列：{string.Join("、", map.MissingRequired)} (required columns missing)");
        }

        foreach (var column in requiredColumns)
        {
            if (!reader.Header.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"缺少列“{column}” (column '{column}' missing)");
            }
        }

        if (problems.Count > 0)
        {
            throw new BatchInputException($"{reader.Name} 第 1 行（表头）：{string.Join("；", problems)}。表头为：{string.Join(",", reader.Header)}");
        }
    }
}
