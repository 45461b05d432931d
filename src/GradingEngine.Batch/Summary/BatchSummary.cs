namespace GradingEngine.Batch.Summary;

/// <summary>
/// What a batch run did: rows read, graded and rejected per file (they always reconcile), counts per level for each
/// kind of subject, counts and shares per level for each region, what the batch-level rules changed, and the year
/// over year comparison. Holds no timings, so the same input gives the same summary on any number of threads.
/// </summary>
/// <param name="SchemeId">The organisation scheme.</param>
/// <param name="SchemeVersion">Its version.</param>
/// <param name="Files">One entry per input file.</param>
/// <param name="Kinds">Per kind of subject (党组织, 领导班子, 党员).</param>
/// <param name="Regions">Organisations per region, the province first, each region followed by the regions in it.</param>
/// <param name="BatchRules">What each quota and bottom ranking did.</param>
/// <param name="YearOverYear">The comparison with last year, when last year's results were given.</param>
public sealed record BatchSummary(
    string SchemeId,
    string SchemeVersion,
    IReadOnlyList<FileSummary> Files,
    IReadOnlyList<KindSummary> Kinds,
    IReadOnlyList<RegionSummary> Regions,
    IReadOnlyList<BatchRuleSummary> BatchRules,
    YearOverYearSummary? YearOverYear);

/// <summary>
/// One input file: every row read was either graded or rejected (and written to the errors file), and every physical
/// line of the file is accounted for: the header, a blank line, the first line of a row, or a line that continues a
/// row (inside a quoted CSV field that holds line breaks).
/// </summary>
/// <param name="Kind">党组织, 领导班子, 党员 or 上年结果.</param>
/// <param name="File">The file's path.</param>
/// <param name="Encoding">The encoding it was read with.</param>
/// <param name="RowsRead">Data rows read (the header and blank lines not counted).</param>
/// <param name="Graded">Rows graded (for last year's results: rows used).</param>
/// <param name="Rejected">Rows rejected, each reported in the errors file.</param>
/// <param name="BlankLines">Blank lines skipped.</param>
/// <param name="Lines">The file's physical lines (line feeds, plus a last line without one), counted as the file is decoded, apart from how it is split into rows.</param>
/// <param name="HeaderLines">1 for a CSV file's header, 0 for JSON Lines.</param>
/// <param name="ContinuationLines">Lines that continue a row: the second and later lines of rows whose quoted fields hold line breaks.</param>
/// <param name="Warnings">Problems with the file's columns that did not stop the run.</param>
public sealed record FileSummary(
    string Kind,
    string File,
    string Encoding,
    long RowsRead,
    long Graded,
    long Rejected,
    long BlankLines,
    long Lines,
    long HeaderLines,
    long ContinuationLines,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// True when rows read = graded + rejected, and lines = header + blank lines + rows read + continuation lines
    /// (no line was lost or counted twice).
    /// </summary>
    public bool Reconciles => RowsRead == Graded + Rejected && Lines == HeaderLines + BlankLines + RowsRead + ContinuationLines;
}

/// <summary>A count and its share of the whole.</summary>
/// <param name="Label">The level's or flag's Chinese label.</param>
/// <param name="Count">How many.</param>
/// <param name="Share">Count divided by the subjects counted, rounded to 4 places.</param>
public sealed record LevelCount(string Label, long Count, double Share);

/// <summary>The results of one kind of subject.</summary>
/// <param name="Kind">党组织, 领导班子 or 党员.</param>
/// <param name="SchemeId">The scheme that graded them.</param>
/// <param name="SchemeVersion">The version of that scheme (the one in force on the run's grading date).</param>
/// <param name="Graded">Subjects graded.</param>
/// <param name="Levels">Count per level, best first; 不评定 last when the scheme withholds levels.</param>
/// <param name="Flags">Count per flag raised.</param>
public sealed record KindSummary(string Kind, string SchemeId, string SchemeVersion, long Graded, IReadOnlyList<LevelCount> Levels, IReadOnlyList<LevelCount> Flags);

/// <summary>Organisations of one region.</summary>
/// <param name="Path">The region's path, e.g. 示例省/青山市/东湖区.</param>
/// <param name="Name">The region's own name.</param>
/// <param name="Depth">0 for the whole run, 1 for the first region level (省) …</param>
/// <param name="Organisations">Organisations graded.</param>
/// <param name="Levels">Count and share per level.</param>
/// <param name="QuotaMoved">Organisations a quota moved down.</param>
/// <param name="BottomMarked">Organisations a bottom ranking marked.</param>
/// <param name="YearOverYear">The region's comparison with last year.</param>
public sealed record RegionSummary(
    string Path,
    string Name,
    int Depth,
    long Organisations,
    IReadOnlyList<LevelCount> Levels,
    long QuotaMoved,
    long BottomMarked,
    TransitionSummary? YearOverYear);

/// <summary>What one batch-level rule did.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Kind">名额 (a quota) or 末位排名 (a bottom ranking).</param>
/// <param name="Description">What the scheme says it is.</param>
/// <param name="Groups">Groups ranked.</param>
/// <param name="Affected">Organisations moved down (名额), members moved down (党员名额, groups being organisations) or organisations marked (末位排名).</param>
public sealed record BatchRuleSummary(string Id, string Kind, string Description, long Groups, long Affected);

/// <summary>The comparison with last year for the whole run.</summary>
/// <param name="LastYearFile">Last year's results file.</param>
/// <param name="Totals">The transition counts over all regions.</param>
public sealed record YearOverYearSummary(string LastYearFile, TransitionSummary Totals);

/// <summary>升级 / 持平 / 降级 counts and the transition matrix.</summary>
/// <param name="Compared">Organisations graded this year that have a level last year.</param>
/// <param name="Upgraded">升级: a better level than last year.</param>
/// <param name="Same">持平.</param>
/// <param name="Downgraded">降级.</param>
/// <param name="New">Organisations with no result last year.</param>
/// <param name="BottomLastYear">Organisations at the lowest level last year (三类).</param>
/// <param name="BottomMovedUp">Of those, how many moved up.</param>
/// <param name="Levels">The level labels, best first: the rows (last year) and columns (this year) of the matrix.</param>
/// <param name="Matrix">Matrix[last][this]: organisations at each pair of levels.</param>
public sealed record TransitionSummary(
    long Compared,
    long Upgraded,
    long Same,
    long Downgraded,
    long New,
    long BottomLastYear,
    long BottomMovedUp,
    IReadOnlyList<string> Levels,
    IReadOnlyList<IReadOnlyList<long>> Matrix);
