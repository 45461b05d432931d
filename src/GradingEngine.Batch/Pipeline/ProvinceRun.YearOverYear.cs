using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Batch;

internal sealed partial class ProvinceRun
{
    private int[] _lastYear = [];
    private FileSummary? _lastYearFile;

    /// <summary>
    /// Reads last year's results (组织编号, 等级): each organisation's level then, matched by id, from the store's
    /// complete run of last year when the run has a store that holds one (<see cref="BatchOptions.LastYearSource"/>),
    /// else from the last-year file. Rows naming an organisation not graded this year are counted as used but compared
    /// with nothing. An id belongs to its first well-formed row: a later row with the same id is rejected, naming that
    /// row's line.
    /// </summary>
    private void ReadLastYear(RunDescription run)
    {
        _lastYear = new int[_orgIds.Count];
        Array.Fill(_lastYear, -1);
        long rows = 0, rejected = 0, unmatched = 0;
        var firstLines = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstLine = firstLines.GetAlternateLookup<ReadOnlySpan<char>>();
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
            else if (firstLine.TryGetValue(id, out var first))
            {
                problem = new CellProblem(idColumn + 1, "组织编号", $"组织编号“{id}”重复，首次出现在第 {first} 行 (duplicate organisation id; first at line {first})");
            }
            else
            {
                firstLine[id] = line; // the id is this row's, whatever its level
                if ((levelOrdinal = LevelOrdinal(level)) < 0)
                {
                    problem = new CellProblem(levelColumn + 1, "等级",
                        $"“{level}”不是方案的等级（{string.Join("、", _org.Levels.Select(l => l.DisplayName))}） (not a level of the scheme)");
                }
                else
                {
                    ordinal = OrdinalOf(id);
                }
            }

            if (problem is { } p)
            {
                rejected++;
                _errors.Add(file, line, p, id);
            }
            else if (ordinal < 0)
            {
                unmatched++;
            }
            else
            {
                _lastYear[ordinal] = levelOrdinal;
            }
        }

        List<string> Warnings() =>
            unmatched == 0 ? [] : [$"{unmatched} 个上年党组织本年度未出现，不作比较 ({unmatched} organisations of last year are not in this year's file)"];

        if (_options.LastYearSource?.Find(run) is { } stored)
        {
            foreach (var (id, level) in stored.Rows)
            {
                _cancellation.ThrowIfCancellationRequested();
                Row(stored.Name, rows + 1, id, level, 0, 1, null);
            }

            _lastYearFile = new FileSummary("上年结果", stored.Name, "utf-8", rows, rows - rejected, rejected, 0, rows, 0, 0, Warnings());
            return;
        }

        if (_files.LastYear is not { } path)
        {
            return;
        }

        using var reader = Open(path);
        var file = FileName(path);
        var block = reader.NewBlock();
        while (reader.ReadBlock(block))
        {
            _cancellation.ThrowIfCancellationRequested();
            var idColumn = IndexOf(block.Columns, "组织编号", "id");
            var levelColumn = IndexOf(block.Columns, "等级", "level");
            for (var r = 0; r < block.Count; r++)
            {
                Row(file, block.LineOf(r), FieldIn(block, r, idColumn), FieldIn(block, r, levelColumn), idColumn, levelColumn, block.ErrorOf(r));
            }
        }

        _lastYearFile = new FileSummary("上年结果", path, reader.Encoding.WebName, rows, rows - rejected, rejected, reader.BlankLines,
            reader.Lines, reader.HeaderLines, reader.ContinuationLines, Warnings());
    }

    private int LevelOrdinal(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < _org.Levels.Count; i++)
        {
            if (text.SequenceEqual(_org.Levels[i].Id) || text.SequenceEqual(_org.Levels[i].DisplayName))
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

    /// <summary>Last year's level label and 升级 / 持平 / 降级 (empty when there is no result last year).</summary>
    private (string Last, string Change) YearOverYear(int ordinal)
    {
        var last = _lastYear.Length == 0 ? -1 : _lastYear[ordinal];
        var now = _levels[ordinal];
        if (last < 0 || now < 0)
        {
            return (last < 0 ? string.Empty : _org.Levels[last].DisplayName, string.Empty);
        }

        return (_org.Levels[last].DisplayName, now < last ? "升级" : now == last ? "持平" : "降级");
    }
}
