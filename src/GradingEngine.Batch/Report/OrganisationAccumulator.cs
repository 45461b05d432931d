using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Report;

/// <summary>
/// What only organisations give: the transitions from last year, the biggest movers, the counts per region and the
/// quota groups, and each last-region's bottom-ranked organisations. Counts and bounded lists only.
/// </summary>
internal sealed class OrganisationAccumulator
{
    private static readonly IComparer<LevelMove> UpOrder = Comparer<LevelMove>.Create((a, b) =>
        b.Steps.CompareTo(a.Steps) is var c and not 0 ? c
        : b.Total.CompareTo(a.Total) is var t and not 0 ? t
        : string.CompareOrdinal(a.OrganisationId, b.OrganisationId));

    private static readonly IComparer<LevelMove> DownOrder = Comparer<LevelMove>.Create((a, b) =>
        a.Steps.CompareTo(b.Steps) is var c and not 0 ? c
        : a.Total.CompareTo(b.Total) is var t and not 0 ? t
        : string.CompareOrdinal(a.OrganisationId, b.OrganisationId));

    private static readonly IComparer<BottomMark> BottomOrder = Comparer<BottomMark>.Create((a, b) =>
        a.Total.CompareTo(b.Total) is var t and not 0 ? t : string.CompareOrdinal(a.OrganisationId, b.OrganisationId));

    private readonly CheckedScheme _scheme;
    private readonly string[] _levels;
    private readonly long[,] _matrix;
    private readonly Dictionary<string, Region> _regions = new(StringComparer.Ordinal);
    private readonly List<Region> _topRegions = [];
    private long _new;
    private bool _hasLastYear;

    public OrganisationAccumulator(IReadOnlyList<string> regionLevels, CheckedScheme scheme)
    {
        RegionLevels = regionLevels;
        _scheme = scheme;
        _levels = [.. scheme.Levels.Select(l => l.DisplayName)];
        _matrix = new long[_levels.Length, _levels.Length];
    }

    public IReadOnlyList<string> RegionLevels { get; }

    public TopList<LevelMove> MovedUp { get; } = new(ProvinceReport.ListLimit, UpOrder);

    public TopList<LevelMove> MovedDown { get; } = new(ProvinceReport.ListLimit, DownOrder);

    public void Add(ResultRow row, int level)
    {
        var last = LastYearOrdinal(row.LastYearLevel);
        if (row.LastYearLevel.Length > 0)
        {
            _hasLastYear = true;
        }

        var path = string.Join('/', row.Regions);
        if (level >= 0 && last >= 0)
        {
            _matrix[last, level]++;
            var steps = last - level; // levels are best first: a smaller ordinal is better
            if (steps != 0)
            {
                var move = new LevelMove(row.Id, row.Name, path, _levels[last], _levels[level], steps, row.Total);
                (steps > 0 ? MovedUp : MovedDown).Add(move);
            }
        }
        else if (level >= 0 && row.LastYearLevel.Length == 0)
        {
            _new++;
        }

        Region? parent = null;
        for (var depth = 1; depth <= row.Regions.Count; depth++)
        {
            var key = depth == row.Regions.Count ? path : string.Join('/', row.Regions.Take(depth));
            if (!_regions.TryGetValue(key, out var region))
            {
                region = new Region(key, row.Regions[depth - 1], depth, _levels.Length, isLast: depth == RegionLevels.Count);
                _regions.Add(key, region);
                (parent?.Children ?? _topRegions).Add(region);
            }

            region.Add(row, level, last);
            parent = region;
        }
    }

    private int LastYearOrdinal(string label)
    {
        if (label.Length == 0)
        {
            return -1;
        }

        var at = Array.IndexOf(_levels, label);
        if (at < 0)
        {
            for (var i = 0; i < _scheme.Levels.Count; i++)
            {
                if (_scheme.Levels[i].Id == label)
                {
                    return i;
                }
            }
        }

        return at;
    }

    public TransitionSummary? Transitions()
    {
        if (!_hasLastYear)
        {
            return null;
        }

        long up = 0, same = 0, down = 0;
        var matrix = new List<IReadOnlyList<long>>();
        for (var last = 0; last < _levels.Length; last++)
        {
            var row = new long[_levels.Length];
            for (var now = 0; now < _levels.Length; now++)
            {
                row[now] = _matrix[last, now];
                if (now < last)
                {
                    up += row[now];
                }
                else if (now == last)
                {
                    same += row[now];
                }
                else
                {
                    down += row[now];
                }
            }

            matrix.Add(row);
        }

        var bottom = _levels.Length - 1;
        var bottomLastYear = _levels.Length == 0 ? 0 : matrix[bottom].Sum();
        var bottomMovedUp = _levels.Length == 0 ? 0 : matrix[bottom].Take(bottom).Sum();
        return new TransitionSummary(up + same + down, up, same, down, _new, bottomLastYear, bottomMovedUp, _levels, matrix);
    }

    /// <summary>Every region, each followed by the regions in it, in the order they first appear.</summary>
    public IReadOnlyList<RegionReport> Regions()
    {
        var list = new List<RegionReport>();
        void Visit(Region region)
        {
            list.Add(region.ToReport(_levels));
            foreach (var child in region.Children)
            {
                Visit(child);
            }
        }

        foreach (var region in _topRegions)
        {
            Visit(region);
        }

        return list;
    }

    /// <summary>Each organisation quota whose groups are regions, with every group's count at its level against what it allows.</summary>
    public IReadOnlyList<QuotaReport> Quotas()
    {
        var quotas = new List<QuotaReport>();
        foreach (var quota in _scheme.Quotas)
        {
            var depth = RegionLevels.ToList().IndexOf(quota.Within) + 1;
            if (depth == 0)
            {
                continue;
            }

            var groups = Regions().Where(r => r.Depth == depth).Select(r => new QuotaGroup(
                r.Path,
                r.Organisations,
                r.Levels[quota.LevelOrdinal].Count,
                MemberQuotas.Allowed(quota.Share, (int)r.Organisations, quota.Rounding),
                r.QuotaMoved)).ToList();
            quotas.Add(new QuotaReport(quota.Id, quota.DisplayName, _levels[quota.LevelOrdinal], quota.Within, quota.Share, groups));
        }

        return quotas;
    }

    private sealed class Region(string path, string name, int depth, int levels, bool isLast)
    {
        private readonly long[] _levels = new long[levels];
        private readonly TopList<BottomMark>? _bottom = isLast ? new(ProvinceReport.ListLimit, BottomOrder) : null;
        private long _organisations;
        private long _quotaMoved;
        private long _bottomMarked;
        private long _up;
        private long _same;
        private long _down;

        public List<Region> Children { get; } = [];

        public void Add(ResultRow row, int level, int last)
        {
            _organisations++;
            if (level >= 0)
            {
                _levels[level]++;
            }

            if (row.QuotaNote.Length > 0)
            {
                _quotaMoved++;
            }

            if (row.BottomNote.Length > 0)
            {
                _bottomMarked++;
                _bottom?.Add(new BottomMark(row.Id, row.Name, row.Level, row.Total, row.BottomNote));
            }

            if (level >= 0 && last >= 0)
            {
                if (level < last)
                {
                    _up++;
                }
                else if (level == last)
                {
                    _same++;
                }
                else
                {
                    _down++;
                }
            }
        }

        public RegionReport ToReport(string[] labels) => new(
            path,
            name,
            depth,
            _organisations,
            [.. labels.Select((label, i) => new LevelCount(label, _levels[i], ReportAggregator.Share(_levels[i], _organisations)))],
            _quotaMoved,
            _bottomMarked,
            _up,
            _same,
            _down,
            _bottom?.ToList() ?? []);
    }
}
