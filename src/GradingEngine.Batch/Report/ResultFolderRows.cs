using System.Globalization;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Batch.Report;

/// <summary>
/// Reads the results a run wrote into a folder (<c>summary.json</c>, <c>organisations.csv</c>, <c>teams.csv</c>,
/// <c>members.csv</c>) as a <see cref="ResultSource"/>: the headers at once, the rows as they are enumerated, one at a
/// time, so that a whole province streams through in little memory.
/// </summary>
public static class ResultFolderRows
{
    /// <summary>The files a report reads, by kind.</summary>
    private static readonly (string Kind, string File)[] Files = [("党组织", "organisations.csv"), ("领导班子", "teams.csv"), ("党员", "members.csv")];

    /// <summary>The summary and the three result files of <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A result file is missing: the folder holds no complete CSV results.</exception>
    public static ResultSource Open(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"结果文件夹“{folder}”不存在 (the results folder '{folder}' does not exist)");
        }

        ResultFolder.Recover(folder); // a run killed while switching its results in: roll it forward first
        var missing = Files.Select(f => f.File).Prepend("summary.json").Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"结果文件夹“{folder}”不完整：缺少 {string.Join("、", missing)}；请先用 grading grade 评定（--format csv 或 both） " +
                $"(the results folder '{folder}' is incomplete: {string.Join(", ", missing)} missing; grade into it first, with CSV results)");
        }

        BatchSummary summary;
        using (var reader = new StreamReader(Path.Combine(folder, "summary.json")))
        {
            summary = SummaryJson.Read(reader);
        }

        return new ResultSource(summary, [.. Files.Select(f => Table(f.Kind, Path.Combine(folder, f.File)))]) { TablesReadTogether = true };
    }

    private static ResultTable Table(string kind, string path)
    {
        using var records = new ResultCsv(path);
        var layout = new Layout(records.Header, path);
        return new ResultTable(kind, layout.RegionLevels, layout.Items, Rows(path, layout)) { MeasuresRecorded = layout.HasMeasures };
    }

    private static IEnumerable<ResultRow> Rows(string path, Layout layout)
    {
        using var records = new ResultCsv(path);
        while (records.Next() is { } cells)
        {
            if (cells.Length > 0)
            {
                yield return layout.Row(cells);
            }
        }
    }

    /// <summary>Where each column is in a result file's header.</summary>
    private sealed class Layout
    {
        private readonly int _id;
        private readonly int _organisation;
        private readonly int _name;
        private readonly int _regions;
        private readonly int _level;
        private readonly int _total;
        private readonly int _items;
        private readonly int _flags;
        private readonly int _measures;
        private readonly int _quota;
        private readonly int _bottom;
        private readonly int _lastYear;

        public Layout(IReadOnlyList<string> header, string path)
        {
            int Find(string name) => header.ToList().IndexOf(name);
            _level = Find("等级");
            _total = Find("总分");
            _flags = Find("标记");
            _measures = Find("措施");
            if (header.Count == 0 || _level < 0 || _total != _level + 1 || _flags < _total)
            {
                throw new InvalidDataException($"“{path}”不是评定结果文件：缺少 等级、总分 或 标记 列 (not a results file: 等级, 总分 or 标记 missing)");
            }

            _id = 0;
            _organisation = Find("组织编号") is var o and >= 0 ? o : 0;
            _name = Find("组织名称");
            _regions = Math.Max(Math.Max(_id, _organisation), _name) + 1;
            _items = _total + 1;
            _quota = Find("名额调整");
            _bottom = Find("末位排名");
            _lastYear = Find("上年等级");
            RegionLevels = _name < 0 ? [] : [.. header.Skip(_regions).Take(_level - _regions)];
            Items = [.. header.Skip(_items).Take(_flags - _items)];
        }

        public IReadOnlyList<string> RegionLevels { get; }

        /// <summary>Whether the file has a 措施 column (a run's members.csv has none unless their measures were asked for).</summary>
        public bool HasMeasures => _measures >= 0;

        public IReadOnlyList<string> Items { get; }

        public ResultRow Row(string[] cells)
        {
            string Cell(int index) => index >= 0 && index < cells.Length ? Unguarded(cells[index]) : string.Empty;
            var items = new double?[Items.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Number(Cell(_items + i));
            }

            var regions = new string[RegionLevels.Count];
            for (var i = 0; i < regions.Length; i++)
            {
                regions[i] = Cell(_regions + i);
            }

            return new ResultRow(
                Cell(_id),
                Cell(_organisation),
                Cell(_name),
                regions,
                Cell(_level),
                Number(Cell(_total)) ?? 0,
                items,
                List(Cell(_flags), '、'),
                List(Cell(_measures), '；'),
                Cell(_quota),
                Cell(_bottom),
                Cell(_lastYear));
        }

        /// <summary>
        /// The text a cell holds without the <c>'</c> the results put in front of text a spreadsheet would evaluate
        /// (<c>'=…</c>, <c>'+…</c>, <c>'-…</c>, <c>'@…</c>): the text as graded, as the run and the store give it.
        /// </summary>
        private static string Unguarded(string cell) =>
            cell.Length > 1 && cell[0] == '\'' && Output.CharBuffer.StartsFormula(cell[1]) ? cell[1..] : cell;

        private static double? Number(string cell) =>
            double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

        private static string[] List(string cell, char separator) =>
            cell.Length == 0 ? [] : cell.Split(separator, StringSplitOptions.RemoveEmptyEntries);
    }
}
