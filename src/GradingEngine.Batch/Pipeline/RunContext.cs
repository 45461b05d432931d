using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// What every stage of a province run shares: the schemes, the files and options, the error log, the sinks the
/// rows go to, cancellation and progress. Holds no results of its own: each stage returns what it made.
/// </summary>
internal sealed class RunContext
{
    public RunContext(ProvinceGrader grader, ProvinceFiles files, BatchOptions options, CancellationToken cancellation)
    {
        Grader = grader;
        Files = files;
        Options = options;
        Cancellation = cancellation;
        var groups = new List<string>(options.RegionLevels);
        var organisation = grader.OrganisationScheme.Model;
        foreach (var within in organisation.Quotas.Select(q => q.Within).Concat(organisation.BottomRankings.Select(r => r.Within)))
        {
            if (!groups.Contains(within))
            {
                groups.Add(within);
            }
        }

        GroupColumns = groups;
    }

    public ProvinceGrader Grader { get; }

    public ProvinceFiles Files { get; }

    public BatchOptions Options { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The organisation scheme's checked model.</summary>
    public CheckedScheme Organisation => Grader.OrganisationScheme.Model;

    /// <summary>The team scheme's checked model.</summary>
    public CheckedScheme Team => Grader.TeamScheme.Model;

    /// <summary>The member scheme's checked model.</summary>
    public CheckedScheme Member => Grader.MemberScheme.Model;

    public int Threads => Math.Max(1, Options.Threads);

    /// <summary>The region columns, then the other columns quotas and bottom rankings group by: the organisations file must have them.</summary>
    public IReadOnlyList<string> GroupColumns { get; }

    /// <summary>The rejected rows (errors.csv); set once the result files are opened.</summary>
    public ErrorLog Errors { get; set; } = new(null);

    /// <summary>The outputs the graded rows go to.</summary>
    public IReadOnlyList<IResultSink> Sinks { get; set; } = [];

    /// <summary>The organisation being explained, when the run explains one.</summary>
    public ExplanationCapture? Explanation { get; set; }

    /// <summary>What each quota and bottom ranking did, in the order they were applied.</summary>
    public List<BatchRuleSummary> RuleSummaries { get; } = [];

    /// <summary>Opens an input with the run's encoding, through the run's input source when it has one.</summary>
    public RecordFileReader Open(string path) => Options.Input is { } input
        ? input.Open(path, new RecordFileOptions { Encoding = Options.InputEncoding, BlockRecords = Options.BlockRecords })
        : RecordFileReader.Open(path, new RecordFileOptions { Encoding = Options.InputEncoding, BlockRecords = Options.BlockRecords });

    /// <summary>How errors.csv and the summary name an input: its file name, and a workbook's sheet too.</summary>
    public string FileName(string path) =>
        Options.Input is null && XlsxRecordStream.IsWorkbook(path) ? XlsxRecordStream.Describe(path) : Path.GetFileName(path);

    public void Report(string stage, long rows, RecordFileReader reader) =>
        Options.Progress?.Report(new BatchProgress(stage, rows, reader.Position, reader.Length));

    /// <summary>Opens every sink's writer of one kind's rows.</summary>
    public IResultRows[] OpenSinks(ResultTable table) =>
        Sinks.Select(s => s.Open(table)).OfType<IResultRows>().ToArray();

    /// <summary>The field of <paramref name="record"/> in <paramref name="column"/>, trimmed; empty when absent.</summary>
    public static ReadOnlySpan<char> FieldIn(RecordBlock block, int record, int column)
    {
        if (column < 0)
        {
            return default;
        }

        var count = block.FieldCount(record);
        if (column < count && block.ColumnOf(record, column) == column)
        {
            return InputText.Trim(block.Field(record, column));
        }

        for (var f = 0; f < count; f++)
        {
            if (block.ColumnOf(record, f) == column)
            {
                return InputText.Trim(block.Field(record, f));
            }
        }

        return default;
    }
}

/// <summary>Column maps per header snapshot: one for a CSV file, one per new set of names in JSON Lines.</summary>
internal sealed class ColumnMaps(CheckedScheme plan, FileConventions conventions)
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
