using GradingEngine.BackEnds;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Facts;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The grading stage of organisations: each organisation bound from its row and graded with its members' and its
/// team's kept values, on every core. The first pass (when the scheme has batch-level rules) only records levels and
/// ranking keys; the final pass applies the caps the quotas imposed, adds the batch's notes and last year's level and
/// hands the rows to the sinks in file order.
/// </summary>
internal static class OrganisationGrading
{
        /// <summary>
        /// Grades every organisation with its members' kept values and its team's. The first pass (when the scheme has
        /// batch-level rules) only records levels and ranking keys; the final pass applies the caps quotas imposed and
        /// writes the results.
        /// </summary>
        public static void Run(RunContext context, OrganisationIndex index, KeptTeams teams, KeptMembers members, OrganisationResults results, BatchRuleOutcome rules, LastYearLevels lastYear, bool finalPass)
        {
            using var reader = context.Open(context.Files.Organisations);
            var file = context.FileName(context.Files.Organisations);
            var conventions = FileConventions.Organisations(context.GroupColumns);
            var maps = new ColumnMaps(context.Organisation, conventions);
            var binder = new RowBinder(context.Organisation);
            var formatter = new ResultFormatter(context.Organisation);
            var workers = Enumerable.Range(0, context.Threads).Select(_ => new OrgWorker(context.Grader.OrganisationScheme.Engine, binder, context.Options.RegionLevels.Count)).ToArray();
            var scheme = context.Organisation;
            var flagCount = scheme.Flags.Count;
            var membersSlot = context.Grader.MembersInput.Slot.Index;
            var teamSlot = context.Grader.TeamInput.Slot.Index;
            var stageName = finalPass ? "党组织" : "党组织（排名）";
            var outputs = finalPass ? context.OpenSinks(new ResultTable(ResultKind.Organisation, "organisations", formatter, HasQuota: true, context.Options.RegionLevels)) : [];
            long rows = 0;

            BlockPipeline.Run(reader, context.Threads, () => new OrgWork(reader.NewBlock(), outputs), w => w.Block, (work, w) => Process(work, workers[w]), Commit, context.Cancellation);

            // Organisations are bound into the worker's frames, as many as its evaluator takes at once (one for the
            // plan, a session's worth for NRules), graded together, then recorded in row order.
            void Process(OrgWork work, OrgWorker worker)
            {
                var block = work.Block;
                work.Prepare(flagCount);
                var map = work.Map = maps.For(block);
                var frames = worker.Frames;
                var next = 0;
                while (next < block.Count)
                {
                    var bound = 0;
                    while (next < block.Count && bound < frames.Length)
                    {
                        var r = next++;
                        work.State[r] = 0;
                        if (Bind(work, worker, map, r, bound, frames[bound]))
                        {
                            worker.Rows[bound++] = r;
                        }
                    }

                    if (bound == 1)
                    {
                        worker.Evaluator.Evaluate(frames[0], withMessages: finalPass);
                    }
                    else if (bound > 1)
                    {
                        worker.Evaluator.EvaluateMany(frames.AsSpan(0, bound), withMessages: finalPass);
                    }

                    for (var j = 0; j < bound; j++)
                    {
                        var r = worker.Rows[j];
                        foreach (var output in work.Outputs)
                        {
                            output.SkipTo(r);
                        }

                        Record(work, worker, map, r, work.Ordinal[r], frames[j]);
                    }
                }

                foreach (var output in work.Outputs)
                {
                    output.SkipTo(block.Count);
                }
            }

            // Binds one organisation with its members' and team's kept values into a frame; false when it is not graded here.
            bool Bind(OrgWork work, OrgWorker worker, ColumnMap map, int r, int slot, FactFrame frame)
            {
                var block = work.Block;
                var id = RunContext.FieldIn(block, r, map.SubjectIdColumn);
                if (block.ErrorOf(r) is not null || index.OrdinalOf(id) is not (>= 0 and var ordinal) || index.LineOf(ordinal) != block.LineOf(r)
                    || (finalPass && results.RejectedEarly[ordinal]))
                {
                    return false; // rejected already, and reported once
                }

                work.Ordinal[r] = ordinal;
                var before = work.Problems.Count;
                if (!teams.Has(ordinal))
                {
                    work.Problems.Add((r, new CellProblem(0, null,
                        $"缺少领导班子：{context.FileName(context.Files.Teams)} 中没有该组织的有效记录 (no valid row for this organisation's team in {context.FileName(context.Files.Teams)})")));
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
                    return false;
                }

                frame.Lists[membersSlot] = members.Restore(ordinal, worker.Members[slot]);
                frame.Lists[teamSlot] = [];
                teams.Restore(ordinal, frame);
                frame.Numbers[scheme.ImposedCap.Index] = finalPass ? rules.ImposedCap(ordinal) : 0;
                return true;
            }

            // Keeps a graded organisation's level, total, ranking keys and flags and hands its result row to the outputs.
            void Record(OrgWork work, OrgWorker worker, ColumnMap map, int r, int ordinal, FactFrame frame)
            {
                var block = work.Block;
                work.State[r] = 1;
                var level = (int)frame.Numbers[scheme.Level.Index];
                results.Levels[ordinal] = level;
                results.Totals[ordinal] = frame.Numbers[scheme.Total.Index];
                var keys = results.RankSlots.Count;
                for (var k = 0; k < keys; k++)
                {
                    results.RankValues[(ordinal * keys) + k] = frame.Numbers[results.RankSlots[k].Index];
                }

                for (var f = 0; f < flagCount; f++)
                {
                    work.Flags[(r * flagCount) + f] = frame.Booleans[scheme.Flags[f].Slot.Index];
                }

                if (work.Outputs.Length > 0)
                {
                    for (var g = 0; g < worker.Region.Length; g++)
                    {
                        worker.Region[g] = index.GroupValueOf(ordinal, g);
                    }

                    var bottom = rules.BottomMark(ordinal);
                    var (last, change) = lastYear.Compare(ordinal, level);
                    var row = new GradedRow
                    {
                        Id = index.IdOf(ordinal),
                        Organisation = index.IdOf(ordinal),
                        Name = RunContext.FieldIn(block, r, map.NameColumn),
                        Region = worker.Region,
                        Frame = frame,
                        Quota = rules.QuotaNote(ordinal),
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
                            results.Rejected++;
                            results.RejectedEarly[work.Ordinal[r]] = true;
                            var id = RunContext.FieldIn(block, r, work.Map!.SubjectIdColumn);
                            while (p < work.Problems.Count && work.Problems[p].Record == r)
                            {
                                context.Errors.Add(file, block.LineOf(r), work.Problems[p].Problem, id);
                                p++;
                            }

                            break;
                        case 1 when finalPass:
                            var ordinal = work.Ordinal[r];
                            results.Graded[ordinal] = true;
                            results.GradedCount++;
                            results.Counts.Add(results.Levels[ordinal], work.Flags.AsSpan(r * flagCount, flagCount));
                            if (context.Explanation?.Ordinal == ordinal)
                            {
                                context.Explanation.Capture("党组织", block, r, work.Map!);
                            }

                            break;
                    }

                }

                // Rows not graded here wrote nothing, so the whole block goes out in one write.
                foreach (var output in work.Outputs)
                {
                    output.Write(0, block.Count);
                }

                context.Report(stageName, rows, reader);
            }
        }
}
