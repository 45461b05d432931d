using System.Runtime.CompilerServices;
using GradingEngine.Batch.Summary;
using GradingEngine.Grading;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Report;

/// <summary>
/// Levels, flags, measures and item scores of one kind of subject, added row by row in output order: counts and
/// bounded lists only. The same rows in the same order give the same report, whichever source they come from (the
/// run as it commits, the result files, the store).
/// </summary>
internal sealed class KindAccumulator
{
    private const int MaxTextKeys = 10_000;

    private readonly string _kind;
    private readonly GradingScheme _scheme;
    private readonly string[] _levels;
    private readonly long[] _levelCounts;
    private readonly Dictionary<string, long> _otherLevels = new(StringComparer.Ordinal);
    private readonly TextCounts _flags = new(MaxTextKeys);
    private readonly TextCounts _measures = new(MaxTextKeys);
    private readonly Dictionary<string, StrongBox<long>> _measureCounters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StrongBox<long>> _measureInstances = new(ReferenceEqualityComparer.Instance);
    private StrongBox<long>?[] _measureByKey = [];
    private readonly string[]? _measureStarts;
    private readonly ItemPlan?[] _items;
    private readonly double[] _itemSums;
    private readonly long[] _itemCounts;
    private long _graded;
    private long _withheld;
    private long _quotaMoved;
    private bool _anyMeasure;

    /// <param name="kind">党组织, 领导班子 or 党员.</param>
    /// <param name="scheme">The scheme that graded the kind.</param>
    /// <param name="itemLabels">The items' labels in the order the rows give their scores.</param>
    public KindAccumulator(string kind, GradingScheme scheme, IReadOnlyList<string> itemLabels)
    {
        _kind = kind;
        _scheme = scheme;
        _levels = [.. scheme.Model.Levels.Select(l => l.DisplayName)];
        _levelCounts = new long[_levels.Length];
        var unused = scheme.Model.Items.ToList();
        _items = new ItemPlan?[itemLabels.Count];
        for (var i = 0; i < _items.Length; i++)
        {
            var item = unused.FirstOrDefault(p => p.DisplayName == itemLabels[i]);
            _items[i] = item;
            if (item is not null)
            {
                unused.Remove(item);
            }
        }

        _itemSums = new double[_items.Length];
        _itemCounts = new long[_items.Length];
        _measureStarts = MeasureStarts(scheme.Model);
    }

    /// <summary>The kind: 党组织, 领导班子 or 党员.</summary>
    public string Kind => _kind;

    /// <summary>
    /// Whether the rows carry their measures, when the source knows; null: taken from the rows (a kind none of whose
    /// rows holds a measure is reported as not recorded, as a store's members graded without them).
    /// </summary>
    public bool? MeasuresRecorded { get; init; }

    /// <summary>The level's ordinal in the scheme (best first), or -1 when it is not one of the scheme's levels.</summary>
    public int LevelOrdinal(string label) => Array.IndexOf(_levels, label);

    /// <summary>Adds a row of the folder's or the store's kind.</summary>
    public int Add(ResultRow row) => Add(
        row.Level,
        row.Items is double?[] items ? items : [.. row.Items],
        row.Flags is string[] flags ? flags : [.. row.Flags],
        row.Measures is string[] measures ? measures : [.. row.Measures],
        row.QuotaNote.Length > 0);

    /// <summary>Adds one subject; returns its level's ordinal (-1 when withheld or unknown).</summary>
    /// <param name="level">The level's label, empty when withheld.</param>
    /// <param name="items">Each item's score as the results show it (<see cref="ReportNumber.AsWritten"/>), null when absent.</param>
    /// <param name="flags">The flags raised.</param>
    /// <param name="measures">The measures recommended.</param>
    /// <param name="quotaMoved">Whether a quota moved the subject down.</param>
    public int Add(string level, ReadOnlySpan<double?> items, ReadOnlySpan<string> flags, ReadOnlySpan<string> measures, bool quotaMoved)
    {
        var ordinal = AddSubject(level, items, flags, quotaMoved);
        AddMeasures(measures);
        return ordinal;
    }

    /// <summary>
    /// Adds one subject whose measures a grading worker turned into the numbers of their keys
    /// (<see cref="MeasureKeys"/>): counted as <see cref="Add(string, ReadOnlySpan{double?}, ReadOnlySpan{string}, ReadOnlySpan{string}, bool)"/>
    /// counts their texts, when none of them is to be joined to the one before (<see cref="JoinsMeasures"/>).
    /// </summary>
    public int Add(string level, ReadOnlySpan<double?> items, ReadOnlySpan<string> flags, ReadOnlySpan<int> measureKeys, bool quotaMoved)
    {
        var ordinal = AddSubject(level, items, flags, quotaMoved);
        foreach (var key in measureKeys)
        {
            if (key >= _measureByKey.Length)
            {
                Array.Resize(ref _measureByKey, Math.Max(key + 1, _measureByKey.Length * 2));
            }

            (_measureByKey[key] ??= _measures.Counter(MeasureKeys.Text(key))).Value++;
        }

        return ordinal;
    }

    /// <summary>The numbers of this kind's measures' keys, which grading workers look up.</summary>
    public MeasureKeys MeasureKeys { get; } = new();

    /// <summary>Whether <see cref="Add(string, ReadOnlySpan{double?}, ReadOnlySpan{string}, ReadOnlySpan{string}, bool)"/> would join one of the measures to the one before (a result file's cell split at a ； of its own). Thread-safe.</summary>
    public bool JoinsMeasures(ReadOnlySpan<string> measures)
    {
        if (_measureStarts is null)
        {
            return false;
        }

        for (var i = 1; i < measures.Length; i++)
        {
            if (!StartsMeasure(measures[i]))
            {
                return true;
            }
        }

        return false;
    }

    private int AddSubject(string level, ReadOnlySpan<double?> items, ReadOnlySpan<string> flags, bool quotaMoved)
    {
        _graded++;
        var ordinal = LevelOrdinal(level);
        if (ordinal >= 0)
        {
            _levelCounts[ordinal]++;
        }
        else if (level.Length == 0)
        {
            _withheld++;
        }
        else
        {
            _otherLevels[level] = _otherLevels.GetValueOrDefault(level) + 1;
        }

        for (var i = 0; i < _items.Length && i < items.Length; i++)
        {
            if (items[i] is { } score)
            {
                _itemSums[i] += score;
                _itemCounts[i]++;
            }
        }

        for (var i = 0; i < flags.Length; i++)
        {
            _flags.Add(flags[i]);
        }

        if (quotaMoved)
        {
            _quotaMoved++;
        }

        return ordinal;
    }

    private void AddMeasures(ReadOnlySpan<string> measures)
    {
        _anyMeasure |= measures.Length > 0;
        for (var i = 0; i < measures.Length; i++)
        {
            var measure = measures[i];
            while (_measureStarts is not null && i + 1 < measures.Length && !StartsMeasure(measures[i + 1]))
            {
                measure = measure + "；" + measures[++i]; // a result file's cell split one measure at its own ；
            }

            if (_measureInstances.TryGetValue(measure, out var counter))
            {
                counter.Value++; // the same string again: a measure without numbers is one text the plan hands out every time
                continue;
            }

            if (_measureCounters.TryGetValue(measure, out counter))
            {
                if (_measureInstances.Count < MaxTextKeys)
                {
                    _measureInstances.Add(measure, counter);
                }
            }
            else
            {
                counter = _measures.Counter(ReportAggregator.WithoutNumbers(measure));
                if (_measureCounters.Count < MaxTextKeys * 10)
                {
                    _measureCounters.Add(measure, counter); // a measure's text is looked up once, not its key too
                }
            }

            counter.Value++;
        }
    }

    /// <summary>The kind's part of the report.</summary>
    public KindReport ToReport()
    {
        var levels = _levels.Select((label, i) => new LevelCount(label, _levelCounts[i], ReportAggregator.Share(_levelCounts[i], _graded)))
            .Concat(_otherLevels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new LevelCount(p.Key, p.Value, ReportAggregator.Share(p.Value, _graded))))
            .Concat(_withheld > 0 ? [new LevelCount(ReportAggregator.NoLevel, _withheld, ReportAggregator.Share(_withheld, _graded))] : [])
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
            _kind,
            _scheme.Id,
            _scheme.Version,
            _scheme.Name,
            _graded,
            levels,
            [.. _flags.Top(ProvinceReport.ListLimit).Select(p => new LevelCount(p.Key, p.Value, ReportAggregator.Share(p.Value, _graded)))],
            [.. _measures.Top(ProvinceReport.ListLimit).Select(p => new LevelCount(p.Key, p.Value, ReportAggregator.Share(p.Value, _graded)))],
            _quotaMoved,
            items)
        {
            MeasuresRecorded = MeasuresRecorded ?? _anyMeasure,
        };
    }

    /// <summary>
    /// The literal text each of the scheme's measures starts with (up to its first ；), so that a measure a result
    /// file's cell split at a ； of its own is joined again; null (never join) when a measure starts with an expression.
    /// </summary>
    private static string[]? MeasureStarts(CheckedScheme scheme)
    {
        var starts = new List<string>();
        foreach (var action in scheme.Rules.SelectMany(r => r.Actions).Where(a => a.Kind == Schemes.ActionKind.Measure))
        {
            var start = action.MeasureStart ?? string.Empty;
            var cut = start.IndexOf('；', StringComparison.Ordinal);
            start = cut >= 0 ? start[..cut] : start;
            if (start.Length == 0)
            {
                return null;
            }

            starts.Add(start);
        }

        return starts.Count == 0 ? null : [.. starts.Distinct()];
    }

    private bool StartsMeasure(string text)
    {
        foreach (var start in _measureStarts!)
        {
            if (text.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
