using GradingEngine.Batch.Summary;
using GradingEngine.Facts;

namespace GradingEngine.Batch.Output;

/// <summary>
/// An output of a province run: the result files (<see cref="ResultFileSink"/>), the results store, a spreadsheet, a
/// report. A run tells each of its sinks, in this order: <see cref="Begin"/> (what the run is), <see cref="Open"/> for
/// each kind of subject just before its rows (teams, members, organisations), every graded row of that kind in output
/// order through the blocks it hands out, <see cref="Complete"/> with the summary, and <see cref="Commit"/> once every
/// sink is complete. A sink disposed without <see cref="Commit"/> (a failed, cancelled or killed run) must leave what
/// it writes to as it was before the run, or in a state no reader takes for a complete run.
/// </summary>
/// <remarks>
/// Rows are handed over in two steps, so that the costly part runs on every core and the order stays the file's:
/// a grading worker formats a row into an <see cref="IResultBlock"/> (<see cref="IResultBlock.Add"/>), and the one
/// thread that commits blocks in file order then has the block write a run of its rows (<see cref="IResultBlock.Write"/>).
/// A sink is used by one run only.
/// </remarks>
internal interface IResultSink : IDisposable
{
    /// <summary>Called once, after the organisations are indexed and before any row is graded.</summary>
    void Begin(RunDescription run);

    /// <summary>The writer of one kind's rows, or null when the sink takes none of that kind.</summary>
    IResultRows? Open(ResultTable table);

    /// <summary>Every row has been written: the run's summary (files reconciled, counts, batch rules).</summary>
    void Complete(BatchSummary summary);

    /// <summary>Makes the run's output the current one, all at once.</summary>
    void Commit();
}

/// <summary>The rows of one kind of subject, written by blocks.</summary>
internal interface IResultRows
{
    /// <summary>A block to format rows into; a run keeps one per block of input in flight and reuses it.</summary>
    IResultBlock NewBlock();
}

/// <summary>
/// The rows of one block of input, by record number: each record is either added (graded) or skipped, in order;
/// then runs of them are written in file order.
/// </summary>
internal interface IResultBlock
{
    /// <summary>Forgets the rows of the previous block.</summary>
    void Clear();

    /// <summary>Formats the next record's row (on a grading worker).</summary>
    void Add(in GradedRow row);

    /// <summary>Records that the next record has no row.</summary>
    void Skip();

    /// <summary>Skips records until <paramref name="records"/> are recorded.</summary>
    void SkipTo(int records);

    /// <summary>Writes the rows of records <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), on the committing thread.</summary>
    void Write(int from, int to);
}

/// <summary>The kinds of graded subject, in the order their rows are written.</summary>
internal enum ResultKind
{
    /// <summary>领导班子: a leadership team, one per organisation.</summary>
    Team = 1,

    /// <summary>党员: a member.</summary>
    Member = 2,

    /// <summary>党组织: an organisation.</summary>
    Organisation = 3,
}

/// <summary>One kind's results: its name (<c>organisations</c>, <c>teams</c>, <c>members</c>), the scheme's columns.</summary>
/// <param name="Kind">The kind of subject.</param>
/// <param name="Name">The name of its results (the file name without extension).</param>
/// <param name="Formatter">Level, total, items, flags and measures of a graded frame.</param>
/// <param name="HasQuota">Whether rows carry a quota note (名额调整): organisations, and members when the member scheme has quotas.</param>
/// <param name="RegionLevels">The region columns (省, 市, 县) organisations carry.</param>
internal sealed record ResultTable(ResultKind Kind, string Name, ResultFormatter Formatter, bool HasQuota, IReadOnlyList<string> RegionLevels)
{
    /// <summary>The Chinese name of the kind.</summary>
    public string Label => Kind switch { ResultKind.Team => "领导班子", ResultKind.Member => "党员", _ => "党组织" };
}

/// <summary>
/// One graded subject as every sink sees it: its ids, the graded frame (level, total, items, flags, measures through
/// <see cref="ResultTable.Formatter"/>) and what the batch added (quota, bottom ranking, last year). Valid only during
/// <see cref="IResultBlock.Add"/>.
/// </summary>
internal readonly ref struct GradedRow
{
    /// <summary>The subject's id: 党员编号 of a member, 组织编号 of a team or an organisation.</summary>
    public ReadOnlySpan<char> Id { get; init; }

    /// <summary>The organisation's 组织编号 (of a member or a team; an organisation's own).</summary>
    public ReadOnlySpan<char> Organisation { get; init; }

    /// <summary>组织名称 (organisations only).</summary>
    public ReadOnlySpan<char> Name { get; init; }

    /// <summary>The region values, one per <see cref="ResultTable.RegionLevels"/> (organisations only).</summary>
    public ReadOnlySpan<string> Region { get; init; }

    /// <summary>The graded frame.</summary>
    public FactFrame Frame { get; init; }

    /// <summary>
    /// 总分 and each item's score as the result files write them, separated by commas
    /// (<see cref="ResultFormatter.AppendScores"/>), formatted once for every output; empty when not given, and each
    /// output formats them from <see cref="Frame"/>.
    /// </summary>
    public ReadOnlySpan<char> Scores { get; init; }

    /// <summary>名额调整: why a quota moved the subject down; null when it did not.</summary>
    public string? Quota { get; init; }

    /// <summary>The flag a bottom ranking gave (organisations); null when none.</summary>
    public string? BottomFlag { get; init; }

    /// <summary>末位排名: the bottom ranking's note; null when none.</summary>
    public string? BottomNote { get; init; }

    /// <summary>上年等级: last year's level label; empty when unknown.</summary>
    public string LastYear { get; init; }

    /// <summary>升降: 升级, 持平 or 降级; empty when there is nothing to compare.</summary>
    public string Change { get; init; }
}

/// <summary>What a run is, told to every sink before any row.</summary>
/// <param name="Started">When the run started.</param>
/// <param name="GradingDate">The grading date.</param>
/// <param name="Province">The province graded: the one value of the first region column (省) when the organisations share one, else empty.</param>
/// <param name="Engine">The back end that grades (plan, nrules).</param>
/// <param name="Schemes">The schemes, organisation first, then members', then teams'.</param>
/// <param name="Inputs">A fingerprint of each input.</param>
/// <param name="RegionLevels">The region columns.</param>
internal sealed record RunDescription(
    DateTimeOffset Started,
    DateOnly GradingDate,
    string Province,
    string Engine,
    IReadOnlyList<SchemeUsed> Schemes,
    IReadOnlyList<InputFingerprint> Inputs,
    IReadOnlyList<string> RegionLevels);

/// <summary>A scheme a run grades with.</summary>
/// <param name="Kind">党组织, 党员 or 领导班子.</param>
/// <param name="Id">The scheme's id.</param>
/// <param name="Version">The scheme's version.</param>
internal sealed record SchemeUsed(string Kind, string Id, string Version);

/// <summary>An input of a run and what tells its contents apart.</summary>
/// <param name="Kind">党组织, 领导班子, 党员 or 上年结果.</param>
/// <param name="Source">The file's path (or the table).</param>
/// <param name="Length">Its size in bytes (-1 when unknown).</param>
/// <param name="Fingerprint">SHA-256 of its length, first and last 64 KiB (hex), or the table's row count.</param>
internal sealed record InputFingerprint(string Kind, string Source, long Length, string Fingerprint);
