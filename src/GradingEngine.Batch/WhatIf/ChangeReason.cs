using System.Globalization;
using GradingEngine.Grading;

namespace GradingEngine.Batch.WhatIf;

/// <summary>
/// Says in Chinese why a subject's level differs between two gradings of the same data: the items whose points
/// changed and the total; a level threshold that moved past the total; flags raised or cleared (a veto or gate); a
/// quota that took or freed a slot.
/// </summary>
internal sealed class ChangeReason
{
    private readonly ColumnSet _before;
    private readonly ColumnSet _after;
    private readonly IReadOnlyList<(string Label, double? Before, double? After)> _thresholds;

    public ChangeReason(ColumnSet before, ColumnSet after, GradingScheme beforeScheme, GradingScheme afterScheme)
    {
        _before = before;
        _after = after;
        var old = beforeScheme.Model.Levels.ToDictionary(l => l.DisplayName, l => l.MinScore, StringComparer.Ordinal);
        _thresholds = afterScheme.Model.Levels
            .Select(l => (l.DisplayName, old.TryGetValue(l.DisplayName, out var min) ? min : null, l.MinScore))
            .Where(t => t.Item2 != t.MinScore)
            .ToList();
    }

    public string Explain(string[] before, string[] after, string from, string to)
    {
        var parts = new List<string>();
        var quotaBefore = _before.Quota >= 0 ? before[_before.Quota] : string.Empty;
        var quotaAfter = _after.Quota >= 0 ? after[_after.Quota] : string.Empty;
        if (quotaBefore != quotaAfter)
        {
            parts.Add(quotaAfter.Length > 0
                ? $"名额调整：{quotaAfter}"
                : $"名额空出，不再调整（原：{quotaBefore}）");
        }

        var totalBefore = before[_before.Total];
        var totalAfter = after[_after.Total];
        if (totalBefore != totalAfter)
        {
            var items = new List<string>();
            foreach (var (name, index) in _after.Items)
            {
                var was = _before.Item(name) is var b and >= 0 ? before[b] : "无";
                if (was != after[index])
                {
                    items.Add($"{name} {was}→{after[index]}");
                }
            }

            foreach (var (name, index) in _before.Items.Where(i => _after.Item(i.Name) < 0))
            {
                items.Add($"{name} {before[index]}→无");
            }

            parts.Add($"总分 {totalBefore}→{totalAfter}" + (items.Count > 0 ? $"（{string.Join("，", items)}）" : string.Empty));
        }

        var total = double.TryParse(totalAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN;
        foreach (var (label, was, now) in _thresholds)
        {
            if (label == from || label == to)
            {
                var verdict = now is { } min && !double.IsNaN(total)
                    ? total >= min ? $"总分 {totalAfter} 达到新分数线" : $"总分 {totalAfter} 低于新分数线"
                    : "分数线变化";
                parts.Add($"“{label}”分数线 {Number(was)}→{Number(now)}，{verdict}");
            }
        }

        var flagsBefore = Flags(before, _before);
        var flagsAfter = Flags(after, _after);
        var raised = flagsAfter.Except(flagsBefore, StringComparer.Ordinal).ToList();
        var cleared = flagsBefore.Except(flagsAfter, StringComparer.Ordinal).ToList();
        if (raised.Count > 0)
        {
            parts.Add($"新增标记：{string.Join("、", raised)}");
        }

        if (cleared.Count > 0)
        {
            parts.Add($"不再标记：{string.Join("、", cleared)}");
        }

        return parts.Count > 0 ? string.Join("；", parts) : $"等级条件变化（{from}→{to}）";
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "无";

    private static IEnumerable<string> Flags(string[] cells, ColumnSet columns) =>
        columns.Flags >= 0 && cells[columns.Flags].Length > 0 ? cells[columns.Flags].Split('、') : [];
}

/// <summary>Where the columns the comparison reads are in one result file's header.</summary>
internal sealed class ColumnSet
{
    private readonly Dictionary<string, int> _items;

    public ColumnSet(ResultRecords file, int organisationColumn, IReadOnlyList<string> regionLevels)
    {
        int Require(string name) => file.Column(name) is var i and >= 0
            ? i
            : throw new BatchInputException($"结果文件缺少“{name}”列 (the result file has no '{name}' column)");
        Level = Require("等级");
        Total = Require("总分");
        Flags = file.Column("标记");
        Quota = file.Column("名额调整");
        Organisation = organisationColumn;
        Regions = regionLevels.Select(file.Column).ToArray();
        var end = Flags >= 0 ? Flags : file.Header.Count;
        _items = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = Total + 1; i < end; i++)
        {
            _items[file.Header[i]] = i;
        }

        Items = _items.Select(p => (p.Key, p.Value)).OrderBy(p => p.Value).ToList();
    }

    public int Level { get; }
    public int Total { get; }
    public int Flags { get; }
    public int Quota { get; }
    public int Organisation { get; }

    /// <summary>The region columns (from the province down), -1 where the file has none (teams and members).</summary>
    public int[] Regions { get; }

    public IReadOnlyList<(string Name, int Index)> Items { get; }

    public int Item(string name) => _items.TryGetValue(name, out var i) ? i : -1;
}
