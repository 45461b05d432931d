using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Batch;

internal sealed partial class ProvinceRun
{
    private long _orgRowsRead;
    private long _orgRejected;
    private long _orgBlankLines;
    private (long Lines, long Header, long Continuation) _orgFileLines;
    private string _orgEncoding = "";
    private List<string> _orgWarnings = [];

    /// <summary>
    /// First pass over the organisations file: gives each organisation an ordinal, notes its line and region, and
    /// rejects rows with no id, a duplicate id or a malformed record. Members and teams are matched against this index.
    /// </summary>
    private void IndexOrganisations()
    {
        using var reader = Open(_files.Organisations);
        var conventions = FileConventions.Organisations(_groupColumns);
        var maps = new ColumnMaps(_org, conventions);
        var block = reader.NewBlock();
        var file = FileName(_files.Organisations);
        while (reader.ReadBlock(block))
        {
            _cancellation.ThrowIfCancellationRequested();
            var map = maps.For(block);
            for (var r = 0; r < block.Count; r++)
            {
                _orgRowsRead++;
                var line = block.LineOf(r);
                var id = FieldIn(block, r, map.SubjectIdColumn);
                if (block.ErrorOf(r) is { } error)
                {
                    Reject(file, line, CellProblem.Malformed(error), id);
                    continue;
                }

                if (id.IsEmpty)
                {
                    Reject(file, line, new CellProblem(map.SubjectIdColumn + 1, "组织编号", "缺少组织编号 (organisation id missing)"), id);
                    continue;
                }

                var key = id.ToString();
                if (_ordinalById.TryGetValue(key, out var first))
                {
                    Reject(file, line, new CellProblem(map.SubjectIdColumn + 1, "组织编号", $"组织编号“{key}”重复，首次出现在第 {_orgLines[first]} 行 (duplicate organisation id; first at line {_orgLines[first]})"), id);
                    continue;
                }

                var groups = new int[_groupColumns.Count];
                for (var c = 0; c < map.Roles.Length; c++)
                {
                    if (map.GroupIndex[c] is var g and >= 0)
                    {
                        groups[g] = GroupValueId(g, FieldIn(block, r, c));
                    }
                }

                for (var g = 0; g < groups.Length; g++)
                {
                    if (!map.GroupIndex.Contains(g))
                    {
                        groups[g] = GroupValueId(g, default);
                    }
                }

                _ordinalById.Add(key, _orgIds.Count);
                _orgIds.Add(key);
                _orgLines.Add(line);
                _orgGroups.Add(groups);
            }

            Report("党组织（索引）", _orgRowsRead, reader);
        }

        _ordinalLookup = _ordinalById.GetAlternateLookup<ReadOnlySpan<char>>();
        _orgBlankLines = reader.BlankLines;
        _orgFileLines = (reader.Lines, reader.HeaderLines, reader.ContinuationLines);
        _orgEncoding = reader.Encoding.WebName;
        _orgWarnings = maps.Warnings();

        void Reject(string file, long line, CellProblem problem, ReadOnlySpan<char> id)
        {
            _orgRejected++;
            _errors.Add(file, line, problem, id);
        }
    }

    private int GroupValueId(int group, ReadOnlySpan<char> value)
    {
        var text = value.IsEmpty ? "（未填）" : value.ToString();
        var ids = _groupValueIds[group];
        if (!ids.TryGetValue(text, out var id))
        {
            ids[text] = id = _groupValues[group].Count;
            _groupValues[group].Add(text);
        }

        return id;
    }

    /// <summary>The ordinal of the organisation a member or team row names, or -1.</summary>
    private int OrdinalOf(ReadOnlySpan<char> id) =>
        _ordinalLookup.TryGetValue(id, out var ordinal) ? ordinal : -1;

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ordinalLookup;

    private FileSummary OrganisationFileSummary(long graded) =>
        new("党组织", _files.Organisations, _orgEncoding, _orgRowsRead, graded, _orgRejected, _orgBlankLines,
            _orgFileLines.Lines, _orgFileLines.Header, _orgFileLines.Continuation, _orgWarnings);
}
