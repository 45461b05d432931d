using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The first stage: one pass over the organisations file that gives each organisation an ordinal, notes its line
/// and region, and rejects rows with no id, a duplicate id or a malformed record. Members and teams are matched
/// against the index it returns.
/// </summary>
internal static class IndexStage
{
    /// <summary>What the index stage read of the organisations file.</summary>
    /// <param name="Path">The organisations file.</param>
    /// <param name="Encoding">Its encoding.</param>
    /// <param name="Rows">Rows read.</param>
    /// <param name="Rejected">Rows rejected by the index (no id, duplicate, malformed).</param>
    /// <param name="BlankLines">Blank lines skipped.</param>
    /// <param name="Lines">Physical lines read.</param>
    /// <param name="HeaderLines">Header lines.</param>
    /// <param name="ContinuationLines">Lines that continued a quoted field.</param>
    /// <param name="Warnings">Warnings about its columns.</param>
    public sealed record IndexedFile(string Path, string Encoding, long Rows, long Rejected, long BlankLines, long Lines, long HeaderLines, long ContinuationLines, List<string> Warnings)
    {
        /// <summary>The organisations file's summary, given how many rows were graded and how many more the grading stage rejected.</summary>
        public FileSummary Summary(long graded, long rejectedLater) =>
            new("党组织", Path, Encoding, Rows, graded, Rejected + rejectedLater, BlankLines, Lines, HeaderLines, ContinuationLines, Warnings);
    }

    public static (OrganisationIndex Index, IndexedFile File) Run(RunContext context)
    {
        var index = new OrganisationIndex(context.GroupColumns, context.Options.RegionLevels);
        var path = context.Files.Organisations;
        using var reader = context.Open(path);
        var maps = new ColumnMaps(context.Organisation, FileConventions.Organisations(context.GroupColumns));
        var file = context.FileName(path);
        long rows = 0, rejected = 0;

        // The file is read and split on a thread of its own while this one indexes the blocks read, in file order: three
        // blocks, one being read, one indexed, one between.
        BlockPipeline.Run(reader, threads: 1, reader.NewBlock, block => block, static (_, _) => { }, Index, context.Cancellation, blocks: 3);
        return (index, new IndexedFile(path, reader.Encoding.WebName, rows, rejected, reader.BlankLines, reader.Lines, reader.HeaderLines, reader.ContinuationLines, maps.Warnings()));

        void Index(RecordBlock block)
        {
            var map = maps.For(block);
            for (var r = 0; r < block.Count; r++)
            {
                rows++;
                var line = block.LineOf(r);
                var id = RunContext.FieldIn(block, r, map.SubjectIdColumn);
                if (block.ErrorOf(r) is { } error)
                {
                    Reject(line, CellProblem.Malformed(error), id);
                    continue;
                }

                if (id.IsEmpty)
                {
                    Reject(line, new CellProblem(map.SubjectIdColumn + 1, "组织编号", "缺少组织编号 (organisation id missing)"), id);
                    continue;
                }

                if (index.OrdinalOf(id) is var first and >= 0)
                {
                    var firstLine = index.LineOf(first);
                    Reject(line, new CellProblem(map.SubjectIdColumn + 1, "组织编号", $"组织编号“{id}”重复，首次出现在第 {firstLine} 行 (duplicate organisation id; first at line {firstLine})"), id);
                    continue;
                }

                var groups = new int[context.GroupColumns.Count];
                for (var c = 0; c < map.Roles.Length; c++)
                {
                    if (map.GroupIndex[c] is var g and >= 0)
                    {
                        groups[g] = index.GroupValueId(g, RunContext.FieldIn(block, r, c));
                    }
                }

                for (var g = 0; g < groups.Length; g++)
                {
                    if (!map.GroupIndex.Contains(g))
                    {
                        groups[g] = index.GroupValueId(g, default);
                    }
                }

                index.Add(id.ToString(), line, groups);
            }

            context.Cancellation.ThrowIfCancellationRequested();
            context.Report("党组织（索引）", rows, reader);
        }

        void Reject(long line, CellProblem problem, ReadOnlySpan<char> id)
        {
            rejected++;
            context.Errors.Add(file, line, problem, id);
        }
    }
}
