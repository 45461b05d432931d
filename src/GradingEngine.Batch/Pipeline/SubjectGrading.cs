using GradingEngine.BackEnds;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The grading stage of members and teams: reads a file in blocks, binds and grades each row on every core, keeps the
/// values the organisation scheme reads of each subject, and hands the result rows to the sinks in file order.
/// </summary>
internal static class SubjectGrading
{
    /// <summary>
    /// Grades every row of a member or team file: binds, runs the plan, keeps the values the organisation scheme
    /// reads, formats the result row; then, in file order, claims each row's id (a duplicate is rejected), accepts or
    /// rejects the row and writes it.
    /// </summary>
    public static FileSummary Run(RunContext context, OrganisationIndex index, SubjectPass stage, Action<int, long, long> accepted, ClaimId claim)
    {
        using var reader = context.Open(stage.Path);
        var file = context.FileName(stage.Path);
        var maps = new ColumnMaps(stage.Engine.Model, stage.Conventions);
        var binder = new RowBinder(stage.Engine.Model);
        var formatter = new ResultFormatter(stage.Engine.Model, stage.Measures);
        var withMessages = stage.Ranking is null && stage.Measures; // the ranking pass, and rows without measures, need no measure texts
        var workers = Enumerable.Range(0, context.Threads).Select(_ => new SubjectWorker(stage.Engine, binder)).ToArray();
        var flagCount = stage.Engine.Model.Flags.Count;
        var idIsOrganisation = stage.OnePerOrganisation;
        var ranking = stage.Ranking is not null;
        var moves = stage.Moves;
        var imposedCap = stage.Engine.Model.ImposedCap.Index;
        var keyCount = stage.RankSlots.Count;
        var outputs = ranking ? [] : context.OpenSinks(new ResultTable(stage.Result, stage.OutputName, formatter, moves is not null || stage.QuotasInPass, context.Options.RegionLevels));
        var groups = stage.QuotasInPass ? new MemberQuotaGroups(context.Member, stage, outputs, stage.Engine) { Accept = Accept } : null;

        long rowsRead = 0, graded = 0, rejected = 0;
        BlockPipeline.Run(
            reader,
            context.Threads,
            () => new SubjectWork(reader.NewBlock(), stage.Store, flagCount, outputs),
            w => w.Block,
            (work, w) => Process(work, workers[w]),
            work =>
            {
                Commit(work);
                return groups is null ? [work] : groups.End(work);
            },
            context.Cancellation);
        groups?.Finish(context.RuleSummaries);

        return new FileSummary(stage.Kind, stage.Path, reader.Encoding.WebName, rowsRead, graded, rejected, reader.BlankLines,
            reader.Lines, reader.HeaderLines, reader.ContinuationLines, maps.Warnings());

        // Rows are bound into the worker's frames, as many as its evaluator takes at once (one for the plan, a
        // session's worth for NRules), graded together, then recorded in row order.
        void Process(SubjectWork work, SubjectWorker worker)
        {
            var block = work.Block;
            work.Prepare(keyCount);
            var map = work.Map = maps.For(block);
            var frames = worker.Frames;
            var next = 0;
            while (next < block.Count)
            {
                var start = next;
                var bound = 0;
                while (next < block.Count && bound < frames.Length)
                {
                    var r = next++;
                    if (Bind(work, worker, map, r, frames[bound]))
                    {
                        worker.Rows[bound++] = r;
                    }
                }

                if (bound == 1)
                {
                    worker.Evaluator.Evaluate(frames[0], withMessages);
                }
                else if (bound > 1)
                {
                    worker.Evaluator.EvaluateMany(frames.AsSpan(0, bound), withMessages);
                }

                var j = 0;
                for (var r = start; r < next; r++)
                {
                    if (j < bound && worker.Rows[j] == r)
                    {
                        Record(work, map, r, frames[j++]);
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
        }

        // Binds one row into a frame (with its quota's cap); false, with the row's problems recorded, when it is bad.
        bool Bind(SubjectWork work, SubjectWorker worker, ColumnMap map, int r, FactFrame frame)
        {
            var block = work.Block;
            work.Bad[r] = true;
            work.Ordinal[r] = -1;
            var id = RunContext.FieldIn(block, r, idIsOrganisation ? map.OrganisationColumn : map.SubjectIdColumn);
            var organisation = RunContext.FieldIn(block, r, map.OrganisationColumn);
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
                else if (worker.OrdinalOf(index, organisation) is var ordinal and >= 0)
                {
                    work.Ordinal[r] = ordinal;
                }
                else
                {
                    work.Problems.Add((r, new CellProblem(map.OrganisationColumn + 1, "组织编号",
                        $"未知的组织编号“{organisation}”：{context.FileName(context.Files.Organisations)} 中没有该组织或该行有误 (unknown organisation)")));
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

            if (work.Problems.Count != problemsBefore)
            {
                return false;
            }

            work.Bad[r] = false;
            if (moves is not null)
            {
                frame.Numbers[imposedCap] = moves.TryGetValue(block.LineOf(r), out var move) ? move.Cap : 0;
            }

            return true;
        }

        // Keeps what later stages read of a graded row and hands its result row to the outputs.
        void Record(SubjectWork work, ColumnMap map, int r, FactFrame frame)
        {
            var block = work.Block;
            var id = RunContext.FieldIn(block, r, idIsOrganisation ? map.OrganisationColumn : map.SubjectIdColumn);
            var organisation = RunContext.FieldIn(block, r, map.OrganisationColumn);
            var note = moves is not null && moves.TryGetValue(block.LineOf(r), out var move) ? move.Note : null;
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

            work.Scores.Clear();
            if (work.Outputs.Length > 0)
            {
                formatter.AppendScores(work.Scores, frame);
            }

            var row = new GradedRow { Id = id, Organisation = organisation, Frame = frame, Scores = work.Scores.Span, Quota = note, LastYear = string.Empty, Change = string.Empty };
            foreach (var output in work.Outputs)
            {
                output.Add(row);
            }
        }

        void Accept(SubjectWork work, int r)
        {
            var index = stage.Store.Append(work.Rows[r]);
            accepted(work.Ordinal[r], index, work.Block.LineOf(r));
            stage.Counts.Add(work.Level[r], work.Flags.AsSpan(r * flagCount, flagCount));
            if (context.Explanation?.Ordinal == work.Ordinal[r])
            {
                context.Explanation.Capture(stage.Kind, work.Block, r, work.Map!);
            }
        }

        void Commit(SubjectWork work)
        {
            var block = work.Block;
            var map = work.Map!;
            groups?.Begin(work);
            var p = 0;
            var run = 0; // first row of the run of accepted rows not yet written
            for (var r = 0; r < block.Count; r++)
            {
                rowsRead++;
                var line = block.LineOf(r);
                var id = RunContext.FieldIn(block, r, idIsOrganisation ? map.OrganisationColumn : map.SubjectIdColumn);
                var bad = work.Bad[r];
                if (!id.IsEmpty && block.ErrorOf(r) is null && claim(reader, work, r, id, line) is { } duplicate)
                {
                    work.Problems.Insert(p, (r, duplicate));
                    bad = true;
                }

                if (bad)
                {
                    groups?.Reject(work, r);
                    Flush(r);
                    run = r + 1;
                    rejected++;
                    while (p < work.Problems.Count && work.Problems[p].Record == r)
                    {
                        if (!ranking)
                        {
                            context.Errors.Add(file, line, work.Problems[p].Problem, id);
                        }

                        p++;
                    }
                }
                else if (ranking)
                {
                    graded++;
                    stage.Ranking!(work, r);
                }
                else if (groups is not null)
                {
                    graded++;
                    groups.Add(work, r); // kept and written once its organisation's quotas are applied
                }
                else
                {
                    graded++;
                    Accept(work, r);
                }

            }

            Flush(block.Count);
            context.Cancellation.ThrowIfCancellationRequested();
            context.Report(ranking ? stage.Kind + "（排名）" : stage.Kind, rowsRead, reader);

            void Flush(int end)
            {
                if (groups is not null)
                {
                    return; // the groups write the block
                }

                foreach (var output in work.Outputs)
                {
                    output.Write(run, end);
                }
            }
        }
    }
}
