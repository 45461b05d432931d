using GradingEngine.BackEnds;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Pipeline;
using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;
using GradingEngine.Facts;

namespace GradingEngine.Batch;

internal sealed partial class ProvinceRun
{
    private int[] _teamIndex = [];
    private long[] _teamLine = [];
    private SlotStore? _teamStore;
    private SlotStore? _memberStore;
    private readonly List<int> _memberOrg = [];
    private int[] _memberStart = [];
    private int[] _memberOrder = [];
    private FileSummary? _teamFile;
    private FileSummary? _memberFile;
    private KindCounts? _teamCounts;
    private KindCounts? _memberCounts;

    // Organisation results.
    private bool[] _orgRejectedEarly = [];
    private int[] _imposedCap = [];
    private int[] _levels = [];
    private double[] _totals = [];
    private readonly List<Slot> _rankSlots = [];
    private double[] _rankValues = [];
    private bool[] _orgGraded = [];
    private long _orgGradedCount;
    private KindCounts? _orgCounts;

    private void GradeTeams()
    {
        var orgs = _orgIds.Count;
        _teamIndex = new int[orgs];
        Array.Fill(_teamIndex, -1);
        _teamLine = new long[orgs];
        var copies = _grader.TeamInput.Copies;
        _teamStore = new SlotStore(copies.Select(c => c.From).ToList(), copies.Select(c => c.To).ToList());
        _teamCounts = new KindCounts(_team);
        var stage = new SubjectStage("领导班子", _files.Teams, ResultKind.Team, "teams", _grader.TeamScheme.Engine, FileConventions.Teams, _teamStore, _teamCounts, OnePerOrganisation: true, FingerprintIds: false);
        _teamFile = GradeSubjects(
            stage,
            (ordinal, index, _) => _teamIndex[ordinal] = (int)index,
            (_, work, r, id, line) =>
            {
                // A row of an organisation not in the index is rejected as unknown, however many there are.
                var ordinal = work.Ordinal[r];
                if (ordinal < 0)
                {
                    return null;
                }

                var first = _teamLine[ordinal];
                if (first == 0)
                {
                    _teamLine[ordinal] = line;
                    return null;
                }

                return new CellProblem(work.Map!.OrganisationColumn + 1, "组织编号",
                    $"组织编号“{id}”重复：该组织的领导班子已在第 {first} 行给出 (duplicate organisation id: this organisation's team was already given at line {first})");
            });
    }

    private void GradeMembers()
    {
        var reads = _org.ChildReads[_grader.MembersInput.Id]!;
        _memberStore = new SlotStore(reads, reads);
        _memberCounts = new KindCounts(_member);
        var moves = _member.Quotas.Count > 0 ? RankMembers() : null;
        var stage = new SubjectStage("党员", _files.Members, ResultKind.Member, "members", _grader.MemberScheme.Engine, FileConventions.Members, _memberStore, _memberCounts, OnePerOrganisation: false, FingerprintIds: true)
        {
            Moves = moves,
        };
        IdFirstLines? firstLines = null; // sized from the first block; dropped with this stage
        _memberFile = GradeSubjects(
            stage,
            (ordinal, _, _) => _memberOrg.Add(ordinal),
            (reader, work, r, id, line) => (firstLines ??= NewIdSet(reader, work.Block)).FirstOrAdd(work.Ids[r], line) is var first and > 0
                ? new CellProblem(work.Map!.SubjectIdColumn + 1, "党员编号", $"党员编号“{id}”重复，首次出现在第 {first} 行 (duplicate member id; first at line {first})")
                : null);

        // The id set is garbage now, about 110 MB for a province of 6 million members. Left to the collector, its
        // memory stays committed while the organisations are graded and adds to the run's peak (measured: 497 MB
        // instead of 425 MB for the full sample province); an aggressive collection once per run hands it back at once.
        if (firstLines is { Bytes: > 16 << 20 })
        {
            firstLines = null;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// The ranking pass of the member scheme's quotas (per organisation): grades the members file without writing,
    /// keeping, of each accepted member at a quota's level, only its organisation, line, level and ranking keys (and of
    /// each organisation the number of members with a level); then applies the quotas organisation by organisation,
    /// members in file order, and returns the moves by line for the pass that writes. The same rows are accepted in
    /// both passes (the file and the rules are the same), so a line names the same member.
    /// </summary>
    private Dictionary<long, (int Cap, string? Note)> RankMembers()
    {
        var slots = new List<Slot>();
        foreach (var key in _member.Quotas.SelectMany(q => q.RankBy))
        {
            if (!slots.Contains(key.Slot))
            {
                slots.Add(key.Slot);
            }
        }

        var quotaLevels = _member.Quotas.Select(q => q.LevelOrdinal).ToHashSet();
        var width = slots.Count;
        var graded = new int[_orgIds.Count];
        var orgs = new List<int>();
        var lines = new List<long>();
        var levels = new List<byte>();
        var keys = new List<double>();
        IdFirstLines? firstLines = null;
        var reads = _org.ChildReads[_grader.MembersInput.Id]!;
        var stage = new SubjectStage("党员", _files.Members, ResultKind.Member, "members", _grader.MemberScheme.Engine, FileConventions.Members,
            new SlotStore(reads, reads), new KindCounts(_member), OnePerOrganisation: false, FingerprintIds: true)
        {
            RankSlots = slots,
            Ranking = (work, r) =>
            {
                var level = work.Level[r];
                if (level < 0)
                {
                    return; // withheld (预备党员): takes part, is not counted in the base, cannot be moved
                }

                var ordinal = work.Ordinal[r];
                graded[ordinal]++;
                if (quotaLevels.Contains(level))
                {
                    orgs.Add(ordinal);
                    lines.Add(work.Block.LineOf(r));
                    levels.Add((byte)level);
                    for (var k = 0; k < width; k++)
                    {
                        keys.Add(work.Keys[(r * width) + k]);
                    }
                }
            },
        };
        GradeSubjects(stage, (_, _, _) => { }, (reader, work, r, id, line) => (firstLines ??= new IdFirstLines(reader.EstimateRecords(work.Block))).FirstOrAdd(work.Ids[r], line) is > 0
            ? new CellProblem(0, null, string.Empty)
            : null);
        var large = firstLines is { Bytes: > 16 << 20 };
        firstLines = null;

        // The candidates grouped by organisation, file order kept within each (a stable counting sort).
        var start = new int[_orgIds.Count + 1];
        foreach (var ordinal in orgs)
        {
            start[ordinal + 1]++;
        }

        for (var i = 0; i < _orgIds.Count; i++)
        {
            start[i + 1] += start[i];
        }

        var order = new int[orgs.Count];
        var next = start[.._orgIds.Count];
        for (var c = 0; c < orgs.Count; c++)
        {
            order[next[orgs[c]]++] = c;
        }

        var moves = new Dictionary<long, (int Cap, string? Note)>();
        var moved = new long[_member.Levels.Count];
        var groups = 0;
        for (var ordinal = 0; ordinal < _orgIds.Count; ordinal++)
        {
            groups += graded[ordinal] > 0 ? 1 : 0;
            var from = start[ordinal];
            var count = start[ordinal + 1] - from;
            if (count == 0)
            {
                continue;
            }

            var group = new int[count];
            for (var m = 0; m < count; m++)
            {
                group[m] = levels[order[from + m]];
            }

            var found = MemberQuotas.Apply(_member, group, graded[ordinal], (m, key) => keys[(order[from + m] * width) + slots.IndexOf(key.Slot)]);
            foreach (var move in found ?? [])
            {
                var line = lines[order[from + move.Member]];
                moves[line] = moves.TryGetValue(line, out var earlier) ? (move.Level, earlier.Note + "；" + move.Note) : (move.Level, move.Note);
                moved[move.Level - 1]++;
            }
        }

        foreach (var quota in _member.Quotas.OrderBy(q => q.LevelOrdinal))
        {
            _ruleSummaries.Add(new Summary.BatchRuleSummary(quota.Id, "党员名额", quota.DisplayName, groups, moved[quota.LevelOrdinal]));
        }

        if (large)
        {
            // As after the writing pass: this pass's id set and the candidates are garbage now; handed back at once,
            // they do not add to the peak of the writing pass, which builds its own id set.
            orgs = null!;
            lines = null!;
            keys = null!;
            levels = null!;
            order = null!;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return moves;
    }

    /// <summary>The set of member ids, and room for the members' organisations, sized from the file's first block.</summary>
    private IdFirstLines NewIdSet(RecordFileReader reader, RecordBlock first)
    {
        var expected = reader.EstimateRecords(first);
        _memberOrg.EnsureCapacity((int)Math.Min(expected + (expected / 20), Array.MaxLength));
        return new IdFirstLines(expected);
    }

    /// <summary>Groups the members by organisation, keeping file order within each (a stable counting sort).</summary>
    private void GroupMembers()
    {
        var orgs = _orgIds.Count;
        _memberStart = new int[orgs + 1];
        foreach (var ordinal in _memberOrg)
        {
            _memberStart[ordinal + 1]++;
        }

        for (var i = 0; i < orgs; i++)
        {
            _memberStart[i + 1] += _memberStart[i];
        }

        _memberOrder = new int[_memberOrg.Count];
        var next = _memberStart[..orgs];
        for (var m = 0; m < _memberOrg.Count; m++)
        {
            _memberOrder[next[_memberOrg[m]]++] = m;
        }

        _orgRejectedEarly = new bool[orgs];
        _imposedCap = new int[orgs];
        _levels = new int[orgs];
        _totals = new double[orgs];
        _orgGraded = new bool[orgs];
        foreach (var key in _org.Quotas.SelectMany(q => q.RankBy).Concat(_org.BottomRankings.SelectMany(r => r.RankBy)))
        {
            if (!_rankSlots.Contains(key.Slot))
            {
                _rankSlots.Add(key.Slot);
            }
        }

        _rankValues = new double[orgs * _rankSlots.Count];
        _orgCounts = new KindCounts(_org);
    }

    /// <summary>Member frames reused for every organisation a worker grades; arrays per length, so nothing is allocated per organisation.</summary>
    private sealed class MemberPool(FactLayout layout)
    {
        private readonly List<FactFrame> _frames = [];
        private readonly Dictionary<int, FactFrame[]> _arrays = [];

        public FactFrame[] Frames(int count)
        {
            if (count == 0)
            {
                return [];
            }

            while (_frames.Count < count)
            {
                _frames.Add(layout.NewFrame());
            }

            if (!_arrays.TryGetValue(count, out var array))
            {
                _arrays[count] = array = _frames.GetRange(0, count).ToArray();
            }

            return array;
        }
    }

    private sealed class OrgWorker(SchemeEngine engine, RowBinder binder, int regions)
    {
        public readonly FactFrame Frame = engine.Model.Layout.NewFrame();
        public readonly FrameEvaluator Evaluator = engine.CreateEvaluator();
        public readonly RowBinder.Scratch Scratch = binder.NewScratch();
        public readonly List<CellProblem> Problems = [];
        public readonly string[] Region = new string[regions];
        public readonly MemberPool Members = new(engine.Model.Inputs.First(i => i.Type == Schemes.InputType.List && i.Linked is not null).ChildLayout!);
    }

    private sealed class OrgWork(RecordBlock block, IResultRows[] outputs)
    {
        public readonly RecordBlock Block = block;
        public readonly IResultBlock[] Outputs = [.. outputs.Select(o => o.NewBlock())];
        public readonly List<(int Record, CellProblem Problem)> Problems = [];
        public int[] Ordinal = [];
        public byte[] State = []; // 0 skip, 1 graded, 2 rejected
        public bool[] Flags = [];
        public ColumnMap? Map;

        public void Prepare(int flags)
        {
            var n = Block.Count;
            if (State.Length < n)
            {
                Ordinal = new int[n];
                State = new byte[n];
                Flags = new bool[n * flags];
            }

            foreach (var output in Outputs)
            {
                output.Clear();
            }

            Problems.Clear();
        }
    }

    /// <summary>
    /// Grades every organisation with its members' kept values and its team's. The first pass (when the scheme has
    /// batch-level rules) only records levels and ranking keys; the final pass applies the caps quotas imposed and
    /// writes the results.
    /// </summary>
    private void GradeOrganisations(bool finalPass)
    {
        using var reader = Open(_files.Organisations);
        var file = FileName(_files.Organisations);
        var conventions = FileConventions.Organisations(_groupColumns);
        var maps = new ColumnMaps(_org, conventions);
        var binder = new RowBinder(_org);
        var formatter = new ResultFormatter(_org);
        var workers = Enumerable.Range(0, Threads).Select(_ => new OrgWorker(_grader.OrganisationScheme.Engine, binder, _options.RegionLevels.Count)).ToArray();
        var flagCount = _org.Flags.Count;
        var membersSlot = _grader.MembersInput.Slot.Index;
        var teamSlot = _grader.TeamInput.Slot.Index;
        var stageName = finalPass ? "党组织" : "党组织（排名）";
        var outputs = finalPass ? OpenSinks(new ResultTable(ResultKind.Organisation, "organisations", formatter, HasQuota: true, _options.RegionLevels)) : [];
        long rows = 0;

        BlockPipeline.Run(reader, Threads, () => new OrgWork(reader.NewBlock(), outputs), w => w.Block, (work, w) => Process(work, workers[w]), Commit, _cancellation);

        void Process(OrgWork work, OrgWorker worker)
        {
            var block = work.Block;
            work.Prepare(flagCount);
            var map = work.Map = maps.For(block);
            var frame = worker.Frame;
            for (var r = 0; r < block.Count; r++)
            {
                work.State[r] = 0;
                foreach (var output in work.Outputs)
                {
                    output.SkipTo(r);
                }

                var id = FieldIn(block, r, map.SubjectIdColumn);
                if (block.ErrorOf(r) is not null || OrdinalOf(id) is not (>= 0 and var ordinal) || _orgLines[ordinal] != block.LineOf(r)
                    || (finalPass && _orgRejectedEarly[ordinal]))
                {
                    continue; // rejected already, and reported once
                }

                work.Ordinal[r] = ordinal;
                var before = work.Problems.Count;
                if (_teamIndex[ordinal] < 0)
                {
                    work.Problems.Add((r, new CellProblem(0, null,
                        $"缺少领导班子：{FileName(_files.Teams)} 中没有该组织的有效记录 (no valid row for this organisation's team in {FileName(_files.Teams)})")));
                }

                worker.Problems.Clear();
                if (!binder.Bind(block, r, map, frame, worker.Scratch, worker.Problems))
                {
                    foreach (var problem in worker.Problems)
                    {
                        work.Problems.Add((r, problem));
                    }
                }

                if (work.Problems.Count > before)
                {
                    work.State[r] = 2;
                    continue;
                }

                var start = _memberStart[ordinal];
                var members = worker.Members.Frames(_memberStart[ordinal + 1] - start);
                for (var m = 0; m < members.Length; m++)
                {
                    _memberStore!.Restore(_memberOrder[start + m], members[m]);
                }

                frame.Lists[membersSlot] = members;
                frame.Lists[teamSlot] = [];
                _teamStore!.Restore(_teamIndex[ordinal], frame);
                frame.Numbers[_org.ImposedCap.Index] = finalPass ? _imposedCap[ordinal] : 0;
                worker.Evaluator.Evaluate(frame, withMessages: finalPass);
                work.State[r] = 1;
                var level = (int)frame.Numbers[_org.Level.Index];
                _levels[ordinal] = level;
                _totals[ordinal] = frame.Numbers[_org.Total.Index];
                for (var k = 0; k < _rankSlots.Count; k++)
                {
                    _rankValues[(ordinal * _rankSlots.Count) + k] = frame.Numbers[_rankSlots[k].Index];
                }

                for (var f = 0; f < flagCount; f++)
                {
                    work.Flags[(r * flagCount) + f] = frame.Booleans[_org.Flags[f].Slot.Index];
                }

                if (work.Outputs.Length > 0)
                {
                    for (var g = 0; g < worker.Region.Length; g++)
                    {
                        worker.Region[g] = _groupValues[g][_orgGroups[ordinal][g]];
                    }

                    var bottom = BottomMark(ordinal);
                    var (last, change) = YearOverYear(ordinal);
                    var row = new GradedRow
                    {
                        Id = _orgIds[ordinal],
                        Organisation = _orgIds[ordinal],
                        Name = FieldIn(block, r, map.NameColumn),
                        Region = worker.Region,
                        Frame = frame,
                        Quota = QuotaNote(ordinal),
                        BottomFlag = bottom?.Label,
                        BottomNote = bottom?.Note,
                        LastYear = last,
                        Change = change,
                    };
                    foreach (var output in work.Outputs)
                    {
                        output.Add(row);
                    }
                }
            }

            foreach (var output in work.Outputs)
            {
                output.SkipTo(block.Count);
            }
        }

        void Commit(OrgWork work)
        {
            var block = work.Block;
            var p = 0;
            for (var r = 0; r < block.Count; r++)
            {
                rows++;
                switch (work.State[r])
                {
                    case 2:
                        _orgRejected++;
                        _orgRejectedEarly[work.Ordinal[r]] = true;
                        var id = FieldIn(block, r, work.Map!.SubjectIdColumn);
                        while (p < work.Problems.Count && work.Problems[p].Record == r)
                        {
                            _errors.Add(file, block.LineOf(r), work.Problems[p].Problem, id);
                            p++;
                        }

                        break;
                    case 1 when finalPass:
                        var ordinal = work.Ordinal[r];
                        _orgGraded[ordinal] = true;
                        _orgGradedCount++;
                        _orgCounts!.Add(_levels[ordinal], work.Flags.AsSpan(r * flagCount, flagCount));
                        if (_explainId is not null && ordinal == _explainOrdinal)
                        {
                            CaptureForExplanation("党组织", block, r, work.Map!);
                        }

                        break;
                }

            }

            // Rows not graded here wrote nothing, so the whole block goes out in one write.
            foreach (var output in work.Outputs)
            {
                output.Write(0, block.Count);
            }

            Report(stageName, rows, reader);
        }
    }
}
