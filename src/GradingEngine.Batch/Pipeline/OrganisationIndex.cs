namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The organisations of a run by ordinal (file order of the rows the index accepted): id, line and region. Members
/// and teams are matched against it; quotas and bottom rankings group by its region columns. Built by
/// <see cref="IndexStage"/>; read by every later stage, from any thread.
/// </summary>
internal sealed class OrganisationIndex
{
    private readonly List<string> _ids = [];
    private readonly List<long> _lines = [];
    private readonly List<int[]> _groups = [];          // per organisation: value id per group column
    private readonly List<List<string>> _groupValues = []; // per group column: distinct values, in order of first appearance
    private readonly List<Dictionary<string, int>> _groupValueIds = [];
    private readonly Dictionary<string, int> _ordinalById = new(StringComparer.Ordinal);
    private readonly List<int[]?> _regionPaths = []; // by region level, once asked for
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public OrganisationIndex(IReadOnlyList<string> groupColumns, IReadOnlyList<string> regionLevels)
    {
        GroupColumns = groupColumns;
        RegionLevels = regionLevels;
        foreach (var _ in groupColumns)
        {
            _groupValues.Add([]);
            _groupValueIds.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        }

        _lookup = _ordinalById.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The region columns, then the other grouping columns.</summary>
    public IReadOnlyList<string> GroupColumns { get; }

    /// <summary>The region columns (省, 市, 县 …): the first of <see cref="GroupColumns"/>.</summary>
    public IReadOnlyList<string> RegionLevels { get; }

    public int Count => _ids.Count;

    public string IdOf(int ordinal) => _ids[ordinal];

    /// <summary>The line of the organisation's row in the organisations file.</summary>
    public long LineOf(int ordinal) => _lines[ordinal];

    /// <summary>The ordinal of the organisation an id names, or -1.</summary>
    public int OrdinalOf(ReadOnlySpan<char> id) => _lookup.TryGetValue(id, out var ordinal) ? ordinal : -1;

    /// <summary>The id of the value the organisation has in group column <paramref name="group"/>.</summary>
    public int GroupOf(int ordinal, int group) => _groups[ordinal][group];

    /// <summary>The text of a value of group column <paramref name="group"/>.</summary>
    public string GroupValue(int group, int value) => _groupValues[group][value];

    /// <summary>The organisation's value in group column <paramref name="group"/>.</summary>
    public string GroupValueOf(int ordinal, int group) => _groupValues[group][_groups[ordinal][group]];

    /// <summary>The one value of the first region column (the province) when every organisation has the same; else empty.</summary>
    public string Province => GroupColumns.Count > 0 && RegionLevels.Count > 0 && _groupValues[0].Count == 1 ? _groupValues[0][0] : string.Empty;

    /// <summary>The region's path of an organisation, e.g. 示例省/青岚市/东湖区.</summary>
    public string RegionPath(int ordinal) => string.Join("/", Enumerable.Range(0, RegionLevels.Count).Select(g => GroupValueOf(ordinal, g)));

    /// <summary>Adds an organisation whose id is not in the index yet.</summary>
    public void Add(string id, long line, int[] groups)
    {
        _ordinalById.Add(id, _ids.Count);
        _ids.Add(id);
        _lines.Add(line);
        _groups.Add(groups);
    }

    /// <summary>The id of a value of a group column, added when new; an empty value is （未填）.</summary>
    public int GroupValueId(int group, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            value = "（未填）";
        }

        var ids = _groupValueIds[group].GetAlternateLookup<ReadOnlySpan<char>>();
        if (!ids.TryGetValue(value, out var id))
        {
            var text = value.ToString();
            ids.Dictionary[text] = id = _groupValues[group].Count;
            _groupValues[group].Add(text);
        }

        return id;
    }

    public int IndexOfGroup(string column)
    {
        for (var g = 0; g < GroupColumns.Count; g++)
        {
            if (GroupColumns[g] == column)
            {
                return g;
            }
        }

        throw new InvalidOperationException($"Group column '{column}' was not indexed.");
    }

    /// <summary>The group's name for messages, e.g. 示例省青山市东湖区 (the region values down to the group's column).</summary>
    public string GroupName(string within, int ordinal)
    {
        var column = IndexOfGroup(within);
        var levelIndex = RegionLevelOf(within);

        if (levelIndex < 0)
        {
            return $"{within}“{GroupValueOf(ordinal, column)}”";
        }

        return string.Concat(Enumerable.Range(0, levelIndex + 1).Select(g => GroupValueOf(ordinal, g)));
    }

    /// <summary>
    /// The organisations <paramref name="include"/> accepts, grouped by their value in a column, groups in order of first
    /// appearance; by a region level, grouped by the region's path down to it: two counties of one name in two cities
    /// are two groups.
    /// </summary>
    public List<List<int>> Groups(string within, Func<int, bool> include)
    {
        var column = IndexOfGroup(within);
        var paths = RegionLevelOf(within) is var level and >= 0 ? RegionPaths(level) : null;
        var byValue = new Dictionary<int, List<int>>();
        var groups = new List<List<int>>();
        for (var ordinal = 0; ordinal < Count; ordinal++)
        {
            if (!include(ordinal))
            {
                continue;
            }

            var key = paths is null ? _groups[ordinal][column] : paths[ordinal];
            if (!byValue.TryGetValue(key, out var list))
            {
                byValue[key] = list = [];
                groups.Add(list);
            }

            list.Add(ordinal);
        }

        return groups;
    }

    /// <summary>The index of <paramref name="column"/> among the region levels; -1 when it is not one.</summary>
    private int RegionLevelOf(string column)
    {
        var level = -1;
        for (var i = 0; i < RegionLevels.Count; i++)
        {
            if (RegionLevels[i] == column)
            {
                level = i;
            }
        }

        return level;
    }

    /// <summary>
    /// Each organisation's region down to <paramref name="level"/> as a number, the same for the same path: made once
    /// per level (a quota and a bottom ranking within 县 share it), a level's from the level above's.
    /// </summary>
    private int[] RegionPaths(int level)
    {
        if (_regionPaths.Count > level && _regionPaths[level] is { } made && made.Length == Count)
        {
            return made;
        }

        var above = level > 0 ? RegionPaths(level - 1) : null;
        var paths = new int[Count];
        var ids = new Dictionary<long, int>();
        for (var ordinal = 0; ordinal < Count; ordinal++)
        {
            var step = ((long)(above?[ordinal] ?? -1) << 32) | (uint)_groups[ordinal][level];
            if (!ids.TryGetValue(step, out var path))
            {
                ids[step] = path = ids.Count;
            }

            paths[ordinal] = path;
        }

        while (_regionPaths.Count <= level)
        {
            _regionPaths.Add(null);
        }

        return _regionPaths[level] = paths;
    }
}
