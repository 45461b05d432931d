using GradingEngine.Grading;

namespace GradingEngine.Batch.WhatIf;

/// <summary>
/// Compares two result files of one kind, written by two runs over the same data, subject by subject. Both list the
/// graded rows in input order, so they are walked side by side; a row only one run graded (the other rejected it)
/// waits in a small table until the walk ends. Identical records are counted without being split.
/// </summary>
internal sealed class ResultComparer(IReadOnlyList<string> regionLevels)
{
    /// <summary>How many changes the HTML page lists (all of them are in changes.csv).</summary>
    public const int PageChanges = 500;

    private readonly Dictionary<string, string[]> _organisationRegions = new(StringComparer.Ordinal);
    private readonly List<KindComparison> _kinds = [];
    private readonly List<RegionComparison> _regions = [];

    /// <summary>The first changes of each kind, for the HTML page.</summary>
    public List<SubjectChange> FirstChanges { get; } = [];

    public void Compare(
        string kind,
        string beforePath,
        string afterPath,
        int organisationColumn,
        GradingScheme beforeScheme,
        GradingScheme afterScheme,
        Action<SubjectChange> write,
        CancellationToken cancellationToken)
    {
        using var before = new ResultRecords(beforePath);
        using var after = new ResultRecords(afterPath);
        var beforeColumns = new ColumnSet(before, organisationColumn, regionLevels);
        var afterColumns = new ColumnSet(after, organisationColumn, regionLevels);
        var reason = new ChangeReason(beforeColumns, afterColumns, beforeScheme, afterScheme);
        var ownRegions = afterColumns.Regions.All(c => c >= 0);
        var matrix = new Dictionary<(string, string), long>();
        var regions = new Dictionary<(int Level, string Name), (long Compared, long Changed, Dictionary<(string, string), long> Moves)>();
        var (compared, changed, totalChanged) = (0L, 0L, 0L);
        var pendingBefore = new Dictionary<string, string>(StringComparer.Ordinal);
        var pendingAfter = new Dictionary<string, string>(StringComparer.Ordinal);
        var shown = 0;

        void Count(string[]? regionNames, string from, string to)
        {
            matrix[(from, to)] = matrix.GetValueOrDefault((from, to)) + 1;
            if (regionNames is null)
            {
                return;
            }

            // The province is the kind's own matrix; each region below it counts its subjects and its changes.
            for (var level = 1; level < regionNames.Length; level++)
            {
                var key = (level, string.Join(" ", regionNames[1..(level + 1)]));
                var entry = regions.TryGetValue(key, out var e) ? e : (0, 0, new Dictionary<(string, string), long>());
                entry.Compared++;
                if (from != to)
                {
                    entry.Changed++;
                    entry.Moves[(from, to)] = entry.Moves.GetValueOrDefault((from, to)) + 1;
                }

                regions[key] = entry;
            }
        }

        string[]? RegionsOf(string raw, string[]? cells)
        {
            if (ownRegions)
            {
                cells ??= ResultRecords.Split(raw);
                var names = afterColumns.Regions.Select(c => cells[c]).ToArray();
                _organisationRegions[cells[0]] = names;
                return names;
            }

            var organisation = cells?[organisationColumn] ?? Cell(raw, organisationColumn);
            return _organisationRegions.GetValueOrDefault(organisation);
        }

        void Change(string[] cells, string[]? regionNames, string from, string to, string totalBefore, string totalAfter, string why)
        {
            changed++;
            var change = new SubjectChange(kind, cells[0], cells[organisationColumn], regionNames ?? [], from, to, totalBefore, totalAfter, why);
            write(change);
            if (shown++ < PageChanges)
            {
                FirstChanges.Add(change);
            }
        }

        void Pair(string rawBefore, string rawAfter)
        {
            compared++;
            if (rawBefore == rawAfter)
            {
                var level = Cell(rawBefore, beforeColumns.Level);
                Count(RegionsOf(rawBefore, null), level, level);
                return;
            }

            var b = ResultRecords.Split(rawBefore);
            var a = ResultRecords.Split(rawAfter);
            var (from, to) = (b[beforeColumns.Level], a[afterColumns.Level]);
            var names = RegionsOf(rawAfter, a);
            Count(names, from, to);
            if (b[beforeColumns.Total] != a[afterColumns.Total])
            {
                totalChanged++;
            }

            if (from != to)
            {
                Change(a, names, from, to, b[beforeColumns.Total], a[afterColumns.Total], reason.Explain(b, a, from, to));
            }
        }

        var rows = 0L;
        while (true)
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var rb = before.Next();
            var ra = after.Next();
            if (rb is null && ra is null)
            {
                break;
            }

            if (rb is not null && ra is not null && ResultRecords.FirstCell(rb) == ResultRecords.FirstCell(ra))
            {
                Pair(rb, ra);
                continue;
            }

            if (rb is not null)
            {
                var id = ResultRecords.FirstCell(rb);
                if (pendingAfter.Remove(id, out var match))
                {
                    Pair(rb, match);
                }
                else
                {
                    pendingBefore[id] = rb;
                }
            }

            if (ra is not null)
            {
                var id = ResultRecords.FirstCell(ra);
                if (pendingBefore.Remove(id, out var match))
                {
                    Pair(match, ra);
                }
                else
                {
                    pendingAfter[id] = ra;
                }
            }
        }

        // Rows one run graded and the other rejected (an input the other scheme does not accept): in input order of id.
        foreach (var (id, raw) in pendingBefore.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var cells = ResultRecords.Split(raw);
            Change(cells, RegionsOf(raw, cells), cells[beforeColumns.Level], string.Empty, cells[beforeColumns.Total], string.Empty, "新方案未评定：该行被拒绝（见新方案的 errors.csv）");
        }

        foreach (var (id, raw) in pendingAfter.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var cells = ResultRecords.Split(raw);
            Change(cells, RegionsOf(raw, cells), string.Empty, cells[afterColumns.Level], string.Empty, cells[afterColumns.Total], "原方案未评定：该行被拒绝（见原方案的 errors.csv）");
        }

        var order = beforeScheme.Levels.Select(l => l.Label).Concat(afterScheme.Levels.Select(l => l.Label)).Append(string.Empty).Distinct().ToList();
        int Rank(string label) => order.IndexOf(label) is var i and >= 0 ? i : order.Count;
        List<LevelTransition> Sorted(Dictionary<(string From, string To), long> counts) =>
            [.. counts.OrderBy(p => Rank(p.Key.From)).ThenBy(p => Rank(p.Key.To)).ThenBy(p => p.Key.From, StringComparer.Ordinal).ThenBy(p => p.Key.To, StringComparer.Ordinal)
                .Select(p => new LevelTransition(p.Key.From, p.Key.To, p.Value))];

        _kinds.Add(new KindComparison(kind, compared, changed, totalChanged, pendingBefore.Count, pendingAfter.Count, Sorted(matrix)));
        foreach (var ((level, name), entry) in regions.OrderBy(p => p.Key.Level).ThenBy(p => p.Key.Name, StringComparer.Ordinal))
        {
            _regions.Add(new RegionComparison(kind, regionLevels[level], name, entry.Compared, entry.Changed, Sorted(entry.Moves)));
        }
    }

    public SchemeComparisonSummary Summary(string before, string after) => new(before, after, [.. _kinds], [.. _regions], []);

    /// <summary>The cell at <paramref name="index"/> of a raw record, without splitting the rest.</summary>
    internal static string Cell(string raw, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (start < raw.Length && raw[start] == '"')
            {
                return ResultRecords.Split(raw)[index];
            }

            var comma = raw.IndexOf(',', start);
            if (comma < 0)
            {
                return string.Empty;
            }

            start = comma + 1;
        }

        if (start < raw.Length && raw[start] == '"')
        {
            return ResultRecords.Split(raw)[index];
        }

        var end = raw.IndexOf(',', start);
        return end < 0 ? raw[start..] : raw[start..end];
    }
}
