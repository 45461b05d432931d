using GradingEngine.BackEnds;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>A block of member or team rows and what the workers made of it.</summary>
internal sealed class SubjectWork(RecordBlock block, SlotStore store, int flags, IResultRows[] outputs)
{
    public readonly RecordBlock Block = block;
    public readonly IResultBlock[] Outputs = [.. outputs.Select(o => o.NewBlock())];
    public readonly List<(int Record, CellProblem Problem)> Problems = [];
    public int[] Ordinal = [];
    public int[] Level = [];
    public bool[] Bad = [];
    public bool[] Flags = [];
    public SlotStore.Row[] Rows = [];
    public IdFirstLines.Fingerprint[] Ids = [];
    public double[] Keys = [];
    public ColumnMap? Map;

    /// <summary>The row being recorded: its scores as the outputs write them (<see cref="GradedRow.Scores"/>).</summary>
    public readonly CharBuffer Scores = new();

    public void Prepare(int keys)
    {
        var n = Block.Count;
        if (Bad.Length < n)
        {
            Keys = new double[n * keys];
            Ordinal = new int[n];
            Level = new int[n];
            Bad = new bool[n];
            Flags = new bool[n * flags];
            Ids = new IdFirstLines.Fingerprint[n];
            var rows = new SlotStore.Row[n];
            Array.Copy(Rows, rows, Rows.Length);
            for (var i = Rows.Length; i < n; i++)
            {
                rows[i] = store.NewRow();
            }

            Rows = rows;
        }

        foreach (var output in Outputs)
        {
            output.Clear();
        }

        Problems.Clear();
    }
}

/// <summary>Per-worker scratch for grading one kind of subject.</summary>
internal sealed class SubjectWorker
{
    public SubjectWorker(SchemeEngine engine, RowBinder binder)
    {
        Evaluator = engine.CreateEvaluator();
        Frames = new FactFrame[Math.Max(1, Evaluator.PreferredBatch)];
        for (var i = 0; i < Frames.Length; i++)
        {
            Frames[i] = engine.Model.Layout.NewFrame();
        }

        Rows = new int[Frames.Length];
        Scratch = binder.NewScratch();
    }

    public readonly FrameEvaluator Evaluator;

    /// <summary>Frames for rows graded together: as many as the evaluator takes at once.</summary>
    public readonly FactFrame[] Frames;

    /// <summary>The block's row bound into each of <see cref="Frames"/>.</summary>
    public readonly int[] Rows;
    public readonly RowBinder.Scratch Scratch;
    public readonly List<CellProblem> Problems = [];

    private char[] _lastOrganisation = new char[32];
    private int _lastLength = -1;
    private int _lastOrdinal = -1;

    /// <summary>
    /// <see cref="OrganisationIndex.OrdinalOf"/>, asked only when the organisation is not the last row's: the rows of a
    /// file exported by organisation mostly name the one before's.
    /// </summary>
    public int OrdinalOf(OrganisationIndex index, ReadOnlySpan<char> organisation)
    {
        if (_lastLength >= 0 && organisation.SequenceEqual(_lastOrganisation.AsSpan(0, _lastLength)))
        {
            return _lastOrdinal;
        }

        var ordinal = index.OrdinalOf(organisation);
        if (_lastOrganisation.Length < organisation.Length)
        {
            _lastOrganisation = new char[organisation.Length * 2];
        }

        organisation.CopyTo(_lastOrganisation);
        (_lastLength, _lastOrdinal) = (organisation.Length, ordinal);
        return ordinal;
    }
}

/// <summary>
/// What differs between the members and the teams stage. Teams (<c>OnePerOrganisation</c>): a row's id is its
/// organisation's. Members (<c>FingerprintIds</c>): the workers fingerprint each id for <see cref="IdFirstLines"/>.
/// With quotas in the member scheme the members are graded twice: a ranking pass (<c>Ranking</c> set: nothing
/// written, counted or reported, each accepted row handed to it with its level and <c>RankSlots</c>' values), then
/// the pass that writes, where <c>Moves</c> (by line) gives the level a quota left a row and the note saying why;
/// or, when each organisation's members lie together in the file, once, with the quotas applied as each organisation's
/// members are committed (<c>QuotasInPass</c>).
/// </summary>
internal sealed record SubjectPass(
    string Kind,
    string Path,
    ResultKind Result,
    string OutputName,
    SchemeEngine Engine,
    FileConventions Conventions,
    SlotStore Store,
    KindCounts Counts,
    bool OnePerOrganisation,
    bool FingerprintIds)
{
    public Action<SubjectWork, int>? Ranking { get; init; }
    public IReadOnlyList<Slot> RankSlots { get; init; } = [];
    public IReadOnlyDictionary<long, (int Cap, string? Note)>? Moves { get; init; }

    /// <summary>Whether the member scheme's quotas are applied in this pass itself (<see cref="MemberQuotaGroups"/>: the file lists each organisation's members together).</summary>
    public bool QuotasInPass { get; init; }

    /// <summary>Whether the rows carry their measures (措施): when false they are graded without measure texts and written without them.</summary>
    public bool Measures { get; init; } = true;
}

/// <summary>
/// Called in file order for every well-formed row with an id, graded or not: claims the id for the row, or, when an
/// earlier row claimed it, returns the problem that rejects this one as a duplicate.
/// </summary>
internal delegate CellProblem? ClaimId(RecordFileReader reader, SubjectWork work, int record, ReadOnlySpan<char> id, long line);
