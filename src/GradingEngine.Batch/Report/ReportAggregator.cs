using System.Text;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Report;

/// <summary>Builds a <see cref="ProvinceReport"/> from a run's rows, each table enumerated once, keeping counts and bounded lists only.</summary>
internal static class ReportAggregator
{
    public const string NoLevel = "不评定";
    private const int MaxTextKeys = 10_000;

    public static ProvinceReport Build(ResultSource source, SchemeCatalogue catalogue)
    {
        var summary = source.Summary;
        var org = Scheme(catalogue, summary, "党组织");
        var tables = source.Tables.Select(t => (Table: t, Scheme: Scheme(catalogue, summary, t.Kind))).ToList();
        var organisations = new OrganisationAccumulator(tables.FirstOrDefault(t => t.Table.Kind == "党组织").Table?.RegionLevels ?? [], org.Model);
        KindReport Aggregate((ResultTable Table, GradingScheme Scheme) table)
        {
            var kind = new KindAccumulator(table.Table, table.Scheme);
            var regions = table.Table.Kind == "党组织" ? organisations : null;
            foreach (var row in table.Table.Rows)
            {
                kind.Add(row);
                regions?.Add(row, kind.LevelOrdinal(row.Level));
            }

            return kind.ToReport();
        }

        var kinds = source.TablesReadTogether
            ? tables.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Min(tables.Count, Environment.ProcessorCount) is > 0 and var n ? n : 1).Select(Aggregate).ToList()
            : tables.Select(Aggregate).ToList();
        return new ProvinceReport(
            org.Id,
            org.Version,
            org.Name,
            [.. kinds.OrderBy(k => KindOrder(k.Kind))],
            organisations.Transitions(),
            organisations.MovedUp.ToList(),
            organisations.MovedDown.ToList(),
            organisations.RegionLevels,
            organisations.Regions(),
            organisations.Quotas(),
            summary.BatchRules);
    }

    private static int KindOrder(string kind) => kind switch { "党组织" => 0, "领导班子" => 1, "党员" => 2, _ => 3 };

    /// <summary>The scheme that graded a kind: the id and version the summary names.</summary>
    private static GradingScheme Scheme(SchemeCatalogue catalogue, BatchSummary summary, string kind)
    {
        var named = summary.Kinds.FirstOrDefault(k => k.Kind == kind);
        var (id, version) = named is null ? (summary.SchemeId, summary.SchemeVersion) : (named.SchemeId, named.SchemeVersion);
        var scheme = catalogue.All.FirstOrDefault(s => s.Id == id && s.Version == version);
        if (scheme is not null)
        {
            return scheme;
        }

        var versions = string.Join("、", catalogue.All.Where(s => s.Id == id).Select(s => s.Version));
        throw new ArgumentException(versions.Length == 0
            ? $"方案目录中没有评定{kind}的方案“{id}”；用 --schemes 指定评定时用的方案文件夹 (no scheme '{id}' in the catalogue; give the schemes folder the run used)"
            : $"方案目录中没有“{id}”的版本 {version}（有：{versions}）；用 --schemes 指定评定时用的方案文件夹 (the catalogue has no version {version} of '{id}'; give the schemes folder the run used)");
    }

    /// <summary>A count's share of a whole, rounded to 4 places as the summary rounds it.</summary>
    public static double Share(long count, long total) => total == 0 ? 0 : Math.Round((double)count / total, 4, MidpointRounding.AwayFromZero);

    /// <summary>A measure's text with its numbers written as #: one measure of different numbers counts once.</summary>
    public static string WithoutNumbers(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                builder.Append(text[i]);
                continue;
            }

            while (i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] == '.' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
            {
                i++;
            }

            builder.Append('#');
        }

        return builder.ToString();
    }

    /// <summary>Levels, flags, measures and item scores of one kind.</summary>
    private sealed class KindAccumulator
    {
        private readonly ResultTable _table;
        private readonly GradingScheme _scheme;
        private readonly string[] _levels;
        private readonly long[] _levelCounts;
        private readonly Dictionary<string, long> _otherLevels = new(StringComparer.Ordinal);
        private readonly TextCounts _flags = new(MaxTextKeys);
        private readonly TextCounts _measures = new(MaxTextKeys);
        private readonly Dictionary<string, string> _measureKeys = new(StringComparer.Ordinal);
        private readonly ItemPlan?[] _items;
        private readonly double[] _itemSums;
        private readonly long[] _itemCounts;
        private long _graded;
        private long _withheld;
        private long _quotaMoved;

        public KindAccumulator(ResultTable table, GradingScheme scheme)
        {
            _table = table;
            _scheme = scheme;
            _levels = [.. scheme.Model.Levels.Select(l => l.DisplayName)];
            _levelCounts = new long[_levels.Length];
            var unused = scheme.Model.Items.ToList();
            _items = new ItemPlan?[table.Items.Count];
            for (var i = 0; i < _items.Length; i++)
            {
                var item = unused.FirstOrDefault(p => p.DisplayName == table.Items[i]);
                _items[i] = item;
                if (item is not null)
                {
                    unused.Remove(item);
                }
            }

            _itemSums = new double[_items.Length];
            _itemCounts = new long[_items.Length];
        }

        public int LevelOrdinal(string label) => Array.IndexOf(_levels, label);

        public void Add(ResultRow row)
        {
            _graded++;
            var ordinal = LevelOrdinal(row.Level);
            if (ordinal >= 0)
            {
                _levelCounts[ordinal]++;
            }
            else if (row.Level.Length == 0)
            {
                _withheld++;
            }
            else
            {
                _otherLevels[row.Level] = _otherLevels.GetValueOrDefault(row.Level) + 1;
            }

            for (var i = 0; i < _items.Length && i < row.Items.Count; i++)
            {
                if (row.Items[i] is { } score)
                {
                    _itemSums[i] += score;
                    _itemCounts[i]++;
                }
            }

            foreach (var flag in row.Flags)
            {
                _flags.Add(flag);
            }

            foreach (var measure in row.Measures)
            {
                if (!_measureKeys.TryGetValue(measure, out var key))
                {
                    key = WithoutNumbers(measure);
                    if (_measureKeys.Count < MaxTextKeys * 10)
                    {
                        _measureKeys.Add(measure, key);
                    }
                }

                _measures.Add(key);
            }

            if (row.QuotaNote.Length > 0)
            {
                _quotaMoved++;
            }
        }

        public KindReport ToReport()
        {
            var levels = _levels.Select((label, i) => new LevelCount(label, _levelCounts[i], Share(_levelCounts[i], _graded)))
                .Concat(_otherLevels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new LevelCount(p.Key, p.Value, Share(p.Value, _graded))))
                .Concat(_withheld > 0 ? [new LevelCount(NoLevel, _withheld, Share(_withheld, _graded))] : [])
                .ToList();
            var all = _scheme.Model.Items;
            var parents = all.Select(i => i.Parent).ToHashSet();
            var items = new List<ItemLoss>();
            for (var i = 0; i < _items.Length; i++)
            {
                if (_items[i] is not { } item)
                {
                    continue;
                }

                var count = _itemCounts[i];
                var full = item.FullPoints * count;
                var lost = full - _itemSums[i];
                items.Add(new ItemLoss(
                    item.DisplayName,
                    item.Depth,
                    !parents.Contains(IndexOf(all, item)),
                    item.FullPoints,
                    count,
                    count == 0 ? 0 : Math.Round(_itemSums[i] / count, 2, MidpointRounding.AwayFromZero),
                    Math.Round(lost, 2, MidpointRounding.AwayFromZero),
                    full == 0 ? 0 : Math.Round(lost / full, 4, MidpointRounding.AwayFromZero)));
            }

            return new KindReport(
                _table.Kind,
                _scheme.Id,
                _scheme.Version,
                _scheme.Name,
                _graded,
                levels,
                [.. _flags.Top(ProvinceReport.ListLimit).Select(p => new LevelCount(p.Key, p.Value, Share(p.Value, _graded)))],
                [.. _measures.Top(ProvinceReport.ListLimit).Select(p => new LevelCount(p.Key, p.Value, Share(p.Value, _graded)))],
                _quotaMoved,
                items);
        }

        private static int IndexOf(IReadOnlyList<ItemPlan> items, ItemPlan item)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (ReferenceEquals(items[i], item))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
