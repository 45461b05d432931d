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
    /// <summary>Level and flag counts of one kind of subject.</summary>
    private sealed class KindCounts(CheckedScheme plan)
    {
        public readonly long[] Levels = new long[plan.Levels.Count + 1]; // last: withheld
        public readonly long[] Flags = new long[plan.Flags.Count];
        public long Graded;

        public void Add(int level, ReadOnlySpan<bool> flags)
        {
            Graded++;
            Levels[level >= 0 ? level : Levels.Length - 1]++;
            for (var i = 0; i < flags.Length; i++)
            {
                if (flags[i])
                {
                    Flags[i]++;
                }
            }
        }
    }

    /// <summary>A block of member or team rows and what the workers made of it.</summary>
    private sealed class SubjectWork(RecordBlock block, SlotStore store, int flags, IResultRows[] outputs)
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
    private sealed class SubjectWorker(SchemeEngine engine, RowBinder binder)
    {
        public readonly FactFrame Frame = engine.Model.Layout.NewFrame();
        public readonly FrameEvaluator Evaluator = engine.CreateEvaluator();
        public readonly RowBinder.Scratch Scratch = binder.NewScratch();
        public readonly List<CellProblem> Problems = [];
    }

    /// <summary>
    /// What differs between the members and the teams stage. Teams (<c>OnePerOrganisation</c>): a row's id is its
    /// organisation's. Members (<c>FingerprintIds</c>): the workers fingerprint each id for <see cref="IdFirstLines"/>.
    /// With quotas in the member scheme the members are graded twice: a ranking pass (<c>Ranking</c> set: nothing
    /// written, counted or reported, each accepted row handed to it with its level and <c>RankSlots</c>' values), then
    /// the pass that writes, where <c>Moves</c> (by line) gives the level a quota left a row and the note saying why.
    /// </summary>
    private sealed record SubjectStage(
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
    }

    /// <summary>
    /// Called in file order for every well-formed row with an id, graded or not: claims the id for the row, or, when an
    /// earlier row claimed it, returns the problem that rejects this one as a duplicate.
    /// </summary>
    private delegate CellProblem? ClaimId(RecordFileReader reader, SubjectWork work, int record, ReadOnlySpan<char> id, long line);

    /// <summary>
    /// Grades every row of a member or team file: binds, runs the plan, keeps the values the organisation scheme
    /// reads, formats the result row; then, in file order, claims each row's id (a duplicate is rejected), accepts or
    /// rejects the row and writes it.
    /// </summary>
    private FileSummary GradeSubjects(SubjectStage stage, Action<int, long, long> accepted, ClaimId claim)
    {
        using var reader = Open(stage.Path);
        var file = FileName(stage.Path);
        var maps = new ColumnMaps(stage.Engine.Model, stage.Conventions);
        var binder = new RowBinder(stage.Engine.Model);
        var formatter = new ResultFormatter(stage.Engine.Model);
        var workers = Enumerable.Range(0, Threads).Select(_ => new SubjectWorker(stage.Engine, binder)).ToArray();
        var flagCount = stage.Engine.Model.Flags.Count;
        var idIsOrganisation = stage.OnePerOrganisation;
        var ranking = stage.Ranking is not null;
        var moves = stage.Moves;
        var imposedCap = stage.Engine.Model.ImposedCap.Index;
        var keyCount = stage.RankSlots.Count;
        var outputs = ranking ? [] : OpenSinks(new ResultTable(stage.Result, stage.OutputName, formatter, moves is not null, _options.RegionLevels));

        long rowsRead = 0, graded = 0, rejected = 0;
        BlockPipeline.Run(
            reader,
            Threads,
            () => new SubjectWork(reader.NewBlock(), stage.Store, flagCount, outputs),
            w => w.Block,
            (work, w) => Process(work, workers[w]),
            Commit,
            _cancellation);

        return new FileSummary(stage.Kind, stage.Path, reader.Encoding.WebName, rowsRead, graded, rejected, reader.BlankLines,
            reader.Lines, reader.HeaderLines, reader.ContinuationLines, maps.Warnings());

        void Process(SubjectWork work, SubjectWorker worker)
        {
            var block = work.Block;
            work.Prepare(keyCount);
            var map = work.Map = maps.For(block);
            var frame = worker.Frame;
            for (var r = 0; r < block.Count; r++)
            {
                work.Bad[r] = true;
                work.Ordinal[r] = -1;
                var id = FieldIn(block, r, idIsOrganisation ? map.OrganisationColumn : map.SubjectIdColumn);
                var organisation = FieldIn(block, r, map.OrganisationColumn);
                var problemsBefore = work.Problems.Count;
                if (block.ErrorOf(r) is { } error)
                {
                    work.Problems.Add((r, CellProblem.Malformed(error)));
                }
                else
                {
                    if (!idIsOrganisation && id.IsEmpty)
                    {
                        work.Problems.Add((r, new CellProblem(map.SubjectIdColumn + 1, "党员编号", "缺少党员编号 (member id missing)")));
                    }

                    if (organisation.IsEmpty)
                    {
                        work.Problems.Add((r, new CellProblem(map.OrganisationColumn + 1, "组织编号", "缺少组织编号 (organisation id missing)")));
                    }
                    else if (OrdinalOf(organisation) is var ordinal and >= 0)
                    {
                        work.Ordinal[r] = ordinal;
                    }
                    else
                    {
                        work.Problems.Add((r, new CellProblem(map.OrganisationColumn + 1, "组织编号",
                            $"未知的组织编号“{organisation}”：{FileName(_files.Organisations)} 中没有该组织或该行有误 (unknown organisation)")));
                    }

                    if (stage.FingerprintIds && !id.IsEmpty)
                    {
                        work.Ids[r] = IdFirstLines.Of(id);
                    }

                    worker.Problems.Clear();
                    if (!binder.Bind(block, r, map, frame, worker.Scratch, worker.Problems))
                    {
                        foreach (var problem in worker.Problems)
                        {
                            work.Problems.Add((r, problem));
                        }
                    }
                }

                if (work.Problems.Count == problemsBefore)
                {
                    work.Bad[r] = false;
                    var move = default((int Cap, string? Note));
                    if (moves is not null)
                    {
                        frame.Numbers[imposedCap] = moves.TryGetValue(block.LineOf(r), out move) ? move.Cap : 0;
                    }

                    worker.Evaluator.Evaluate(frame, withMessages: !ranking); // the ranking pass writes no measure texts
                    for (var k = 0; k < keyCount; k++)
                    {
                        work.Keys[(r * keyCount) + k] = frame.Numbers[stage.RankSlots[k].Index];
                    }

                    stage.Store.Capture(frame, work.Rows[r]);
                    work.Level[r] = (int)frame.Numbers[stage.Engine.Model.Level.Index];
                    for (var f = 0; f < flagCount; f++)
                    {
                        work.Flags[(r * flagCount) + f] = frame.Booleans[stage.Engine.Model.Flags[f].Slot.Index];
                    }

                    var row = new GradedRow { Id = id, Organisation = organisation, Frame = frame, Quota = move.Note, LastYear = string.Empty, Change = string.Empty };
                    foreach (var output in work.Outputs)
                    {
                        output.Add(row);
                    }
                }
                else
                {
                    foreach (var output in work.Outputs)
                    {
                        output.Skip();
                    }
                }
            }
        }

        void Commit(SubjectWork work)
        {
            var block = work.Block;
            var map = work.Map!;
            var p = 0;
            var run = 0; // first row of the run of accepted rows not yet written
            for (var r = 0; r < block.Count; r++)
            {
                rowsRead++;
                var line = block.LineOf(r);
                var id = FieldIn(block, r, idIsOrganisation ? map.OrganisationColumn : map.SubjectIdColumn);
                var bad = work.Bad[r];
                if (!id.IsEmpty && block.ErrorOf(r) is null && claim(reader, work, r, id, line) is { } duplicate)
                {
                    work.Problems.Insert(p, (r, duplicate));
                    bad = true;
                }

                if (bad)
                {
                    Flush(r);
                    run = r + 1;
                    rejected++;
                    while (p < work.Problems.Count && work.Problems[p].Record == r)
                    {
                        if (!ranking)
                        {
                            _errors.Add(file, line, work.Problems[p].Problem, id);
                        }

                        p++;
                    }
                }
                else if (ranking)
                {
                    graded++;
                    stage.Ranking!(work, r);
                }
                else
                {
                    graded++;
                    var index = stage.Store.Append(work.Rows[r]);
                    accepted(work.Ordinal[r], index, line);
                    stage.Counts.Add(work.Level[r], work.Flags.AsSpan(r * flagCount, flagCount));
                    if (_explainId is not null && work.Ordinal[r] == _explainOrdinal)
                    {
                        CaptureForExplanation(stage.Kind, block, r, map);
                    }
                }

            }

            Flush(block.Count);
            _cancellation.ThrowIfCancellationRequested();
            Report(ranking ? stage.Kind + "（排名）" : stage.Kind, rowsRead, reader);

            void Flush(int end)
            {
                foreach (var output in work.Outputs)
                {
                    output.Write(run, end);
                }
            }
        }
    }
}
