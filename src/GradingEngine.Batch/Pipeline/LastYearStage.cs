using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>Each organisation's level last year (by ordinal, -1 when unknown) and what was read to find them.</summary>
internal sealed class LastYearLevels(CheckedScheme organisation, int[] levels, FileSummary? file)
{
    /// <summary>No last year's results.</summary>
    public static LastYearLevels None(CheckedScheme organisation) => new(organisation, [], null);

    /// <summary>The last-year input's summary, when there was one.</summary>
    public FileSummary? File => file;

    /// <summary>Last year's level ordinal of an organisation, or -1.</summary>
    public int Of(int ordinal) => levels.Length == 0 ? -1 : levels[ordinal];

    /// <summary>Last year's level label and 升级 / 持平 / 降级 given this year's level (empty when there is nothing to compare).</summary>
    public (string Last, string Change) Compare(int ordinal, int level)
    {
        var last = Of(ordinal);
        if (last < 0 || level < 0)
        {
            return (last < 0 ? string.Empty : organisation.Levels[last].DisplayName, string.Empty);
        }

        return (organisation.Levels[last].DisplayName, level < last ? "升级" : level == last ? "持平" : "降级");
    }
}

/// <summary>
/// The year-over-year stage: reads last year's results (组织编号, 等级) and matches them to this year's organisations,
/// from the store's complete run of last year when the run has a store that holds one
/// (<see cref="BatchOptions.LastYearSource"/>), else from the last-year file. Rows naming an organisation not graded
/// this year are counted as used but compared with nothing. An id belongs to its first well-formed row: a later row
/// with the same id is rejected, naming that row's line.
/// </summary>
internal static class LastYearStage
{
    public static LastYearLevels Run(RunContext context, OrganisationIndex index, RunDescription run)
    {
        var scheme = context.Organisation;
        var levels = new int[index.Count];
        Array.Fill(levels, -1);
        long rows = 0, rejected = 0, unmatched = 0;
        // The line each id was first seen on: by ordinal for this year's organisations, by text only for the others.
        var firstLineOf = new long[index.Count];
        var otherFirstLines = new Dictionary<string, long>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        void Row(string file, long line, ReadOnlySpan<char> id, ReadOnlySpan<char> level, int idColumn, int levelColumn, RecordError? error)
        {
            rows++;
            CellProblem? problem = null;
            var ordinal = -1;
            var levelOrdinal = -1;
            if (error is { } malformed)
            {
                problem = CellProblem.Malformed(malformed);
            }
            else if (id.IsEmpty)
            {
                problem = new CellProblem(idColumn + 1, "组织编号", "缺少组织编号 (organisation id missing)");
            }
            else
            {
                ordinal = index.OrdinalOf(id);
                var first = ordinal >= 0 ? firstLineOf[ordinal] : otherFirstLines.TryGetValue(id, out var other) ? other : 0;
                if (first > 0)
                {
                    problem = new CellProblem(idColumn + 1, "组织编号", $"组织编号“{id}”重复，首次出现在第 {first} 行 (duplicate organisation id; first at line {first})");
                }
                else
                {
                    // the id is this row's, whatever its level
                    if (ordinal >= 0)
                    {
                        firstLineOf[ordinal] = line;
                    }
                    else
                    {
                        otherFirstLines[id] = line;
                    }

                    if ((levelOrdinal = LevelOrdinal(scheme, level)) < 0)
                    {
                        problem = new CellProblem(levelColumn + 1, "等级",
                            $"“{level}”不是方案的等级（{string.Join("、", scheme.Levels.Select(l => l.DisplayName))}） (not a level of the scheme)");
                    }
                }
            }

            if (problem is { } p)
            {
                rejected++;
                context.Errors.Add(file, line, p, id);
            }
            else if (ordinal < 0)
            {
                unmatched++;
            }
            else
            {
                levels[ordinal] = levelOrdinal;
            }
        }

        List<string> Warnings() =>
            unmatched == 0 ? [] : [$"{unmatched} 个上年党组织本年度未出现，不作比较 ({unmatched} organisations of last year are not in this year's file)"];

        if (context.Options.LastYearSource?.Find(run) is { } stored)
        {
            foreach (var (id, level) in stored.Rows)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                Row(stored.Name, rows + 1, id, level, 0, 1, null);
            }

            return new LastYearLevels(scheme, levels, new FileSummary("上年结果", stored.Name, "utf-8", rows, rows - rejected, rejected, 0, rows, 0, 0, Warnings()));
        }

        if (context.Files.LastYear is not { } path)
        {
            return new LastYearLevels(scheme, levels, null);
        }

        using var reader = context.Open(path);
        var name = context.FileName(path);
        var block = reader.NewBlock();
        while (reader.ReadBlock(block))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var idColumn = IndexOf(block.Columns, "组织编号", "id");
            var levelColumn = IndexOf(block.Columns, "等级", "level");
            for (var r = 0; r < block.Count; r++)
            {
                Row(name, block.LineOf(r), RunContext.FieldIn(block, r, idColumn), RunContext.FieldIn(block, r, levelColumn), idColumn, levelColumn, block.ErrorOf(r));
            }
        }

        return new LastYearLevels(scheme, levels, new FileSummary("上年结果", path, reader.Encoding.WebName, rows, rows - rejected, rejected, reader.BlankLines,
            reader.Lines, reader.HeaderLines, reader.ContinuationLines, Warnings()));
    }

    private static int LevelOrdinal(CheckedScheme scheme, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < scheme.Levels.Count; i++)
        {
            if (text.SequenceEqual(scheme.Levels[i].Id) || text.SequenceEqual(scheme.Levels[i].DisplayName))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> columns, params string[] names)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            if (names.Contains(columns[c], StringComparer.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return -1;
    }
}
