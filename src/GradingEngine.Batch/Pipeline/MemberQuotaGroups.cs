using GradingEngine.BackEnds;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The member scheme's quotas applied while the members are graded, in one pass, when the members file lists each
/// organisation's members together (<see cref="MemberOrder"/>): the committing thread gathers an organisation's
/// accepted members, and when the next organisation's first member comes (or the file ends) ranks them, grades the
/// few a quota moves down again with their cap, and only then writes and keeps them. Rows after the open group's
/// first member wait in their blocks, which the pipeline does not reuse until they are written.
/// </summary>
/// <remarks>
/// The moves, notes and counts are those of <see cref="MemberQuotaStage"/> (the ranking pass that the members stage
/// needs when the members of an organisation are spread over the file): the same levels and keys, ranked by
/// <see cref="MemberQuotas.Apply"/> over the same members in the same order.
/// </remarks>
internal sealed class MemberQuotaGroups
{
    private readonly CheckedScheme _scheme;
    private readonly SubjectPass _stage;
    private readonly bool[] _quotaLevels; // by level: whether a quota limits it
    private readonly IResultBlock[] _spare;
    private readonly SubjectWorker _worker;
    private readonly RowBinder _binder;
    private readonly int _imposedCap;
    private readonly int _width;
    private readonly List<Slot> _slots;
    private readonly MemberQuotaTally _tally;
    private readonly List<(SubjectWork Work, int Record)> _group = [];
    private readonly List<int> _candidates = [];
    private readonly List<Held> _held = [];
    private int _ordinal = -1;
    private int _graded;
    private int _spareRows;

    public MemberQuotaGroups(CheckedScheme scheme, SubjectPass stage, IResultRows[] outputs, SchemeEngine engine)
    {
        _scheme = scheme;
        _stage = stage;
        _quotaLevels = new bool[scheme.Levels.Count];
        foreach (var quota in scheme.Quotas)
        {
            _quotaLevels[quota.LevelOrdinal] = true;
        }

        _spare = [.. outputs.Select(o => o.NewBlock())];
        _binder = new RowBinder(engine.Model);
        _worker = new SubjectWorker(engine, _binder);
        _imposedCap = engine.Model.ImposedCap.Index;
        _slots = [.. stage.RankSlots];
        _width = _slots.Count;
        _tally = new MemberQuotaTally(scheme);
    }

    /// <summary>The rank keys every row's values are kept of: each slot once, in the order the quotas name them.</summary>
    public static List<Slot> RankSlots(CheckedScheme scheme)
    {
        var slots = new List<Slot>();
        foreach (var key in scheme.Quotas.SelectMany(q => q.RankBy))
        {
            if (!slots.Contains(key.Slot))
            {
                slots.Add(key.Slot);
            }
        }

        return slots;
    }

    /// <summary>Keeps and writes an accepted member once its organisation's quotas are applied.</summary>
    public Action<SubjectWork, int>? Accept { get; set; }

    /// <summary>A block the committing thread starts on; it is held until every row of it is written.</summary>
    public void Begin(SubjectWork work) => _held.Add(new Held(work));

    /// <summary>A row the committing thread rejected (a duplicate id): its row, formatted by the worker, is never written.</summary>
    public void Reject(SubjectWork work, int record) => _held[^1].Overrides.Add((record, -1));

    /// <summary>An accepted member, in file order.</summary>
    public void Add(SubjectWork work, int record)
    {
        var ordinal = work.Ordinal[record];
        if (ordinal != _ordinal)
        {
            Close();
            WriteBefore(work, record);
            _ordinal = ordinal;
        }

        _group.Add((work, record));
    }

    /// <summary>
    /// The end of a block: writes every row before the open organisation's first member; returns the blocks now
    /// written in full, which the pipeline may reuse.
    /// </summary>
    public List<SubjectWork> End(SubjectWork work)
    {
        if (_group.Count > 0)
        {
            WriteBefore(_group[0].Work, _group[0].Record);
        }
        else
        {
            WriteBefore(work, work.Block.Count);
        }

        return Release();
    }

    /// <summary>The end of the file: the last organisation's quotas, every row written; the quotas' summaries.</summary>
    public void Finish(List<BatchRuleSummary> summaries)
    {
        Close();
        if (_held.Count > 0)
        {
            var last = _held[^1].Work;
            WriteBefore(last, last.Block.Count);
        }

        Release();
        _tally.Summarise(summaries);
    }

    /// <summary>Ranks the open organisation's members, grades the moved ones again with their cap, and keeps them all.</summary>
    private void Close()
    {
        if (_group.Count == 0)
        {
            return;
        }

        _graded = 0;
        _candidates.Clear();
        for (var m = 0; m < _group.Count; m++)
        {
            var (work, record) = _group[m];
            var level = work.Level[record];
            if (level < 0)
            {
                continue; // withheld (预备党员): takes part, is not counted in the base, cannot be moved
            }

            _graded++;
            if (_quotaLevels[level])
            {
                _candidates.Add(m);
            }
        }

        _tally.Organisation(_graded);
        if (_candidates.Count > 0)
        {
            var levels = new int[_candidates.Count];
            for (var c = 0; c < levels.Length; c++)
            {
                var (work, record) = _group[_candidates[c]];
                levels[c] = work.Level[record];
            }

            var found = MemberQuotas.Apply(_scheme, levels, _graded, (c, key) => Key(_candidates[c], key.Slot));
            if (found is not null)
            {
                Move(found);
            }
        }

        foreach (var (work, record) in _group)
        {
            Accept!(work, record);
        }

        _group.Clear();
    }

    private double Key(int member, Slot slot)
    {
        var (work, record) = _group[member];
        return work.Keys[(record * _width) + _slots.IndexOf(slot)];
    }

    /// <summary>Grades each moved member again with the level its quotas left it, and formats its row beside its block's.</summary>
    private void Move(List<MemberQuotas.Move> found)
    {
        var moves = new Dictionary<int, (int Cap, string? Note)>();
        _tally.Add(found, c => _candidates[c], moves);

        foreach (var (member, (cap, note)) in moves.OrderBy(m => m.Key))
        {
            var (work, record) = _group[member];
            var block = work.Block;
            var map = work.Map!;
            var frame = _worker.Frames[0];
            _worker.Problems.Clear();
            if (!_binder.Bind(block, record, map, frame, _worker.Scratch, _worker.Problems))
            {
                throw new InvalidOperationException($"The member at line {block.LineOf(record)} bound once and not again.");
            }

            frame.Numbers[_imposedCap] = cap;
            _worker.Evaluator.Evaluate(frame, withMessages: _stage.Measures);
            frame.Numbers[_imposedCap] = 0;
            _stage.Store.Capture(frame, work.Rows[record]);
            work.Level[record] = (int)frame.Numbers[_scheme.Level.Index];
            var flags = _scheme.Flags.Count;
            for (var f = 0; f < flags; f++)
            {
                work.Flags[(record * flags) + f] = frame.Booleans[_scheme.Flags[f].Slot.Index];
            }

            var row = new GradedRow
            {
                Id = RunContext.FieldIn(block, record, map.SubjectIdColumn),
                Organisation = RunContext.FieldIn(block, record, map.OrganisationColumn),
                Frame = frame,
                Quota = note,
                LastYear = string.Empty,
                Change = string.Empty,
            };
            foreach (var output in _spare)
            {
                output.Add(row);
            }

            _held.First(h => h.Work == work).Overrides.Add((record, _spareRows++));
        }
    }

    /// <summary>
    /// Writes the held rows up to <paramref name="record"/> of <paramref name="work"/> (exclusive): a moved member's
    /// row in place of its first grading's, a rejected row's not at all.
    /// </summary>
    private void WriteBefore(SubjectWork work, int record)
    {
        foreach (var held in _held)
        {
            var end = held.Work == work ? record : held.Work.Block.Count;
            held.Overrides.Sort();
            while (held.NextOverride < held.Overrides.Count && held.Overrides[held.NextOverride].Record < end)
            {
                var (moved, spareRow) = held.Overrides[held.NextOverride++];
                Write(held.Work, held.Written, moved);
                if (spareRow >= 0)
                {
                    foreach (var output in _spare)
                    {
                        output.Write(spareRow, spareRow + 1);
                    }
                }

                held.Written = moved + 1;
            }

            Write(held.Work, held.Written, end);
            held.Written = Math.Max(held.Written, end);
            if (held.Work == work)
            {
                break;
            }
        }
    }

    private static void Write(SubjectWork work, int from, int to)
    {
        if (to > from)
        {
            foreach (var output in work.Outputs)
            {
                output.Write(from, to);
            }
        }
    }

    /// <summary>The held blocks written in full, taken off the list; the spare rows cleared once none waits.</summary>
    private List<SubjectWork> Release()
    {
        var released = new List<SubjectWork>();
        while (_held.Count > 0 && _held[0].Written >= _held[0].Work.Block.Count)
        {
            released.Add(_held[0].Work);
            _held.RemoveAt(0);
        }

        if (_held.All(h => h.NextOverride == h.Overrides.Count))
        {
            foreach (var output in _spare)
            {
                output.Clear();
            }

            _spareRows = 0;
        }

        return released;
    }

    private sealed class Held(SubjectWork work)
    {
        public SubjectWork Work { get; } = work;

        public int Written { get; set; }

        public List<(int Record, int SpareRow)> Overrides { get; } = [];

        public int NextOverride { get; set; }
    }
}
