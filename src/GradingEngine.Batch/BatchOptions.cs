using System.Text;
using GradingEngine.Batch.Output;

namespace GradingEngine.Batch;

/// <summary>The data files of one run: organisations, their leadership teams and their members, and optionally last year's results.</summary>
/// <param name="Organisations">One row per organisation: 组织编号, region columns (省, 市, 县), the organisation scheme's inputs.</param>
/// <param name="Teams">One row per leadership team: 组织编号 and the team scheme's inputs.</param>
/// <param name="Members">One row per member: 党员编号, 组织编号 and the member scheme's inputs.</param>
public sealed record ProvinceFiles(string Organisations, string Teams, string Members)
{
    /// <summary>Last year's organisation results (组织编号, 等级), for 升级/持平/降级; optional.</summary>
    public string? LastYear { get; init; }

    /// <summary>
    /// The files of a folder: <c>organisations</c>, <c>teams</c>, <c>members</c> and, if present, <c>last-year</c>,
    /// each as <c>.csv</c>, <c>.jsonl</c> or <c>.xlsx</c> (a workbook whose first sheet holds the rows, headers first).
    /// </summary>
    /// <exception cref="FileNotFoundException">A required file is missing.</exception>
    public static ProvinceFiles InFolder(string folder)
    {
        string? Find(string name, bool required)
        {
            foreach (var extension in new[] { ".csv", ".jsonl", ".ndjson", ".xlsx" })
            {
                var path = Path.Combine(folder, name + extension);
                if (File.Exists(path))
                {
                    return path;
                }
            }

            return required
                ? throw new FileNotFoundException($"文件夹“{folder}”中没有 {name}.csv、{name}.jsonl 或 {name}.xlsx ({name}.csv, {name}.jsonl or {name}.xlsx not found in '{folder}')", Path.Combine(folder, name + ".csv"))
                : null;
        }

        return new ProvinceFiles(Find("organisations", true)!, Find("teams", true)!, Find("members", true)!) { LastYear = Find("last-year", false) };
    }

    /// <summary>Every file the run reads: organisations, teams, members and last year's results if given.</summary>
    public IEnumerable<string> All => LastYear is null ? [Organisations, Teams, Members] : [Organisations, Teams, Members, LastYear];

    /// <summary>
    /// Checks that results written into <paramref name="outputFolder"/> cannot overwrite, remove or mix with one of
    /// these files: the folder must not hold any of them (nor be one). Paths are compared as the file system sees
    /// them (full paths, symbolic links resolved, letter case as the file system treats it).
    /// <see cref="ProvinceGrader.Grade"/> checks this before reading anything.
    /// </summary>
    /// <exception cref="BatchOutputConflictException">The folder holds or is one of the files.</exception>
    public void CheckOutputFolder(string outputFolder) => OutputGuard.Check(outputFolder, All);
}

/// <summary>Which result files to write.</summary>
[Flags]
public enum ResultFormats
{
    /// <summary>CSV (UTF-8 with a byte-order mark, which office software needs to show Chinese).</summary>
    Csv = 1,
    /// <summary>JSON Lines (UTF-8).</summary>
    JsonLines = 2,
    /// <summary>
    /// One spreadsheet, <c>results.xlsx</c>: a sheet per kind (党组织, 领导班子, 党员) with the CSV's Chinese headers,
    /// the header row frozen, totals and item scores as number cells and every other cell as text (never a formula).
    /// </summary>
    Xlsx = 4,
}

/// <summary>Options for a batch run.</summary>
public sealed record BatchOptions
{
    /// <summary>Worker threads; defaults to every core. Results are byte-identical whatever the number.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Result files to write; CSV by default.</summary>
    public ResultFormats Formats { get; init; } = ResultFormats.Csv;

    /// <summary>The region columns of the organisations file, top down; summaries count per region at each level.</summary>
    public IReadOnlyList<string> RegionLevels { get; init; } = ["省", "市", "县"];

    /// <summary>The encoding of the input files; null detects it (UTF-8 with or without BOM, else GB18030).</summary>
    public Encoding? InputEncoding { get; init; }

    /// <summary>
    /// The encoding of the CSV results and <c>errors.csv</c>: null or UTF-8 (the default) writes UTF-8 with a byte-order
    /// mark; GB18030 (code page 54936, for older spreadsheet programs on Chinese Windows that open UTF-8 CSV as mojibake)
    /// writes GB18030 without one. GB18030 encodes every Unicode character, so nothing is replaced. JSON Lines results
    /// and <c>summary.json</c> are always UTF-8.
    /// </summary>
    /// <remarks>Any other encoding is refused with an <see cref="ArgumentException"/> when the run starts.</remarks>
    public Encoding? OutputEncoding { get; init; }

    /// <summary>
    /// Whether each member's row carries its measures (措施: the scheme's measure sentences, e.g. 全年参加组织生活26次（应28次），
    /// 参加组织生活扣2分); false by default. Organisations and teams always carry theirs. Without them <c>members.csv</c> has
    /// no 措施 column, its JSON Lines no <c>"measures"</c>, results.xlsx's 党员 sheet no 措施 column, the results store
    /// no member measures and the report no member measures list; the members are graded without building the texts.
    /// A province's members.csv is half the size (their measures were about 100 of a member row's 190 bytes, repeating
    /// what the item scores and flags already say) and the run faster. <see cref="ProvinceGrader.Explain"/>
    /// (<c>grading explain</c>) lists every member of the organisation with its measures either way.
    /// </summary>
    public bool MemberMeasures { get; init; }

    /// <summary>Receives progress: stage, rows, bytes read.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }

    /// <summary>
    /// Receives the run's log: its start (schemes, engine, threads), each stage's time, each file's rows read, graded
    /// and rejected (a warning when rows were rejected; the rows themselves are in errors.csv), and the commit.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>
    /// Collects the run's report (<see cref="Report.ProvinceReport"/>) as the rows are committed, in output order, so
    /// that it is known when the run ends without reading the results again; null (the default) collects none. Used by
    /// one run.
    /// </summary>
    public Report.ReportCollector? Report { get; init; }

    /// <summary>Test hook: told of every step of the commit of the result files (see <see cref="ICommitObserver"/>).</summary>
    internal ICommitObserver? CommitObserver { get; init; }

    /// <summary>Outputs beside the result files (the results store …), told of the run after the files are written; used by one run.</summary>
    internal IReadOnlyList<IResultSink> Sinks { get; init; } = [];

    /// <summary>Where last year's levels come from before the last-year file (the results store); null: the file only.</summary>
    internal ILastYearSource? LastYearSource { get; init; }

    /// <summary>Where the inputs are read from when they are not files (database tables); null: the files.</summary>
    internal Input.IInputSource? Input { get; init; }

    /// <summary>Test hook: the result rows a sheet of results.xlsx holds before the kind continues in the next sheet.</summary>
    internal int XlsxRowsPerSheet { get; init; } = XlsxResultSink.MaxRowsPerSheet;

    /// <summary>The grading date the run records; null: today.</summary>
    internal DateOnly? GradingDate { get; init; }

    /// <summary>Test hook: records per block of input (small blocks put an organisation's members in several).</summary>
    internal int BlockRecords { get; init; } = new Input.RecordFileOptions().BlockRecords;

    /// <summary>Test hook: rank the members for their quotas in a pass of their own even when the file lists each organisation's members together.</summary>
    internal bool RankMembersInOwnPass { get; init; }
}

/// <summary>How far a run is.</summary>
/// <param name="Stage">The stage, e.g. 党员 (members being graded).</param>
/// <param name="Rows">Rows done in this stage.</param>
/// <param name="Bytes">Bytes of the stage's file read.</param>
/// <param name="TotalBytes">The file's size, or -1 if unknown.</param>
public sealed record BatchProgress(string Stage, long Rows, long Bytes, long TotalBytes);

/// <summary>A data file cannot be graded at all (a missing required column, an unreadable file).</summary>
public sealed class BatchInputException(string message) : Exception(message);

/// <summary>
/// The output folder would overwrite, remove or mix with a file the run reads (it is the data folder, or holds last
/// year's file …). Thrown before anything is read or written.
/// </summary>
public sealed class BatchOutputConflictException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public BatchOutputConflictException(string message, string outputFolder, string inputFile)
        : base(message)
    {
        OutputFolder = outputFolder;
        InputFile = inputFile;
    }

    /// <summary>The output folder, as given.</summary>
    public string OutputFolder { get; }

    /// <summary>The input file it conflicts with, as given.</summary>
    public string InputFile { get; }
}
